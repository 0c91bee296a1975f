// The list of chapters, in tab and lesson order. To add one, write chapter_<name>.cpp
// (its state struct, panel, JSON and a `ChapterDef <name>_chapter()`), then declare it
// and list it here.
#include "app/chapters/chapter_registry.hpp"

#include <algorithm>
#include <cmath>

namespace digitlab::app {

ChapterDef mnist_chapter();
ChapterDef looking_chapter();
ChapterDef sigmoid_chapter();
ChapterDef logistic_chapter();
ChapterDef metrics_chapter();
ChapterDef scaling_chapter();
ChapterDef pca_chapter();
ChapterDef poly_chapter();
ChapterDef weights_chapter();
ChapterDef threshold_question();
ChapterDef test_size_question();
ChapterDef imbalance_question();
ChapterDef augment_question();
ChapterDef confusions_question();
ChapterDef not_yet_questions();

const std::vector<ChapterDef>& chapter_defs() {
  static const std::vector<ChapterDef> all = {
      mnist_chapter(),      looking_chapter(),    sigmoid_chapter(),   logistic_chapter(),
      metrics_chapter(),    scaling_chapter(),    pca_chapter(),       poly_chapter(),
      weights_chapter(),    threshold_question(), test_size_question(), imbalance_question(),
      augment_question(),   confusions_question(), not_yet_questions(),
  };
  return all;
}

const ChapterDef* chapter_of(Panel panel) {
  const int index = static_cast<int>(panel) - kMainPanels;
  const auto& all = chapter_defs();
  return index >= 0 && index < static_cast<int>(all.size()) ? &all[static_cast<std::size_t>(index)] : nullptr;
}

Panel chapter_panel(std::size_t index) { return static_cast<Panel>(kMainPanels + static_cast<int>(index)); }

ChapterState::ChapterState() { renew_chapters(); }

void ChapterState::renew_chapters() {
  own.clear();
  for (const ChapterDef& def : chapter_defs())
    if (def.make_state) {
      std::unique_ptr<ChapterData> state = def.make_state();
      const ChapterData& made = *state;
      own.emplace(std::type_index(typeid(made)), std::move(state));
    }
}

int Setting::rounded(int low, int high) const {
  // Bounded first: lround of a number beyond a long is undefined.
  const long whole = std::lround(std::clamp(number, low - 1.0, high + 1.0));
  const int used_here = static_cast<int>(std::clamp<long>(whole, low, high));
  if (used_here != whole) {
    ++replacements;
    range = {static_cast<double>(low), static_cast<double>(high)};
    used = used_here;
  }
  return used_here;
}

float Setting::clamped(float low, float high) const {
  const float used_here = std::clamp(static_cast<float>(number), low, high);
  if (number < low || number > high) {
    ++replacements;
    range = {low, high};
    used = used_here;
  }
  return used_here;
}

void write_if_changed(std::vector<KeyValue>& out, const char* key, int value, int default_value) {
  if (value != default_value) out.push_back({key, std::to_string(value)});
}

// The chapters' fractional settings are floats (clamped() gives one): written as a float,
// 0.7f is "0.7" and reads back the same.
void write_if_changed(std::vector<KeyValue>& out, const char* key, double value, double default_value) {
  if (static_cast<float>(value) != static_cast<float>(default_value)) out.push_back({key, number_text(static_cast<float>(value))});
}

}  // namespace digitlab::app
