// Limited JSON parsing and path-aware field reading; see tessera/common/json.hpp.
#include "tessera/common/json.hpp"

#include <algorithm>
#include <cstdint>
#include <string>

namespace tessera {
namespace {

// Collects the position of the first syntax error without exceptions.
struct ErrorOffsetSax : nlohmann::json_sax<Json> {
  std::size_t offset = 0;
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception&) override {
    offset = position;
    return false;
  }
};

// Nesting depth of brackets outside strings. Runs before the real parser so
// that hostile input never reaches recursive code (dump, destruction).
int max_nesting(std::string_view text) {
  int depth = 0;
  int deepest = 0;
  bool in_string = false;
  bool escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return deepest;
}

const char* type_name(const Json& v) {
  switch (v.type()) {
    case Json::value_t::null:
      return "null";
    case Json::value_t::object:
      return "an object";
    case Json::value_t::array:
      return "an array";
    case Json::value_t::string:
      return "a string";
    case Json::value_t::boolean:
      return "a boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
      return "an integer";
    case Json::value_t::number_float:
      return "a number";
    default:
      return "an unsupported value";
  }
}

Status type_error(const Json& got, const std::string& path, std::string_view expected) {
  return Status(Code::kInvalidType, "expected " + std::string(expected) + ", got " + type_name(got),
                path);
}

}  // namespace

Result<Json> parse_json(std::string_view text, const JsonLimits& limits) {
  if (text.size() > limits.max_bytes) {
    return Status(Code::kLimitExceeded, "JSON text is " + std::to_string(text.size()) +
                                            " bytes; the limit is " +
                                            std::to_string(limits.max_bytes));
  }
  if (max_nesting(text) > limits.max_depth) {
    return Status(Code::kLimitExceeded,
                  "JSON nesting deeper than " + std::to_string(limits.max_depth) + " levels");
  }
  Json doc = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    ErrorOffsetSax sax;
    Json::sax_parse(text.begin(), text.end(), &sax);
    return Status(Code::kInvalidJson,
                  "not valid JSON: syntax error at byte " + std::to_string(sax.offset));
  }
  return doc;
}

namespace {

// nlohmann's serializer, the definition of the output: compact, UTF-8 kept,
// and error_handler::replace (invalid UTF-8 cannot occur in parsed input, but
// strings built in code must never abort the process either).
std::string reference_dump(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

// Printable ASCII without '"' or '\\' is written as is by the reference;
// anything else (escapes, UTF-8 checks) goes through it.
void append_string(std::string& out, const std::string& s) {
  for (unsigned char c : s) {
    if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\') {
      out += reference_dump(Json(s));
      return;
    }
  }
  out += '"';
  out += s;
  out += '"';
}

// The same bytes as reference_dump, several times faster: the reference
// checks UTF-8 byte by byte through a state machine even for plain ASCII,
// and views of large surveys are serialized on every answer.
void append_json(std::string& out, const Json& v) {
  switch (v.type()) {
    case Json::value_t::null:
      out += "null";
      return;
    case Json::value_t::boolean:
      out += v.get<bool>() ? "true" : "false";
      return;
    case Json::value_t::number_integer:
      out += std::to_string(v.get<std::int64_t>());
      return;
    case Json::value_t::number_unsigned:
      out += std::to_string(v.get<std::uint64_t>());
      return;
    case Json::value_t::string:
      append_string(out, v.get_ref<const std::string&>());
      return;
    case Json::value_t::array: {
      out += '[';
      bool first = true;
      for (const Json& item : v) {
        if (!first) out += ',';
        first = false;
        append_json(out, item);
      }
      out += ']';
      return;
    }
    case Json::value_t::object: {
      out += '{';
      bool first = true;
      for (auto it = v.begin(); it != v.end(); ++it) {
        if (!first) out += ',';
        first = false;
        append_string(out, it.key());
        out += ':';
        append_json(out, *it);
      }
      out += '}';
      return;
    }
    default:  // floats (shortest round-trip form), binary, discarded
      out += reference_dump(v);
      return;
  }
}

}  // namespace

std::string dump_json(const Json& value) {
  std::string out;
  out.reserve(256);
  append_json(out, value);
  return out;
}

