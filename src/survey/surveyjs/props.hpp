// Reading the properties of one SurveyJS object so that none is forgotten:
// each property the importer maps is taken; at the end every property left
// is either presentation-only (listed as ignored) or refused as a problem.
#pragma once

#include <algorithm>
#include <initializer_list>
#include <set>
#include <string>
#include <string_view>

#include "importer.hpp"

namespace tessera::survey::surveyjs {

// Presentation-only properties of any SurveyJS element: Tessera's widget
// decides layout, numbering and styling itself, and answers do not change.
inline constexpr std::string_view kPresentation[] = {"startWithNewLine",
                                                     "width",
                                                     "minWidth",
                                                     "maxWidth",
                                                     "titleLocation",
                                                     "descriptionLocation",
                                                     "hideNumber",
                                                     "indent",
                                                     "colCount",
                                                     "requiredErrorText",
                                                     "errorLocation",
                                                     "commentPlaceholder",
                                                     "showClearButton",
                                                     "separateSpecialChoices",
                                                     "renderAs",
                                                     "useDisplayValuesInDynamicTexts",
                                                     "useDisplayValuesInTitle",
                                                     "autocomplete",
                                                     "size",
                                                     "rows",
                                                     "autoGrow",
                                                     "allowResize",
                                                     "otherPlaceholder",
                                                     "otherErrorText",
                                                     "displayMode",
                                                     "rateColorMode",
                                                     "scaleColorMode",
                                                     "rateDescriptionLocation",
                                                     "displayRateDescriptionsAsExtremeItems",
                                                     "searchEnabled",
                                                     "allowClear",
                                                     "showOptionsCaption",
                                                     "hideSelectedItems",
                                                     "closeOnSelect",
                                                     "longTap",
                                                     "alternateRows",
                                                     "showHeader",
                                                     "verticalAlign",
                                                     "columnMinWidth",
                                                     "rowTitleWidth",
                                                     "cells",
                                                     "state",
                                                     "showNumber",
                                                     "showQuestionNumbers",
                                                     "questionStartIndex",
                                                     "innerIndent",
                                                     "questionTitleLocation",
                                                     "questionTitleWidth",
                                                     "swapOrder",
                                                     "inputSize",
                                                     "textUpdateMode",
                                                     "step",
                                                     "dataList",
                                                     "selectAllText",
                                                     "hasSelectAll",
                                                     "showSelectAllItem",
                                                     "id",
                                                     "hideIfRowsEmpty",
                                                     "rateDisplayMode",
                                                     "itemComponent",
                                                     "inputTextAlignment",
                                                     "showTitle",
                                                     "noneItem",
                                                     "otherItem",
                                                     "isExclusive",
                                                     "onlyPositiveNumbers"};

class Props {
 public:
  Props(const Json& object, std::string path) : object_(object), path_(std::move(path)) {}

  const std::string& path() const { return path_; }
  std::string at(std::string_view key) const { return pointer_join(path_, key); }

  // The property (marked as handled), or nullptr when absent or null.
  const Json* take(std::string_view key) {
    taken_.insert(std::string(key));
    auto it = object_.find(key);
    return it == object_.end() || it->is_null() ? nullptr : &*it;
  }
  // The first of two spellings (SurveyJS renamed several properties).
  const Json* take_either(std::string_view a, std::string_view b) {
    const Json* first = take(a);
    const Json* second = take(b);
    return first != nullptr ? first : second;
  }
  bool flag(std::string_view key) {
    const Json* v = take(key);
    return v != nullptr && v->is_boolean() && v->get<bool>();
  }
  bool flag_either(std::string_view a, std::string_view b) { return flag(a) || flag(b); }
  // Marks properties as presentation-only for this element.
  void ignore(std::initializer_list<std::string_view> keys) {
    for (auto k : keys) ignored_.insert(std::string(k));
  }

  // Lists what was not taken: presentation-only properties as ignored,
  // anything else as a problem.
  void finish(Importer& importer) const {
    for (auto it = object_.begin(); it != object_.end(); ++it) {
      const std::string& key = it.key();
      if (taken_.count(key) != 0 || it->is_null()) continue;
      bool presentation = ignored_.count(key) != 0 ||
                          std::find(std::begin(kPresentation), std::end(kPresentation), key) !=
                              std::end(kPresentation);
      if (presentation) {
        importer.ignore(at(key));
      } else {
        importer.problem(at(key), "the property \"" + key +
                                      "\" is not supported (it may change what is asked or "
                                      "recorded)");
      }
    }
  }

 private:
  const Json& object_;
  std::string path_;
  std::set<std::string> taken_;
  std::set<std::string> ignored_;
};

}  // namespace tessera::survey::surveyjs
