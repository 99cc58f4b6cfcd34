// Loyalty element strings; see tessera/loyalty/ui_strings.hpp. One row per
// locale, one column per key, in kKeys order. English first: the fallback.
// Polish uses "pkt" (the usual abbreviation) so that one form fits every
// count; the other languages read naturally with a plural noun.
#include "tessera/loyalty/ui_strings.hpp"

#include <array>

#include "tessera/common/text.hpp"
#include "tessera/survey/strings.hpp"

namespace tessera::loyalty {
namespace {

constexpr std::array<std::string_view, 18> kKeys = {
    "cardLabel",    "points",       "pending",         "awaitingConfirmation", "expiringSoon",
    "expiresOn",    "badgesEarned", "topTier",         "tierTopTier",          "nextTier",
    "toNextPoints", "toNextSpend",  "toNextPurchases", "toNextScore",          "progressLabel",
    "youllEarn",    "how",          "hideDetails"};

struct LocaleStrings {
  std::string_view locale;
  std::array<std::string_view, kKeys.size()> text;
};

const LocaleStrings kTable[] = {
    {"en",
     {"Loyalty points", "points", "+{n} pending", "+{n} awaiting confirmation",
      "Expiring soon:", "{n} points on {date}", "Badges earned", "top tier", "{tier}: top tier",
      "next: {tier}", "{n} points to {tier}", "{n} more to spend for {tier}",
      "{n} purchases to {tier}", "{n} score points to {tier}", "Progress to the next tier",
      "You'll earn {n} points", "How?", "Hide details"}},
    {"de",
     {"Treuepunkte", "Punkte", "+{n} ausstehend", "+{n} warten auf Bestätigung", "Verfallen bald:",
      "{n} Punkte am {date}", "Erhaltene Abzeichen", "höchste Stufe", "{tier}: höchste Stufe",
      "nächste: {tier}", "Noch {n} Punkte bis {tier}", "Noch {n} Umsatz bis {tier}",
      "Noch {n} Einkäufe bis {tier}", "Noch {n} Wertungspunkte bis {tier}",
      "Fortschritt zur nächsten Stufe", "Sie erhalten {n} Punkte", "Wie?", "Details ausblenden"}},
    {"fr",
     {"Points de fidélité", "points", "+{n} en attente", "+{n} en attente de confirmation",
      "Expirent bientôt :", "{n} points le {date}", "Badges obtenus", "niveau maximal",
      "{tier} : niveau maximal", "suivant : {tier}", "Encore {n} points pour {tier}",
      "Encore {n} d’achats pour {tier}", "Encore {n} achats pour {tier}",
      "Encore {n} points de score pour {tier}", "Progression vers le niveau suivant",
      "Vous gagnerez {n} points", "Comment ?", "Masquer les détails"}},
    {"es",
     {"Puntos de fidelidad", "puntos", "+{n} pendientes", "+{n} por confirmar", "Caducan pronto:",
      "{n} puntos el {date}", "Insignias obtenidas", "nivel máximo", "{tier}: nivel máximo",
      "siguiente: {tier}", "Faltan {n} puntos para {tier}", "Faltan {n} en compras para {tier}",
      "Faltan {n} compras para {tier}", "Faltan {n} puntos de puntuación para {tier}",
      "Progreso hacia el siguiente nivel", "Ganarás {n} puntos", "¿Cómo?", "Ocultar detalles"}},
    {"it",
     {"Punti fedeltà", "punti", "+{n} in attesa", "+{n} in attesa di conferma",
      "In scadenza:", "{n} punti il {date}", "Badge ottenuti", "livello massimo",
      "{tier}: livello massimo", "prossimo: {tier}", "Ancora {n} punti per {tier}",
      "Ancora {n} di spesa per {tier}", "Ancora {n} acquisti per {tier}",
      "Ancora {n} punti di punteggio per {tier}", "Avanzamento verso il livello successivo",
      "Guadagnerai {n} punti", "Come?", "Nascondi dettagli"}},
    {"pt",
     {"Pontos de fidelidade", "pontos", "+{n} pendentes", "+{n} aguardando confirmação",
      "Expiram em breve:", "{n} pontos em {date}", "Selos conquistados", "nível máximo",
      "{tier}: nível máximo", "próximo: {tier}", "Faltam {n} pontos para {tier}",
      "Faltam {n} em compras para {tier}", "Faltam {n} compras para {tier}",
      "Faltam {n} pontos de pontuação para {tier}", "Progresso para o próximo nível",
      "Você ganhará {n} pontos", "Como?", "Ocultar detalhes"}},
    {"nl",
     {"Spaarpunten", "punten", "+{n} in behandeling", "+{n} wacht op bevestiging",
      "Verlopen binnenkort:", "{n} punten op {date}", "Behaalde badges", "hoogste niveau",
      "{tier}: hoogste niveau", "volgende: {tier}", "Nog {n} punten tot {tier}",
      "Nog {n} besteden tot {tier}", "Nog {n} aankopen tot {tier}",
      "Nog {n} scorepunten tot {tier}", "Voortgang naar het volgende niveau",
      "Je verdient {n} punten", "Hoe?", "Details verbergen"}},
    {"pl",
     {"Punkty lojalnościowe", "pkt", "+{n} oczekujące", "+{n} czeka na potwierdzenie",
      "Wkrótce wygasną:", "{n} pkt dnia {date}", "Zdobyte odznaki", "najwyższy poziom",
      "{tier}: najwyższy poziom", "następny: {tier}", "Jeszcze {n} pkt do {tier}",
      "Wydaj jeszcze {n}, aby osiągnąć {tier}", "Jeszcze {n} zakupów do {tier}",
      "Jeszcze {n} pkt wyniku do {tier}", "Postęp do następnego poziomu", "Zdobędziesz {n} pkt",
      "Jak?", "Ukryj szczegóły"}},
    {"ar",
     {"نقاط الولاء", "نقطة", "+{n} قيد الانتظار", "+{n} بانتظار التأكيد", "تنتهي صلاحيتها قريبًا:",
      "{n} نقطة في {date}", "الشارات المكتسبة", "أعلى مستوى", "{tier}: أعلى مستوى",
      "التالي: {tier}", "{n} نقطة للوصول إلى {tier}", "أنفق {n} إضافية للوصول إلى {tier}",
      "{n} عمليات شراء للوصول إلى {tier}", "{n} نقطة تقييم للوصول إلى {tier}",
      "التقدم نحو المستوى التالي", "ستحصل على {n} نقطة", "كيف؟", "إخفاء التفاصيل"}},
    {"he",
     {"נקודות מועדון", "נקודות", "+{n} ממתינות", "+{n} ממתינות לאישור",
      "יפוגו בקרוב:", "{n} נקודות ב-{date}", "תגים שהושגו", "הדרגה הגבוהה ביותר",
      "{tier}: הדרגה הגבוהה ביותר", "הבאה: {tier}", "עוד {n} נקודות עד {tier}",
      "עוד {n} ברכישות עד {tier}", "עוד {n} רכישות עד {tier}", "עוד {n} נקודות ניקוד עד {tier}",
      "התקדמות לדרגה הבאה", "תצברו {n} נקודות", "איך?", "הסתרת הפרטים"}},
};

// The survey table's fallback: "pt-BR" -> "pt" -> English.
const LocaleStrings& strings_for(std::string_view locale) {
  const LocaleStrings* found = &kTable[0];  // English
  find_locale(locale, [&](const std::string& key) {
    for (const LocaleStrings& l : kTable) {
      if (l.locale == key) return (found = &l), true;
    }
    return false;
  });
  return *found;
}

}  // namespace

Json loyalty_ui_strings(std::string_view locale) {
  const LocaleStrings& l = strings_for(locale);
  Json strings = Json::object();
  for (std::size_t i = 0; i < kKeys.size(); ++i) {
    strings[std::string(kKeys[i])] = std::string(l.text[i]);
  }
  return Json{{"locale", std::string(l.locale)},
              {"dir", survey::is_right_to_left(l.locale) ? "rtl" : "ltr"},
              {"strings", std::move(strings)}};
}

}  // namespace tessera::loyalty
