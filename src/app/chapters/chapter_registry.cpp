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

ChapterState::ChapterState() {
  for (const ChapterDef& def : chapter_defs())
    if (def.make_state) {
      std::unique_ptr<ChapterData> state = def.make_state();
      const ChapterData& made = *state;
      own.emplace(std::type_index(typeid(made)), std::move(state));
    }
}

int Setting::rounded(int low, int high) const { return std::clamp(static_cast<int>(std::lround(number)), low, high); }

float Setting::clamped(float low, float high) const { return std::clamp(static_cast<float>(number), low, high); }

}  // namespace digitlab::app
