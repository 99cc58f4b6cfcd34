// A/B variants and service recovery in survey definitions; see
// tessera/survey/definition.hpp.
#include <algorithm>

#include "tessera/survey/definition.hpp"

namespace tessera::survey {
namespace {

Result<LocalizedText> optional_text(const FieldReader& r, std::string_view key,
                                    std::size_t max_length) {
  return read_optional_text(r, key, max_length);
}

Question statement(std::string id, LocalizedText title) {
  Question q;
  q.id = std::move(id);
  q.type = QuestionType::kStatement;
  q.title = std::move(title);
  return q;
}

}  // namespace

Status read_variants(const FieldReader& s, const SurveyLimits& limits, SurveyDefinition& def) {
  const Json* list = s.find("variants");
  if (list == nullptr) return Status::Ok();
  std::string at = s.path_of("variants");
  TESSERA_RETURN_IF_ERROR(
      expect_array(*list, at, 2, std::max<std::size_t>(2, limits.max_variants)));
  for (std::size_t i = 0; i < list->size(); ++i) {
    std::string vp = pointer_join(at, i);
    TESSERA_RETURN_IF_ERROR(expect_object((*list)[i], vp));
    FieldReader v((*list)[i], vp);
    TESSERA_RETURN_IF_ERROR(v.reject_unknown({"id", "weight", "texts"}));
    Variant variant;
    TESSERA_ASSIGN_OR_RETURN(variant.id, v.required_id("id"));
    for (const Variant& other : def.variants) {
      if (other.id == variant.id) {
        return Status(Code::kDuplicateId, "variant id is used twice", v.path_of("id"));
      }
    }
    TESSERA_ASSIGN_OR_RETURN(variant.weight, v.optional_int("weight", 1, 1, 1000));
    if (const Json* texts = v.find("texts")) {
      std::string tp = v.path_of("texts");
      TESSERA_RETURN_IF_ERROR(expect_object(*texts, tp));
      for (auto it = texts->begin(); it != texts->end(); ++it) {
        std::string qp = pointer_join(tp, it.key());
        if (def.find_question(it.key()) == nullptr) {
          return Status(Code::kNotFound, "no question \"" + it.key() + "\"", qp);
        }
        TESSERA_RETURN_IF_ERROR(expect_object(*it, qp));
        FieldReader t(*it, qp);
        TESSERA_RETURN_IF_ERROR(t.reject_unknown({"title", "description", "minLabel", "maxLabel"}));
        Variant::Texts texts_for;
        TESSERA_ASSIGN_OR_RETURN(texts_for.title,
                                 optional_text(t, "title", limits.max_title_length));
        TESSERA_ASSIGN_OR_RETURN(texts_for.description,
                                 optional_text(t, "description", limits.max_description_length));
        TESSERA_ASSIGN_OR_RETURN(texts_for.min_label,
                                 optional_text(t, "minLabel", limits.max_title_length));
        TESSERA_ASSIGN_OR_RETURN(texts_for.max_label,
                                 optional_text(t, "maxLabel", limits.max_title_length));
        variant.texts.emplace(it.key(), std::move(texts_for));
      }
    }
    def.variants.push_back(std::move(variant));
  }
  return Status::Ok();
}

Status read_recovery(const FieldReader& s, const SurveyLimits& limits, SurveyDefinition& def) {
  const Json* value = s.find("recovery");
  if (value == nullptr) return Status::Ok();
  std::string at = s.path_of("recovery");
  TESSERA_RETURN_IF_ERROR(expect_object(*value, at));
  FieldReader r(*value, at);
  TESSERA_RETURN_IF_ERROR(r.reject_unknown({"when", "apology", "ask", "channel", "channelLabel",
                                            "goodwillPoints", "goodwillText", "goodwillEvent"}));
  Recovery recovery;
  TESSERA_ASSIGN_OR_RETURN(recovery.condition,
                           r.required_string("when", limits.max_expression_length));
  TESSERA_ASSIGN_OR_RETURN(recovery.channel, r.optional_string("channel", "email", 8));
  if (recovery.channel != "email" && recovery.channel != "phone") {
    return Status(Code::kInvalidValue, "expected \"email\" or \"phone\"", r.path_of("channel"));
  }
  TESSERA_ASSIGN_OR_RETURN(recovery.goodwill_points,
                           r.optional_int("goodwillPoints", 0, 0, 1'000'000));
  if (r.has("goodwillEvent")) {
    TESSERA_ASSIGN_OR_RETURN(recovery.goodwill_event, r.required_id("goodwillEvent"));
  }
  TESSERA_ASSIGN_OR_RETURN(LocalizedText apology,
                           optional_text(r, "apology", limits.max_description_length));
  TESSERA_ASSIGN_OR_RETURN(LocalizedText ask, optional_text(r, "ask", limits.max_title_length));
  TESSERA_ASSIGN_OR_RETURN(LocalizedText channel_label,
                           optional_text(r, "channelLabel", limits.max_title_length));
  TESSERA_ASSIGN_OR_RETURN(LocalizedText goodwill_text,
                           optional_text(r, "goodwillText", limits.max_description_length));
  if (apology.empty()) {
    return Status(Code::kMissingField, "a recovery step needs an apology", r.path_of("apology"));
  }
  if (def.page_index("recovery") >= 0 || def.find_question("recovery_contact") != nullptr) {
    return Status(Code::kDuplicateId, "the ids \"recovery\" and \"recovery_*\" are reserved", at);
  }
  // The expanded page is ordinary survey content, so the session, the view
  // model and the renderer need nothing special for it.
  Page page;
  page.id = "recovery";
  page.visible_if = recovery.condition;
  page.questions.push_back(statement("recovery_apology", apology));
  if (recovery.goodwill_points > 0 && !goodwill_text.empty()) {
    page.questions.push_back(statement("recovery_goodwill", goodwill_text));
  }
  Question contact;
  contact.id = "recovery_contact";
  contact.type = QuestionType::kYesNo;
  contact.title = ask.empty() ? LocalizedText("May we contact you to make this right?") : ask;
  page.questions.push_back(std::move(contact));
  Question channel;
  channel.id = "recovery_channel";
  channel.type = QuestionType::kText;
  channel.required = true;
  channel.visible_if = "{recovery_contact} = true";
  channel.text.kind = recovery.channel == "email" ? TextKind::kEmail : TextKind::kText;
  channel.text.max_length = 200;
  channel.title =
      channel_label.empty()
          ? LocalizedText(recovery.channel == "email" ? "Your email address" : "Your phone number")
          : channel_label;
  page.questions.push_back(std::move(channel));
  def.pages.push_back(std::move(page));
  def.recovery = std::move(recovery);
  return Status::Ok();
}

}  // namespace tessera::survey
