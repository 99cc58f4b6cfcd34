// Conventions shared by every score summary: integer state, count limits,
// display rounding and the JSON envelope.
//
// A summary's state is integers only (counts and sums of integer answers),
// so merging the summaries of parts gives exactly, bit for bit, the summary
// of the whole, in any order and any grouping. Derived numbers (means,
// shares, intervals) are recomputed from that state whenever they are asked
// for. In JSON the state is written as exact integers and the derived
// numbers go into a "display" object, rounded by round_display():
//
//   {"v":1,"kind":"nps","counts":{...},"n":4,"display":{"score":25.0,...}}
//
// from_json() reads the state and ignores "display" (it is recomputed), so a
// stored summary can be merged later without loss:
//
//   TESSERA_ASSIGN_OR_RETURN(NpsSummary stored, NpsSummary::from_json(doc));
//   TESSERA_RETURN_IF_ERROR(stored.merge(today));
//   std::string text = dump_json(stored.to_json());
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tessera/common/json.hpp"
#include "tessera/common/status.hpp"

namespace tessera::score {

// Every integer of a summary's state stays within 0..2^53-1, the largest
// range a JavaScript number holds exactly, so a summary survives a trip
// through JS (wasm bindings, browser storage) unchanged.
inline constexpr std::int64_t kMaxCount = 9007199254740991;

// Display values carry this many decimals.
inline constexpr int kDisplayDecimals = 4;

// Rounds to kDisplayDecimals decimals, halves away from zero. Native x86-64
// and wasm32 give the same bits: see summary.cpp for why.
double round_display(double x);

// round_display(*x) as a JSON number, or JSON null when x is empty
// (a mean of no answers is not 0, it does not exist).
Json display_number(std::optional<double> x);

// total += more, or kLimitExceeded (naming `what`) past kMaxCount; total is
// unchanged on error. Both must be in 0..kMaxCount.
Status add_checked(std::int64_t& total, std::int64_t more, std::string_view what);

// {"v": 1, "kind": kind}: the start of every summary's JSON.
Json summary_envelope(std::string_view kind);

// Checks "v" == 1 and "kind" == kind in a summary object read by `reader`.
Status check_envelope(const FieldReader& reader, std::string_view kind);

// Reads a count (integer 0..kMaxCount).
Result<std::int64_t> read_count(const Json& value, const std::string& path);

// Reads an array of exactly `size` counts.
Result<std::vector<std::int64_t>> read_counts(const Json& value, const std::string& path,
                                              std::size_t size);

}  // namespace tessera::score
