// Checking and interning a candidate list once; see
// tessera/personal/candidate_set.hpp.
#include "tessera/personal/candidate_set.hpp"

#include <algorithm>

#include "tessera/common/json.hpp"

namespace tessera::personal {
namespace {

// Sorted distinct ids of one kind across all candidates.
std::vector<std::string> vocabulary(const std::vector<Candidate>& candidates,
                                    std::vector<std::string> Candidate::*field) {
  std::vector<std::string> out;
  for (const Candidate& c : candidates) {
    out.insert(out.end(), (c.*field).begin(), (c.*field).end());
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::uint32_t slot_of(const std::vector<std::string>& ids, const std::string& id) {
  return static_cast<std::uint32_t>(std::lower_bound(ids.begin(), ids.end(), id) - ids.begin());
}

}  // namespace

Result<CandidateSet> CandidateSet::compile(std::vector<Candidate> candidates) {
  if (candidates.empty()) {
    return Status(Code::kInvalidValue, "nothing to rank: the candidate list is empty",
                  "/candidates");
  }
  if (candidates.size() > kMaxCandidates) {
    return Status(Code::kLimitExceeded, "at most 10000 candidates", "/candidates");
  }
  // Errors name the first candidate in list order that is at fault, as a
  // single pass over the list would.
  std::size_t first_bad = candidates.size();
  Status bad;
  for (std::size_t i = 0; i < candidates.size() && first_bad == candidates.size(); ++i) {
    bad = check_id(candidates[i].id, "");
    if (!bad.ok()) first_bad = i;
  }
  CandidateSet set;
  set.by_id_.resize(candidates.size());
  for (std::size_t i = 0; i < candidates.size(); ++i) set.by_id_[i] = static_cast<std::uint32_t>(i);
  // Stable: within a run of equal ids, list order.
  std::stable_sort(set.by_id_.begin(), set.by_id_.end(), [&](std::uint32_t a, std::uint32_t b) {
    return candidates[a].id < candidates[b].id;
  });
  std::size_t first_duplicate = candidates.size();
  std::size_t original = 0;
  for (std::size_t k = 1; k < set.by_id_.size(); ++k) {
    const std::uint32_t prev = set.by_id_[k - 1];
    const std::uint32_t cur = set.by_id_[k];
    const bool run_start = k == 1 || candidates[set.by_id_[k - 2]].id != candidates[prev].id;
    if (run_start && candidates[prev].id == candidates[cur].id && cur < first_duplicate) {
      first_duplicate = cur;
      original = prev;
    }
  }
  if (first_bad <= first_duplicate && first_bad < candidates.size()) {
    return Status(bad.code(), bad.message(),
                  pointer_join(pointer_join("/candidates", first_bad), "id"));
  }
  if (first_duplicate < candidates.size()) {
    return Status(Code::kDuplicateId, "the same id as /candidates/" + std::to_string(original),
                  pointer_join(pointer_join("/candidates", first_duplicate), "id"));
  }
  set.category_ids_ = vocabulary(candidates, &Candidate::categories);
  set.tag_ids_ = vocabulary(candidates, &Candidate::tags);
  set.bounds_.reserve(2 * candidates.size() + 1);
  set.bounds_.push_back(0);
  auto add_run = [&](const std::vector<std::string>& ids, const std::vector<std::string>& names) {
    const std::size_t start = set.slots_.size();
    for (const auto& id : ids) {
      const std::uint32_t slot = slot_of(names, id);
      if (std::find(set.slots_.begin() + static_cast<std::ptrdiff_t>(start), set.slots_.end(),
                    slot) == set.slots_.end()) {
        set.slots_.push_back(slot);
      }
    }
    set.bounds_.push_back(static_cast<std::uint32_t>(set.slots_.size()));
  };
  for (const Candidate& c : candidates) {
    add_run(c.categories, set.category_ids_);
    add_run(c.tags, set.tag_ids_);
  }
  set.candidates_ = std::move(candidates);
  return set;
}

std::optional<std::size_t> CandidateSet::find(std::string_view id) const {
  auto it = std::lower_bound(by_id_.begin(), by_id_.end(), id,
                             [&](std::uint32_t i, std::string_view key) {
                               return std::string_view(candidates_[i].id) < key;
                             });
  if (it == by_id_.end() || candidates_[*it].id != id) return std::nullopt;
  return *it;
}

}  // namespace tessera::personal
