// Status and Result<T>: how every failure in Tessera is reported.
//
// The core never throws. A function that can fail returns a Status (or a
// Result<T> holding either a value or a Status). A Status carries a code, a
// human-readable message, and `path`: a JSON pointer (RFC 6901) into the
// input that was wrong, so a merchant can find the bad field at once.
//
//   Result<SurveyDefinition> def = parse_survey(text);
//   if (!def.ok()) {
//     // def.status().path() == "/pages/0/questions/3/scale/max"
//     // def.status().message() == "expected an integer from 2 to 10"
//   }
//
// Codes cross the wasm boundary as their string names; the mirror on the JS
// side is web/src/errors.js. Keep both lists in the same order.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace tessera {

enum class Code {
  kOk = 0,
  kInvalidJson,         // text is not well-formed JSON
  kInvalidType,         // a value has the wrong JSON type
  kMissingField,        // a required field is absent
  kUnknownField,        // a field the schema does not know (likely a typo)
  kOutOfRange,          // a number or length outside its allowed range
  kInvalidValue,        // a value of the right type that is not allowed
  kDuplicateId,         // two things share an id that must be unique
  kNotFound,            // a referenced id does not exist
  kLimitExceeded,       // input larger or deeper than the configured limits
  kFailedPrecondition,  // the operation is not allowed in the current state
  kCryptoError,         // a key, signature or sealed box is invalid
  kInternal,            // a bug in Tessera: please report it
};

// Stable string name of a code, e.g. "invalid_type". Used in JSON errors.
std::string_view code_name(Code code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(Code code, std::string message, std::string path = {})
      : code_(code), message_(std::move(message)), path_(std::move(path)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  // JSON pointer into the offending input; "" means the whole input.
  const std::string& path() const { return path_; }

  // "invalid_type at /pages/0/id: expected a string"
  std::string to_string() const;

 private:
  Code code_ = Code::kOk;
  std::string message_;
  std::string path_;
};

// Either a T or a non-OK Status. Access value() only after checking ok().
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}         // NOLINT: implicit by design
  Result(Status status) : data_(std::move(status)) {}  // NOLINT

  bool ok() const { return std::holds_alternative<T>(data_); }
  const T& value() const& { return std::get<T>(data_); }
  T& value() & { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

  Status status() const { return ok() ? Status::Ok() : std::get<Status>(data_); }

 private:
  std::variant<T, Status> data_;
};

}  // namespace tessera

// Propagates a non-OK Status from an expression returning Status.
#define TESSERA_RETURN_IF_ERROR(expr)          \
  do {                                         \
    ::tessera::Status _tessera_st = (expr);    \
    if (!_tessera_st.ok()) return _tessera_st; \
  } while (false)

#define TESSERA_CONCAT_INNER(a, b) a##b
#define TESSERA_CONCAT(a, b) TESSERA_CONCAT_INNER(a, b)
// TESSERA_ASSIGN_OR_RETURN(auto x, f()); declares x from a Result or returns
// its Status.
#define TESSERA_ASSIGN_OR_RETURN(decl, expr) \
  TESSERA_ASSIGN_OR_RETURN_IMPL(TESSERA_CONCAT(_tessera_r, __LINE__), decl, expr)
#define TESSERA_ASSIGN_OR_RETURN_IMPL(tmp, decl, expr) \
  auto tmp = (expr);                                   \
  if (!tmp.ok()) return tmp.status();                  \
  decl = std::move(tmp).value()