std::string pointer_join(std::string_view base, std::string_view token) {
  std::string out(base);
  out.reserve(base.size() + token.size() + 1);
  out += '/';
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

std::string pointer_join(std::string_view base, std::size_t index) {
  return std::string(base) + "/" + std::to_string(index);
}

Status expect_object(const Json& value, const std::string& path) {
  if (!value.is_object()) return type_error(value, path, "an object");
  return Status::Ok();
}

Status expect_array(const Json& value, const std::string& path, std::size_t min_items,
                    std::size_t max_items) {
  if (!value.is_array()) return type_error(value, path, "an array");
  if (value.size() < min_items) {
    return Status(Code::kOutOfRange,
                  "expected at least " + std::to_string(min_items) + " item(s), got " +
                      std::to_string(value.size()),
                  path);
  }
  if (value.size() > max_items) {
    return Status(Code::kLimitExceeded,
                  "expected at most " + std::to_string(max_items) + " items, got " +
                      std::to_string(value.size()),
                  path);
  }
  return Status::Ok();
}

std::size_t utf8_length(std::string_view text) {
  std::size_t n = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++n;  // count every byte that starts a code point
  }
  return n;
}

Status check_id(std::string_view id, const std::string& path) {
  auto plain = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  };
  bool ok = !id.empty() && id.size() <= 64 && plain(id.front()) &&
            std::all_of(id.begin(), id.end(),
                        [&](char c) { return plain(c) || c == '_' || c == '-' || c == '.'; });
  if (!ok) {
    return Status(Code::kInvalidValue,
                  "expected an id of 1-64 characters from A-Z a-z 0-9 _ - . starting with a "
                  "letter or digit",
                  path);
  }
  return Status::Ok();
}

Result<std::int64_t> read_int(const Json& value, const std::string& path, std::int64_t min,
                              std::int64_t max) {
  std::string range = "an integer from " + std::to_string(min) + " to " + std::to_string(max);
  if (value.is_number_unsigned()) {
    auto u = value.get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(max) || (min > 0 && u < static_cast<std::uint64_t>(min))) {
      return Status(Code::kOutOfRange, "expected " + range + ", got " + std::to_string(u), path);
    }
    return static_cast<std::int64_t>(u);
  }
  if (!value.is_number_integer()) return type_error(value, path, range);
  auto i = value.get<std::int64_t>();
  if (i < min || i > max) {
    return Status(Code::kOutOfRange, "expected " + range + ", got " + std::to_string(i), path);
  }
  return i;
}

FieldReader::FieldReader(const Json& object, std::string path)
    : object_(object), path_(std::move(path)) {}

const Json* FieldReader::find(std::string_view key) const {
  auto it = object_.find(key);
  return it == object_.end() ? nullptr : &*it;
}

Status FieldReader::reject_unknown(std::initializer_list<std::string_view> known) const {
  for (auto it = object_.begin(); it != object_.end(); ++it) {
    if (std::find(known.begin(), known.end(), it.key()) == known.end()) {
      std::string list;
      for (auto k : known) list += (list.empty() ? "" : ", ") + std::string(k);
      return Status(Code::kUnknownField, "unknown field; expected one of: " + list,
                    path_of(it.key()));
    }
  }
  return Status::Ok();
}

Result<std::string> FieldReader::required_string(std::string_view key,
                                                 std::size_t max_length) const {
  const Json* v = find(key);
  if (v == nullptr) return Status(Code::kMissingField, "required field is missing", path_of(key));
  return optional_string(key, {}, max_length);
}

Result<std::string> FieldReader::optional_string(std::string_view key, std::string fallback,
                                                 std::size_t max_length) const {
  const Json* v = find(key);
  if (v == nullptr) return fallback;
  if (!v->is_string()) return type_error(*v, path_of(key), "a string");
  const auto& s = v->get_ref<const std::string&>();
  if (utf8_length(s) > max_length) {
    return Status(Code::kLimitExceeded,
                  "expected at most " + std::to_string(max_length) + " characters", path_of(key));
  }
  return s;
}

Result<std::string> FieldReader::required_id(std::string_view key) const {
  TESSERA_ASSIGN_OR_RETURN(std::string id, required_string(key, 64));
  TESSERA_RETURN_IF_ERROR(check_id(id, path_of(key)));
  return id;
}

Result<std::int64_t> FieldReader::required_int(std::string_view key, std::int64_t min,
                                               std::int64_t max) const {
  const Json* v = find(key);
  if (v == nullptr) return Status(Code::kMissingField, "required field is missing", path_of(key));
  return read_int(*v, path_of(key), min, max);
}

Result<std::int64_t> FieldReader::optional_int(std::string_view key, std::int64_t fallback,
                                               std::int64_t min, std::int64_t max) const {
  const Json* v = find(key);
  if (v == nullptr) return fallback;
  return read_int(*v, path_of(key), min, max);
}

Result<bool> FieldReader::optional_bool(std::string_view key, bool fallback) const {
  const Json* v = find(key);
  if (v == nullptr) return fallback;
  if (!v->is_boolean()) return type_error(*v, path_of(key), "a boolean");
  return v->get<bool>();
}

}  // namespace tessera
