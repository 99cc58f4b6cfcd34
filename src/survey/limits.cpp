// Size and nesting checks of a definition given as a JSON value; see
// tessera/survey/limits.hpp. Text input is limited by parse_json before it is
// parsed; a definition that arrives as a value (inside a site config, from
// the SurveyJS importer) is measured here without serializing it.
#include "tessera/survey/limits.hpp"

#include <string>

namespace tessera::survey {
namespace {

std::size_t digits(std::uint64_t v) {
  std::size_t n = 1;
  while (v >= 10) {
    v /= 10;
    ++n;
  }
  return n;
}

// Bytes dump_json writes for a string, quotes included.
std::size_t string_bytes(const std::string& s) {
  std::size_t n = 2;
  for (unsigned char c : s) {
    if (c == '"' || c == '\\' || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t') {
      n += 2;
    } else if (c < 0x20) {
      n += 6;  // \u00XX
    } else {
      n += 1;
    }
  }
  return n;
}

struct Walk {
  std::size_t max_bytes = 0;
  int max_depth = 0;
  std::size_t bytes = 0;
  bool too_deep = false;
  std::string deep_path;  // the first value nested too deeply

  // Returns false as soon as a limit is passed. Recursion is bounded by
  // max_depth (and parse_json bounded the depth of the value already).
  bool visit(const Json& v, int depth, const std::string& path) {
    if (v.is_structured() && depth > max_depth) {
      too_deep = true;
      deep_path = path;
      return false;
    }
    switch (v.type()) {
      case Json::value_t::object: {
        bytes += 2 + (v.empty() ? 0 : v.size() - 1);  // braces and commas
        for (auto it = v.begin(); it != v.end(); ++it) {
          bytes += string_bytes(it.key()) + 1;  // key and colon
          if (!visit(*it, depth + 1, pointer_join(path, it.key()))) return false;
        }
        break;
      }
      case Json::value_t::array: {
        bytes += 2 + (v.empty() ? 0 : v.size() - 1);
        for (std::size_t i = 0; i < v.size(); ++i) {
          if (!visit(v[i], depth + 1, pointer_join(path, i))) return false;
        }
        break;
      }
      case Json::value_t::string:
        bytes += string_bytes(v.get_ref<const std::string&>());
        break;
      case Json::value_t::boolean:
        bytes += v.get<bool>() ? 4 : 5;
        break;
      case Json::value_t::null:
        bytes += 4;
        break;
      case Json::value_t::number_unsigned:
        bytes += digits(v.get<std::uint64_t>());
        break;
      case Json::value_t::number_integer: {
        auto i = v.get<std::int64_t>();
        bytes += i < 0 ? 1 + digits(0 - static_cast<std::uint64_t>(i))
                       : digits(static_cast<std::uint64_t>(i));
        break;
      }
      default:
        bytes += dump_json(v).size();  // floats: rare in definitions
        break;
    }
    return bytes <= max_bytes;
  }
};

}  // namespace

Status check_definition_size(const Json& value, const std::string& path,
                             const SurveyLimits& limits) {
  Walk walk;
  walk.max_bytes = limits.max_definition_bytes;
  walk.max_depth = limits.max_nesting;
  // Containers count from 1, as parse_json counts brackets: the definition
  // object itself is level 1, a scalar adds no level.
  if (walk.visit(value, 1, path)) return Status::Ok();
  if (walk.too_deep) {
    return Status(Code::kLimitExceeded,
                  "nested deeper than " + std::to_string(limits.max_nesting) + " levels",
                  walk.deep_path);
  }
  return Status(Code::kLimitExceeded,
                "the definition is over " + std::to_string(limits.max_definition_bytes) +
                    " bytes as compact JSON",
                path);
}

}  // namespace tessera::survey
