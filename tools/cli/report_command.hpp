// `tessera report` and the hidden `tessera seal-test-records`, apart from
// main.cpp so that each command stays one readable file.
//
//   tessera report --key merchant.key --db responses.sqlite [--config site-config.json]
//                  [--format html|csv|json] [--out report.html] [--threads 2] [--timing]
//   tessera seal-test-records --key merchant.key --db test.sqlite --count 500 [--seed 7]
//
// `report` exits 0 when every record opened, 2 when some did not (the
// report lists them), 1 on a usage or I/O error.
#pragma once

#include <map>
#include <string>

namespace tessera::cli {

using Options = std::map<std::string, std::string>;

int run_report(const Options& options);
// Test and benchmark data only: seals synthetic records to --key and stores
// them in a SQLite file. --wrong-key K seals K more to a throwaway key and
// --tampered K flips a byte in K more; docs/reports.md describes the mix.
int run_seal_test_records(const Options& options);

}  // namespace tessera::cli
