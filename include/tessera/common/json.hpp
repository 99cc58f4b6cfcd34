// JSON input with limits and JSON-pointer error paths.
//
// Everything Tessera reads (survey definitions, site configs, events, calls
// across the wasm boundary) is untrusted. parse_json() refuses text that is
// too large or nested too deeply before nlohmann_json sees it, and reports a
// syntax error with its byte offset. FieldReader then reads an object's
// fields with type and range checks, naming the exact pointer on failure:
//
//   TESSERA_ASSIGN_OR_RETURN(Json doc, parse_json(text));
//   TESSERA_RETURN_IF_ERROR(expect_object(doc, ""));
//   FieldReader page(doc, "/pages/0");
//   TESSERA_RETURN_IF_ERROR(page.reject_unknown({"id", "title", "questions"}));
//   TESSERA_ASSIGN_OR_RETURN(std::string id, page.required_id("id"));
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "tessera/common/status.hpp"

namespace tessera {

using Json = nlohmann::json;

struct JsonLimits {
  std::size_t max_bytes = 1u << 20;  // 1 MiB of text
  int max_depth = 32;                // nesting of arrays and objects
};

// Parses JSON text. Errors: kLimitExceeded (size, depth), kInvalidJson (with
// the byte offset of the first bad character in the message).
Result<Json> parse_json(std::string_view text, const JsonLimits& limits = {});

// Deterministic compact serialization (object keys sorted, UTF-8 kept as is).
// The same value gives the same bytes natively and in wasm.
std::string dump_json(const Json& value);

// JSON pointer helpers (RFC 6901: '~' -> "~0", '/' -> "~1").
std::string pointer_join(std::string_view base, std::string_view token);
std::string pointer_join(std::string_view base, std::size_t index);

Status expect_object(const Json& value, const std::string& path);
Status expect_array(const Json& value, const std::string& path, std::size_t min_items,
                    std::size_t max_items);

// Number of Unicode code points in valid UTF-8 (what a person calls length).
std::size_t utf8_length(std::string_view text);

// Reads the fields of one JSON object. The object must outlive the reader.
class FieldReader {
 public:
  // Precondition: object.is_object() (check with expect_object first).
  FieldReader(const Json& object, std::string path);

  const std::string& path() const { return path_; }
  std::string path_of(std::string_view key) const { return pointer_join(path_, key); }
  // nullptr when the key is absent. A JSON null counts as present.
  const Json* find(std::string_view key) const;
  bool has(std::string_view key) const { return find(key) != nullptr; }

  // kUnknownField for the first key not in `known` (catches typos).
  Status reject_unknown(std::initializer_list<std::string_view> known) const;

  // Strings: length limits are in code points.
  Result<std::string> required_string(std::string_view key, std::size_t max_length) const;
  Result<std::string> optional_string(std::string_view key, std::string fallback,
                                      std::size_t max_length) const;
  // An identifier: 1-64 characters of [A-Za-z0-9_.-], starting with a letter
  // or digit. Ids appear in URLs, reports and expressions, so keep them plain.
  Result<std::string> required_id(std::string_view key) const;

  Result<std::int64_t> required_int(std::string_view key, std::int64_t min, std::int64_t max) const;
  Result<std::int64_t> optional_int(std::string_view key, std::int64_t fallback, std::int64_t min,
                                    std::int64_t max) const;
  Result<bool> optional_bool(std::string_view key, bool fallback) const;

 private:
  const Json& object_;
  std::string path_;
};

// Checks an identifier as FieldReader::required_id does.
Status check_id(std::string_view id, const std::string& path);

// Checks that `value` is an integer (not a float) within [min, max].
Result<std::int64_t> read_int(const Json& value, const std::string& path, std::int64_t min,
                              std::int64_t max);

}  // namespace tessera
