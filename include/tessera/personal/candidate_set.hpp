// A list of ranking candidates checked and indexed once, so that ranking it
// again (every page view, against a changing profile) does no string work.
//
// compile() validates the ids (as rank() would) and interns every category
// and tag id into a small integer slot; each candidate then holds slot
// numbers. rank() resolves the slots against the profile's affinity table
// once per call (a merge of two sorted id lists) and scores candidates by
// array lookups. The engine compiles the site config's candidates when it
// loads the config, and a set replaced by personal.setCandidates once.
//
//   Result<CandidateSet> set = CandidateSet::compile(std::move(candidates));
//   for (std::uint32_t slot : set->categories_of(7)) set->category_ids()[slot];
//   std::optional<std::size_t> i = set->find("offer-12");
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tessera/common/status.hpp"

namespace tessera::personal {

struct Candidate {
  std::string id;
  std::vector<std::string> categories;
  std::vector<std::string> tags;
  bool eligible = true;  // the merchant's eligibility rule, already evaluated
};

constexpr std::size_t kMaxCandidates = 10000;

// A run of slots inside a CandidateSet: range-for over it.
struct SlotRange {
  const std::uint32_t* first = nullptr;
  const std::uint32_t* last = nullptr;
  const std::uint32_t* begin() const { return first; }
  const std::uint32_t* end() const { return last; }
  std::size_t size() const { return static_cast<std::size_t>(last - first); }
};

class CandidateSet {
 public:
  CandidateSet() = default;  // empty: rank() refuses it

  // Errors: kInvalidValue for an empty list ("/candidates"), kLimitExceeded
  // above 10,000 candidates, bad or duplicate ids ("/candidates/3/id").
  static Result<CandidateSet> compile(std::vector<Candidate> candidates);

  std::size_t size() const { return candidates_.size(); }
  bool empty() const { return candidates_.empty(); }
  const Candidate& operator[](std::size_t i) const { return candidates_[i]; }
  const std::vector<Candidate>& candidates() const { return candidates_; }

  // Index of the candidate with this id.
  std::optional<std::size_t> find(std::string_view id) const;

  // Distinct category and tag ids of all candidates, sorted.
  const std::vector<std::string>& category_ids() const { return category_ids_; }
  const std::vector<std::string>& tag_ids() const { return tag_ids_; }
  // Candidate i's categories and tags as slots into the lists above, each
  // id once, in the order the candidate lists them.
  SlotRange categories_of(std::size_t i) const { return range(2 * i); }
  SlotRange tags_of(std::size_t i) const { return range(2 * i + 1); }

 private:
  SlotRange range(std::size_t run) const {
    return {slots_.data() + bounds_[run], slots_.data() + bounds_[run + 1]};
  }

  std::vector<Candidate> candidates_;
  std::vector<std::uint32_t> by_id_;  // candidate indices sorted by id
  std::vector<std::string> category_ids_;
  std::vector<std::string> tag_ids_;
  std::vector<std::uint32_t> slots_;   // candidate 0's categories, its tags, candidate 1's ...
  std::vector<std::uint32_t> bounds_;  // run r spans slots_[bounds_[r], bounds_[r + 1])
};

}  // namespace tessera::personal
