// SplitSummary<S, Key>: one summary per A/B variant or per time bucket, so a
// score can be compared across variants or followed over time ("NPS by
// day"), and still merged exactly.
//
// Keys are variant ids (std::string, the plain ids of check_id) or time
// buckets (std::int64_t chosen by the caller, e.g. days since the epoch in
// the merchant's fixed offset: the core has no clock). Every part starts as
// a copy of the split's empty summary, which fixes the scale (a CSAT 1..7
// split makes 1..7 parts).
//
//   ByBucket<NpsSummary> by_day;
//   TESSERA_ASSIGN_OR_RETURN(NpsSummary* day, by_day.part(19876));
//   TESSERA_RETURN_IF_ERROR(day->add_answer(9));
//   ByVariant<CsatSummary> ab(*CsatSummary::create({1, 7}));
//   TESSERA_ASSIGN_OR_RETURN(CsatSummary* b, ab.part("checkout-b"));
//   dump_json(ab.to_json());
//   // {"by":"variant","empty":{...},"kind":"split","parts":[{"key":"checkout-b",...}],"v":1}
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>

#include "tessera/common/json.hpp"
#include "tessera/common/status.hpp"
#include "tessera/score/summary.hpp"

namespace tessera::score {

// How a key is named, checked and written. Specialized for the two key types.
template <typename Key>
struct SplitKey;

template <>
struct SplitKey<std::string> {
  static constexpr std::string_view kBy = "variant";
  static Status check(const std::string& key, const std::string& path) {
    return check_id(key, path);
  }
  static Result<std::string> read(const Json& value, const std::string& path) {
    if (!value.is_string()) return Status(Code::kInvalidType, "expected a variant id", path);
    const std::string& key = value.get_ref<const std::string&>();
    TESSERA_RETURN_IF_ERROR(check(key, path));
    return key;
  }
};

template <>
struct SplitKey<std::int64_t> {
  static constexpr std::string_view kBy = "bucket";
  static Status check(std::int64_t key, const std::string& path) {
    if (key < -kMaxCount || key > kMaxCount) {
      return Status(Code::kOutOfRange, "a time bucket is an integer within +-(2^53-1)", path);
    }
    return Status::Ok();
  }
  static Result<std::int64_t> read(const Json& value, const std::string& path) {
    return read_int(value, path, -kMaxCount, kMaxCount);
  }
};

// The most parts a split reads from JSON (a year of days per variant is far
// below this).
inline constexpr std::size_t kMaxSplitParts = 10000;

// S: a summary type with n(), Status merge(const S&), to_json(),
// static from_json(json, path) and operator==.
template <typename S, typename Key = std::string>
class SplitSummary {
 public:
  // `empty` must have no answers; it fixes the scale of every part.
  explicit SplitSummary(S empty = S{}) : empty_(std::move(empty)) {}

  // The part for `key`, created empty on first use. kInvalidValue or
  // kOutOfRange for a key SplitKey<Key> refuses.
  Result<S*> part(const Key& key) {
    TESSERA_RETURN_IF_ERROR(SplitKey<Key>::check(key, ""));
    auto it = parts_.find(key);
    if (it == parts_.end()) it = parts_.emplace(key, empty_).first;
    return &it->second;
  }
  // nullptr when the key has no part.
  const S* find(const Key& key) const {
    auto it = parts_.find(key);
    return it == parts_.end() ? nullptr : &it->second;
  }
  const std::map<Key, S>& parts() const { return parts_; }
  const S& empty() const { return empty_; }

  // All parts merged: the summary as if it had never been split.
  Result<S> total() const {
    S out = empty_;
    for (const auto& entry : parts_) TESSERA_RETURN_IF_ERROR(out.merge(entry.second));
    return out;
  }

  // Merges part by part; errors (scales differ, limits) leave *this unchanged.
  Status merge(const SplitSummary& other) {
    SplitSummary next = *this;
    S check = next.empty_;
    TESSERA_RETURN_IF_ERROR(check.merge(other.empty_));
    for (const auto& entry : other.parts_) {
      auto it = next.parts_.find(entry.first);
      if (it == next.parts_.end()) it = next.parts_.emplace(entry.first, next.empty_).first;
      TESSERA_RETURN_IF_ERROR(it->second.merge(entry.second));
    }
    *this = std::move(next);
    return Status::Ok();
  }

