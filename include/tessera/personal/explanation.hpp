// Why an item was shown, as data and as a sentence in the person's language.
//
// Every ranked item carries an Explanation: a reason code plus the evidence
// behind it. The data form crosses the wasm boundary unchanged; a localized
// template turns it into text for the "why am I seeing this?" line:
//
//   {"reason":"affinity","category":"running-shoes","events":3,"window":"7d"}
//   -> "because you looked at running shoes this week"
//
//   ExplanationTemplates t = ExplanationTemplates::defaults();  // en, de
//   std::string line = t.render(item.explanation, "de-CH", "en", labels);
//
// Templates are keyed by reason, optionally refined by window ("affinity.7d"
// before "affinity") and by evidence kind ("affinity.tag"). Placeholders:
// {category} (the label of the category or tag), {events}, {days}.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "tessera/common/text.hpp"

namespace tessera::personal {

enum class Reason {
  kAffinity,     // matches an interest in the profile
  kDiscovery,    // no match: a discovery slot, to avoid a filter bubble
  kExploration,  // an epsilon-greedy random pick
};
std::string_view reason_name(Reason reason);  // "affinity", "discovery", "exploration"

struct Explanation {
  Reason reason = Reason::kDiscovery;
  std::string category;  // affinity: the category (or tag) behind the match
  bool via_tag = false;  // the match is on a tag rather than a category
  int events = 0;        // affinity: events about it within the window
  int window_days = 0;   // affinity: the evidence window, or retention if none recent

  // Affinity: {"reason","category"|"tag","events","window":"7d"}; else {"reason"}.
  Json to_json() const;
};

// Display names of catalog ids, per locale. Ids without a label are shown
// with '-' and '_' replaced by spaces ("running-shoes" -> "running shoes").
using CategoryLabels = std::map<std::string, LocalizedText, std::less<>>;

class ExplanationTemplates {
 public:
  // English and German sentences for every reason.
  static ExplanationTemplates defaults();
  // {"affinity.7d": {"en": "...", "fr": "..."}, "discovery": "...", ...}.
  // Keys: a reason name, optionally + ".tag" and/or + ".<days>d". Unknown
  // placeholders are kInvalidValue at the offending key.
  static Result<ExplanationTemplates> parse(const Json& value, const std::string& path);

  // Empty string when no template fits the reason.
  std::string render(const Explanation& why, std::string_view locale,
                     std::string_view default_locale, const CategoryLabels& labels = {}) const;

 private:
  std::map<std::string, LocalizedText, std::less<>> by_key_;
};

}  // namespace tessera::personal
