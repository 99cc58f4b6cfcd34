// Command-line parsing for tessera-collector; see options.hpp.
#include "collector/options.hpp"

#include <cstdlib>

#include "collector/admission.hpp"

namespace tessera::collector {
namespace {

bool parse_int(const std::string& text, int min, int max, int& out) {
  if (text.empty()) return false;
  char* end = nullptr;
  long value = std::strtol(text.c_str(), &end, 10);
  if (*end != '\0' || value < min || value > max) return false;
  out = static_cast<int>(value);
  return true;
}

}  // namespace

const char* const kCollectorUsage =
    "usage: tessera-collector [--db FILE|postgresql://USER@HOST:PORT/DB] [--host 127.0.0.1]\n"
    "         [--port 8080] [--allow-origin ORIGIN]... [--rate N/s] [--burst M]\n"
    "         [--threads 8] [--db-connections 4] [--mount /prefix=DIR]... [--csp]\n"
    "  --allow-origin  a web origin whose pages may post (repeatable; '*' for any)\n"
    "  --rate, --burst token bucket per client address (--rate 0 turns it off)\n";

std::string parse_collector_options(int argc, const char* const* argv, CollectorOptions& o) {
  for (int i = 1; i < argc; ++i) {
    std::string flag = argv[i];
    bool has_value = i + 1 < argc;
    std::string value = has_value ? argv[i + 1] : "";
    auto needs_value = [&]() -> bool {
      if (has_value) ++i;
      return has_value;
    };
    if (flag == "--csp") {
      o.csp = true;
      continue;
    }
    if (!needs_value()) return flag + " needs a value";
    if (flag == "--db") {
      o.db = value;
    } else if (flag == "--host") {
      o.host = value;
    } else if (flag == "--port") {
      if (!parse_int(value, 0, 65535, o.port)) return "--port: expected 0-65535";
    } else if (flag == "--mount") {
      auto eq = value.find('=');
      if (eq == std::string::npos) return "--mount: expected /prefix=DIR";
      o.mounts.emplace_back(value.substr(0, eq), value.substr(eq + 1));
    } else if (flag == "--allow-origin") {
      // An origin is scheme://host[:port] with no path; a trailing slash
      // would never match what a browser sends, so refuse it here.
      bool ok =
          value == "*" || ((value.rfind("https://", 0) == 0 || value.rfind("http://", 0) == 0) &&
                           value.find('/', value.find("//") + 2) == std::string::npos);
      if (!ok) return "--allow-origin: expected '*' or scheme://host[:port], got " + value;
      o.allow_origins.push_back(value);
    } else if (flag == "--rate") {
      if (!parse_rate(value, o.rate_per_second)) return "--rate: expected N/s, N/m or 0";
    } else if (flag == "--burst") {
      int burst = 0;
      if (!parse_int(value, 1, 1000000, burst)) return "--burst: expected a count >= 1";
      o.burst = burst;
    } else if (flag == "--threads") {
      if (!parse_int(value, 1, 256, o.threads)) return "--threads: expected 1-256";
    } else if (flag == "--db-connections") {
      if (!parse_int(value, 1, 256, o.db_connections)) return "--db-connections: expected 1-256";
    } else {
      return "unknown flag " + flag;
    }
  }
  return "";
}

}  // namespace tessera::collector
