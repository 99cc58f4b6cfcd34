// Built-in UI strings; see tessera/survey/strings.hpp.
#include "tessera/survey/strings.hpp"

#include <array>

#include "tessera/common/text.hpp"

namespace tessera::survey {
namespace {

// Keep English first: it is the fallback.
const std::array<UiStrings, 6> kStrings = {{
    {"en", "Next", "Back", "Submit", "Close", "This question needs an answer.",
     "Please use at most {n} characters.", "Please write at least {n} characters.",
     "{n} characters left", "Page {n} of {total}", "Not at all likely", "Extremely likely",
     "Thank you for your feedback!", "(optional)"},
    {"de", "Weiter", "Zurück", "Absenden", "Schließen", "Bitte beantworten Sie diese Frage.",
     "Bitte verwenden Sie höchstens {n} Zeichen.", "Bitte schreiben Sie mindestens {n} Zeichen.",
     "Noch {n} Zeichen", "Seite {n} von {total}", "Überhaupt nicht wahrscheinlich",
     "Äußerst wahrscheinlich", "Vielen Dank für Ihr Feedback!", "(optional)"},
    {"fr", "Suivant", "Retour", "Envoyer", "Fermer", "Cette question nécessite une réponse.",
     "Veuillez utiliser au plus {n} caractères.", "Veuillez écrire au moins {n} caractères.",
     "{n} caractères restants", "Page {n} sur {total}", "Pas du tout probable",
     "Extrêmement probable", "Merci pour votre avis !", "(facultatif)"},
    {"es", "Siguiente", "Atrás", "Enviar", "Cerrar", "Esta pregunta necesita una respuesta.",
     "Use como máximo {n} caracteres.", "Escriba al menos {n} caracteres.", "Quedan {n} caracteres",
     "Página {n} de {total}", "Nada probable", "Muy probable", "¡Gracias por su opinión!",
     "(opcional)"},
    {"ar", "التالي", "السابق", "إرسال", "إغلاق", "هذا السؤال يحتاج إلى إجابة.",
     "يرجى استخدام {n} حرفًا على الأكثر.", "يرجى كتابة {n} حرفًا على الأقل.", "{n} حرفًا متبقيًا",
     "الصفحة {n} من {total}", "غير محتمل إطلاقًا", "محتمل للغاية", "شكرًا لملاحظاتك!", "(اختياري)"},
    {"he", "הבא", "הקודם", "שליחה", "סגירה", "שאלה זו דורשת תשובה.", "נא להשתמש בעד {n} תווים.",
     "נא לכתוב לפחות {n} תווים.", "נותרו {n} תווים", "עמוד {n} מתוך {total}", "בכלל לא סביר",
     "סביר מאוד", "תודה על המשוב!", "(רשות)"},
}};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

const UiStrings& ui_strings(std::string_view locale) {
  for (std::string key = lower(locale); !key.empty(); key = std::string(parent_locale(key))) {
    for (const auto& s : kStrings) {
      if (s.locale == key) return s;
    }
  }
  return kStrings[0];
}

bool is_right_to_left(std::string_view locale) {
  std::string key = lower(locale);
  std::string_view lang = std::string_view(key).substr(0, key.find('-'));
  return lang == "ar" || lang == "he" || lang == "fa" || lang == "ur";
}

std::string format_count(std::string_view pattern, std::int64_t n) {
  std::string out(pattern);
  auto at = out.find("{n}");
  if (at != std::string::npos) out.replace(at, 3, std::to_string(n));
  return out;
}

}  // namespace tessera::survey
