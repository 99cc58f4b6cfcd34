// Names of status codes and their text form; see include/tessera/common/status.hpp.
#include "tessera/common/status.hpp"

namespace tessera {

std::string_view code_name(Code code) {
  switch (code) {
    case Code::kOk:
      return "ok";
    case Code::kInvalidJson:
      return "invalid_json";
    case Code::kInvalidType:
      return "invalid_type";
    case Code::kMissingField:
      return "missing_field";
    case Code::kUnknownField:
      return "unknown_field";
    case Code::kOutOfRange:
      return "out_of_range";
    case Code::kInvalidValue:
      return "invalid_value";
    case Code::kDuplicateId:
      return "duplicate_id";
    case Code::kNotFound:
      return "not_found";
    case Code::kLimitExceeded:
      return "limit_exceeded";
    case Code::kFailedPrecondition:
      return "failed_precondition";
    case Code::kCryptoError:
      return "crypto_error";
    case Code::kInternal:
      return "internal";
  }
  return "internal";
}

std::string Status::to_string() const {
  if (ok()) return "ok";
  std::string out(code_name(code_));
  if (!path_.empty()) out += " at " + path_;
  out += ": " + message_;
  return out;
}

}  // namespace tessera
