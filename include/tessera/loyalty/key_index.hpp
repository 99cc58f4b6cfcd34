// An index from string keys (event idempotency keys, order ids) to small
// integers, for the ledger's replay loop. A std::unordered_map<std::string,
// int> allocates a node and copies the key per insert; this table stores
// only (hash, value) pairs in one open-addressed array and reads keys back
// from where they already live through a callback, so an insert allocates
// nothing but the occasional doubling of the table.
//
//   KeyIndex index;
//   auto key_of = [&](int i) -> std::string_view { return events[i].key; };
//   if (index.find("o-17", key_of) < 0) index.insert("o-17", 3, key_of);
//
// Lookups only: iteration order is never observable, so the hash need not
// be the same on every platform (it is anyway: FNV-1a).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace tessera::loyalty {

class KeyIndex {
 public:
  // The value stored for `key`, or -1.
  template <typename KeyOf>
  int find(std::string_view key, KeyOf key_of) const {
    if (slots_.empty()) return -1;
    std::uint32_t h = hash(key);
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.value < 0) return -1;
      if (s.hash == h && key_of(s.value) == key) return s.value;
    }
  }

  // The value stored for `key` if there is one; otherwise adds `key` ->
  // `value` and returns -1. One hash and one probe sequence for both.
  // key_of must be able to read `value`'s key only once it is stored.
  template <typename KeyOf>
  int find_or_insert(std::string_view key, int value, KeyOf key_of) {
    if ((size_ + 1) * 2 > slots_.size()) grow();
    std::uint32_t h = hash(key);
    std::size_t i = h & mask_;
    for (;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.value < 0) break;
      if (s.hash == h && key_of(s.value) == key) return s.value;
    }
    slots_[i] = Slot{h, value};
    ++size_;
    return -1;
  }

  // Room for `n` keys without growing.
  void reserve(std::size_t n) {
    std::size_t want = 16;
    while (want < n * 2) want *= 2;
    if (want > slots_.size()) rehash(want);
  }

  // Adds `key` -> `value` (>= 0); the key must not be present yet.
  void insert(std::string_view key, int value) {
    if ((size_ + 1) * 2 > slots_.size()) grow();
    place({hash(key), value});
    ++size_;
  }

  void clear() {
    slots_.clear();
    size_ = 0;
    mask_ = 0;
  }
  std::size_t size() const { return size_; }

 private:
  struct Slot {
    std::uint32_t hash = 0;
    std::int32_t value = -1;  // -1: empty
  };

  static std::uint32_t hash(std::string_view key) {
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : key) {
      h ^= c;
      h *= 1099511628211ull;
    }
    return static_cast<std::uint32_t>(h ^ (h >> 32));
  }

  void place(Slot s) {
    std::size_t i = s.hash & mask_;
    while (slots_[i].value >= 0) i = (i + 1) & mask_;
    slots_[i] = s;
  }

  void grow() { rehash(slots_.empty() ? 16 : slots_.size() * 2); }

  void rehash(std::size_t capacity) {
    std::vector<Slot> old;
    old.swap(slots_);
    slots_.assign(capacity, Slot{});
    mask_ = slots_.size() - 1;
    for (const Slot& s : old) {
      if (s.value >= 0) place(s);
    }
  }

  std::vector<Slot> slots_;
  std::size_t size_ = 0;
  std::size_t mask_ = 0;
};

}  // namespace tessera::loyalty
