// `tessera ldp-estimate`: population statistics from the private (LDP)
// reports a collector stored, for every metric of the site config (or one).
//
//   tessera ldp-estimate --db responses.sqlite --config site-config.json [--metric top-interest]
//
// Prints one JSON line per metric: the core's unbiased frequency estimates
// with 95% intervals (docs/privacy.md), each value labelled with its
// category for interest metrics, plus the number of reports and of rows
// rejected because they do not fit the metric's current parameters (an
// older config, a forged row). Exits 0, 2 when rows were rejected (they are
// counted by reason on stderr), 1 on a usage or I/O error.
#pragma once

#include <map>
#include <string>

namespace tessera::cli {

int run_ldp_estimate(const std::map<std::string, std::string>& options);

}  // namespace tessera::cli
