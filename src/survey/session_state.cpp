// Session records, snapshots and per-respondent ordering; see
// tessera/survey/session.hpp.
#include <algorithm>
#include <numeric>

#include "tessera/score/nps.hpp"
#include "tessera/survey/session.hpp"

namespace tessera::survey {
namespace {

// SplitMix64 (Steele, Lea & Flood 2014): a tiny, well-mixed generator whose
// output is identical on every platform, so a respondent sees the same
// order natively, in wasm and after a reload.
std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// FNV-1a: mixes an id into the seed so each question shuffles differently.
std::uint64_t fnv1a(std::string_view s) {
  std::uint64_t h = 0xCBF29CE484222325ull;
  for (unsigned char c : s) h = (h ^ c) * 0x100000001B3ull;
  return h;
}

std::vector<std::size_t> shuffled(std::size_t n, std::uint64_t seed, std::string_view salt) {
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::uint64_t state = seed ^ fnv1a(salt);
  for (std::size_t i = n; i > 1; --i) {
    std::swap(order[i - 1], order[splitmix64(state) % i]);
  }
  return order;
}

}  // namespace

std::string uuid_v4_from_bytes(const std::array<std::uint8_t, 16>& bytes) {
  std::array<std::uint8_t, 16> b = bytes;
  b[6] = static_cast<std::uint8_t>((b[6] & 0x0F) | 0x40);  // version 4
  b[8] = static_cast<std::uint8_t>((b[8] & 0x3F) | 0x80);  // RFC 4122 variant
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += kHex[b[i] >> 4];
    out += kHex[b[i] & 0x0F];
  }
  return out;
}

Json ResponseRecord::to_json() const {
  return Json{{"v", 1},
              {"kind", kind},
              {"surveyId", survey_id},
              {"surveyVersion", survey_version},
              {"responseId", response_id},
              {"idempotencyKey", idempotency_key},
              {"locale", locale},
              {"startedAt", started_at_ms},
              {"completedAt", completed_at_ms},
              {"answers", answers},
              {"calculated", calculated},
              {"npsClass", nps_class},
              {"variant", variant},
              {"followUp", follow_up}};
}

int assign_variant(const SurveyDefinition& def, std::string_view visitor_id) {
  if (def.variants.empty()) return -1;
  std::int64_t total = 0;
  for (const Variant& v : def.variants) total += v.weight;
  std::uint64_t h = fnv1a(std::string(visitor_id) + "/" + def.id);
  std::uint64_t state = h;
  auto pick = static_cast<std::int64_t>(splitmix64(state) % static_cast<std::uint64_t>(total));
  for (std::size_t i = 0; i < def.variants.size(); ++i) {
    pick -= def.variants[i].weight;
    if (pick < 0) return static_cast<int>(i);
  }
  return static_cast<int>(def.variants.size()) - 1;
}

const LocalizedText& Session::variant_text(const Question& q, const LocalizedText& base,
                                           LocalizedText Variant::Texts::*field) const {
  if (variant_ < 0) return base;
  const auto& texts = definition_->variants[static_cast<std::size_t>(variant_)].texts;
  auto it = texts.find(q.id);
  if (it == texts.end() || (it->second.*field).empty()) return base;
  return it->second.*field;
}

Json Session::follow_up() const {
  if (!definition_->recovery) return Json();
  const Recovery& r = *definition_->recovery;
  bool needed = holds(logic_->dependencies().recovery);
  bool consent = needed && answers_.value("recovery_contact", Json(false)) == true;
  Json out = {{"needed", needed},
              {"consent", consent},
              {"channel", r.channel},
              {"goodwillPoints", needed ? r.goodwill_points : 0}};
  if (consent) out["address"] = answers_.value("recovery_channel", Json(""));
  return out;
}

std::vector<std::size_t> Session::question_order(std::size_t page) const {
  const Page& p = definition_->pages[page];
  if (!p.randomize_questions) {
    std::vector<std::size_t> order(p.questions.size());
    std::iota(order.begin(), order.end(), 0);
    return order;
  }
  return shuffled(p.questions.size(), start_.seed, p.id);
}

std::vector<std::size_t> Session::choice_order(const Question& q) const {
  if (!q.choice.randomize) {
    std::vector<std::size_t> order(q.choice.choices.size());
    std::iota(order.begin(), order.end(), 0);
    return order;
  }
  // "other" and "none" are not in the list: they always stay last.
  return shuffled(q.choice.choices.size(), start_.seed, q.id);
}

Json Session::record_answers() const { return answers_; }

ResponseRecord Session::partial(std::int64_t at_ms, std::string key) const {
  ResponseRecord r;
  r.kind = "partial";
  r.survey_id = definition_->id;
  r.survey_version = definition_->version;
  r.response_id = start_.response_id;
  r.idempotency_key = std::move(key);
  r.locale = start_.locale;
  r.started_at_ms = start_.started_at_ms;
  r.completed_at_ms = at_ms;
  r.answers = record_answers();
  r.calculated = calculated_;
  r.follow_up = follow_up();
  if (variant_ >= 0) r.variant = definition_->variants[static_cast<std::size_t>(variant_)].id;
  for (const Page& page : definition_->pages) {
    for (const Question& q : page.questions) {
      auto it = answers_.find(q.id);
      if (q.type != QuestionType::kNps || it == answers_.end()) continue;
      auto cls = score::classify_nps(it->get<std::int64_t>());
      if (cls.ok()) r.nps_class[q.id] = std::string(score::nps_class_name(*cls));
    }
  }
  return r;
}

