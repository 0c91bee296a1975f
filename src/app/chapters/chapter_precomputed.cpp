#include "app/chapters/chapter_precomputed.hpp"

#include <algorithm>
#include <cstdio>

#include "app/chapters/chapters.hpp"
#include "app/widgets/widgets.hpp"

namespace digitlab::app {

void receive_chapter_results(AppState& app, const std::string& name, const std::vector<std::uint8_t>& bytes) {
  app.chapters.precomputed = parse_chapter_results(std::string(bytes.begin(), bytes.end()), name);
  install_chapter_results(app);
}

void install_chapter_results(AppState& app) {
  if (!app.chapters.precomputed.loaded) return;
  for (const ChapterDef& chapter : chapter_defs())
    if (chapter.install_precomputed) chapter.install_precomputed(app);
}

namespace {

// "2,000" or "200 to 1,800".
std::string count_range(int low, int high) {
  return low == high ? thousands(low) : thousands(low) + " to " + thousands(high);
}

}  // namespace

void precomputed_note(const AppState& app, const RunQueue& queue, bool defaults, const char* button) {
  if (!queue.precomputed()) return;
  int train_low = 1 << 30, train_high = 0, test_low = 1 << 30, test_high = 0;
  for (const auto& run : queue.runs()) {
    train_low = std::min(train_low, run->train_count);
    train_high = std::max(train_high, run->train_count);
    const int test = run->evaluation_counts.empty() ? 0 : run->evaluation_counts.front();
    test_low = std::min(test_low, test);
    test_high = std::max(test_high, test);
  }
  // The page's data set's own words: Fashion-MNIST has its own results, of items.
  const std::string& items = app.classes->items;
  const std::string text = "Precomputed when the page was built, with the default settings, on " +
                           count_range(train_low, train_high) + " training and " + count_range(test_low, test_high) +
                           " test " + items + " of " + thousands(app.chapters.precomputed.train_digits) + " + " +
                           thousands(app.chapters.precomputed.test_digits) + " " + app.classes->title + " " + items + "." +
                           (defaults ? " \"" + std::string(button) + "\" recomputes it here."
                                     : " Your settings differ: \"" + std::string(button) + "\" runs them.");
  ImGui::PushStyleColor(ImGuiCol_Text, info_color());
  ImGui::TextWrapped("%s", text.c_str());
  ImGui::PopStyleColor();
}

void chapter_results_json(JsonWriter& j, const AppState& app) {
  const ChapterResults& r = app.chapters.precomputed;
  j.begin_object().key("loaded").value(r.loaded).key("dataset").value(r.dataset)
      .key("train_digits").value(r.train_digits).key("test_digits").value(r.test_digits).key("experiments").begin_array();
  for (const auto& [name, runs] : r.experiments) j.value(name);
  j.end_array().end_object();
}

}  // namespace digitlab::app
