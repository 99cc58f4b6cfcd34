// The collector's command-line flags (docs/collector.md has the full list).
//
//   CollectorOptions opt;
//   std::string error = parse_collector_options(argc, argv, opt);
//   if (!error.empty()) { std::cerr << error << "\n" << kCollectorUsage; return 1; }
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace tessera::collector {

struct CollectorOptions {
  // A SQLite file, or a postgres:// / postgresql:// URL.
  std::string db = "var/responses.sqlite";
  std::string host = "127.0.0.1";
  int port = 8080;
  bool csp = false;
  std::vector<std::pair<std::string, std::string>> mounts;  // URL prefix, folder
  std::vector<std::string> allow_origins;
  // Per client address. A shop's visitors behind one NAT share an address,
  // so the default is generous; a visitor sends a handful of records a day.
  double rate_per_second = 20;
  double burst = 60;
  int threads = 8;         // HTTP worker threads
  int db_connections = 4;  // PostgreSQL pool size per process
};

extern const char* const kCollectorUsage;

// "" on success, else what is wrong with the command line.
std::string parse_collector_options(int argc, const char* const* argv, CollectorOptions& out);

}  // namespace tessera::collector