Result<ResponseRecord> Session::complete(std::int64_t completed_at_ms) {
  if (state_ != SessionState::kInProgress) {
    return Status(Code::kFailedPrecondition,
                  "the survey is " + std::string(session_state_name(state_)));
  }
  if (!on_last_page()) return Status(Code::kFailedPrecondition, "pages remain; answer them first");
  if (completed_at_ms < start_.started_at_ms) {
    return Status(Code::kOutOfRange, "completion time is before the start time", "/completedAt");
  }
  if (!validate_page()) {
    return Status(Code::kFailedPrecondition, "the page has unanswered or invalid questions");
  }
  ResponseRecord r = partial(completed_at_ms, start_.response_id);
  r.kind = "final";
  state_ = SessionState::kCompleted;
  return r;
}

Json Session::snapshot() const {
  return Json{{"v", 1},
              {"surveyId", definition_->id},
              {"surveyVersion", definition_->version},
              {"locale", start_.locale},
              {"startedAt", start_.started_at_ms},
              {"seed", std::to_string(start_.seed)},  // a string: JS numbers lose bits
              {"responseId", start_.response_id},
              {"state", std::string(session_state_name(state_))},
              {"page", page_index_},
              {"history", history_},
              {"commits", commits_},
              {"visitorId", start_.visitor_id},
              {"answers", answers_}};
}

Result<Session> Session::restore(std::shared_ptr<const SurveyDefinition> definition,
                                 std::shared_ptr<const SurveyLogic> logic, const Json& snap) {
  TESSERA_RETURN_IF_ERROR(expect_object(snap, ""));
  FieldReader r(snap, "");
  TESSERA_RETURN_IF_ERROR(r.reject_unknown({"v", "surveyId", "surveyVersion", "locale", "startedAt",
                                            "seed", "responseId", "state", "page", "history",
                                            "commits", "visitorId", "answers"}));
  TESSERA_ASSIGN_OR_RETURN(auto version, r.required_int("v", 1, 1));
  (void)version;
  TESSERA_ASSIGN_OR_RETURN(std::string survey_id, r.required_id("surveyId"));
  TESSERA_ASSIGN_OR_RETURN(auto survey_version, r.required_int("surveyVersion", 1, 1'000'000'000));
  if (!definition || survey_id != definition->id || survey_version != definition->version) {
    return Status(Code::kFailedPrecondition, "the snapshot belongs to another survey version",
                  "/surveyVersion");
  }
  SessionStart start;
  TESSERA_ASSIGN_OR_RETURN(start.locale, r.required_string("locale", 35));
  TESSERA_ASSIGN_OR_RETURN(start.started_at_ms, r.required_int("startedAt", 0, INT64_MAX / 2));
  TESSERA_ASSIGN_OR_RETURN(std::string seed, r.required_string("seed", 20));
  char* end = nullptr;
  start.seed = std::strtoull(seed.c_str(), &end, 10);
  if (seed.empty() || end != seed.c_str() + seed.size()) {
    return Status(Code::kInvalidValue, "expected a decimal seed", "/seed");
  }
  TESSERA_ASSIGN_OR_RETURN(start.response_id, r.required_string("responseId", 36));
  TESSERA_ASSIGN_OR_RETURN(start.visitor_id, r.optional_string("visitorId", "", 128));
  TESSERA_ASSIGN_OR_RETURN(Session s, Session::start(definition, logic, start));
  TESSERA_ASSIGN_OR_RETURN(std::string state, r.required_string("state", 16));
  if (state != "in_progress") {
    return Status(Code::kFailedPrecondition, "only a survey in progress can be resumed", "/state");
  }
  auto pages = static_cast<std::int64_t>(definition->pages.size());
  TESSERA_ASSIGN_OR_RETURN(auto page, r.required_int("page", 0, pages - 1));
  TESSERA_ASSIGN_OR_RETURN(auto commits, r.required_int("commits", 0, 1'000'000));
  const Json* history = r.find("history");
  if (history == nullptr || !history->is_array() || history->size() > definition->pages.size()) {
    return Status(Code::kInvalidType, "expected an array of page indexes", "/history");
  }
  for (const Json& h : *history) {
    TESSERA_ASSIGN_OR_RETURN(auto i, read_int(h, "/history", 0, page));
    s.history_.push_back(static_cast<std::size_t>(i));
  }
  s.page_index_ = static_cast<std::size_t>(page);
  s.commits_ = static_cast<std::size_t>(commits);
  // Replay answers through the same checks a live session applies; the
  // snapshot came from storage and is untrusted.
  const Json* answers = r.find("answers");
  if (answers == nullptr || !answers->is_object()) {
    return Status(Code::kInvalidType, "expected an object", "/answers");
  }
  for (auto it = answers->begin(); it != answers->end(); ++it) {
    std::string key = it.key();
    bool other = key.size() > 6 && key.compare(key.size() - 6, 6, "-other") == 0;
    const Question* q = definition->find_question(other ? key.substr(0, key.size() - 6) : key);
    if (q == nullptr) continue;
    if (!other && !check_answer(*q, *it).ok()) continue;
    if (other && (!it->is_string() || !q->choice.has_other)) continue;
    s.answers_[key] = *it;
  }
  s.refresh();
  return s;
}

}  // namespace tessera::survey
