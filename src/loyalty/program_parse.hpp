// Internal: the parts of program parsing, one per seam of the format.
#pragma once

#include <string>
#include <vector>

#include "tessera/loyalty/program.hpp"

namespace tessera::loyalty::detail {

// Ceiling for any points or money value in a program: 10^15 leaves three
// orders of magnitude of headroom below int64 for sums and products.
constexpr std::int64_t kMaxAmount = 1'000'000'000'000'000;

Result<std::vector<std::string>> read_string_list(const FieldReader& r, std::string_view key,
                                                  std::size_t max_items);
Status read_rules(const Json& value, const std::string& path, Program& program);
Status read_tiers(const Json& value, const std::string& path, Program& program);
// After tiers: tier multipliers become multiplier rules; multiplier tier
// lists are checked against the tier ids.
Status link_rules_to_tiers(Program& program);
Status read_rewards(const Json& value, const std::string& path, Program& program);
Status read_badges(const Json& value, const std::string& path, Program& program);

}  // namespace tessera::loyalty::detail