  // {"v":1,"kind":"split","by":"variant"|"bucket","empty":{...},
  //  "parts":[{"key":...,"summary":{...}}, ...]} with keys ascending.
  Json to_json() const {
    Json out = summary_envelope("split");
    out["by"] = std::string(SplitKey<Key>::kBy);
    out["empty"] = empty_.to_json();
    Json parts = Json::array();
    for (const auto& entry : parts_) {
      parts.push_back(Json{{"key", entry.first}, {"summary", entry.second.to_json()}});
    }
    out["parts"] = std::move(parts);
    return out;
  }

  static Result<SplitSummary> from_json(const Json& json, const std::string& path = "") {
    TESSERA_RETURN_IF_ERROR(expect_object(json, path));
    FieldReader r(json, path);
    TESSERA_RETURN_IF_ERROR(r.reject_unknown({"v", "kind", "by", "empty", "parts"}));
    TESSERA_RETURN_IF_ERROR(check_envelope(r, "split"));
    TESSERA_ASSIGN_OR_RETURN(std::string by, r.required_string("by", 16));
    if (by != SplitKey<Key>::kBy) {
      return Status(Code::kInvalidValue,
                    "expected a split by " + std::string(SplitKey<Key>::kBy) + ", got " + by,
                    r.path_of("by"));
    }
    const Json* empty = r.find("empty");
    const Json* parts = r.find("parts");
    if (empty == nullptr || parts == nullptr) {
      return Status(Code::kMissingField, "required field is missing",
                    r.path_of(empty == nullptr ? "empty" : "parts"));
    }
    TESSERA_ASSIGN_OR_RETURN(S empty_summary, S::from_json(*empty, r.path_of("empty")));
    if (empty_summary.n() != 0) {
      return Status(Code::kInvalidValue, "the empty summary has answers", r.path_of("empty"));
    }
    SplitSummary out(std::move(empty_summary));
    TESSERA_RETURN_IF_ERROR(expect_array(*parts, r.path_of("parts"), 0, kMaxSplitParts));
    for (std::size_t i = 0; i < parts->size(); ++i) {
      const std::string part_path = pointer_join(r.path_of("parts"), i);
      TESSERA_RETURN_IF_ERROR(expect_object((*parts)[i], part_path));
      FieldReader pr((*parts)[i], part_path);
      TESSERA_RETURN_IF_ERROR(pr.reject_unknown({"key", "summary"}));
      const Json* key_json = pr.find("key");
      const Json* summary_json = pr.find("summary");
      if (key_json == nullptr || summary_json == nullptr) {
        return Status(Code::kMissingField, "required field is missing",
                      pr.path_of(key_json == nullptr ? "key" : "summary"));
      }
      TESSERA_ASSIGN_OR_RETURN(Key key, SplitKey<Key>::read(*key_json, pr.path_of("key")));
      // Ascending keys: one canonical text per split, and no duplicates.
      if (!out.parts_.empty() && !(out.parts_.rbegin()->first < key)) {
        return Status(Code::kInvalidValue, "parts must be in ascending key order, without repeats",
                      pr.path_of("key"));
      }
      TESSERA_ASSIGN_OR_RETURN(S summary, S::from_json(*summary_json, pr.path_of("summary")));
      S part = out.empty_;
      Status fits = part.merge(summary);  // same scale as the empty summary
      if (!fits.ok()) return Status(fits.code(), fits.message(), pr.path_of("summary"));
      out.parts_.emplace(std::move(key), std::move(part));
    }
    return out;
  }

  friend bool operator==(const SplitSummary& a, const SplitSummary& b) {
    return a.empty_ == b.empty_ && a.parts_ == b.parts_;
  }

 private:
  S empty_;
  std::map<Key, S> parts_;
};

template <typename S>
using ByVariant = SplitSummary<S, std::string>;
template <typename S>
using ByBucket = SplitSummary<S, std::int64_t>;

}  // namespace tessera::score
