#include "app/shell/dataset_switch.hpp"

#include <algorithm>

#include <imgui.h>

#include "app/chapters/chapters.hpp"
#include "app/logic/key_values.hpp"
#include "app/widgets/widgets.hpp"

namespace digitlab::app {

namespace {

bool available(const AppState& app, const std::string& key) {
  return std::find(app.datasets.begin(), app.datasets.end(), key) != app.datasets.end();
}

// Each chapter's settings that differ from its defaults, to put back after its state is
// made anew: a teacher's link keeps its threshold across the switch. Kept per chapter:
// several chapters share a key (subset=), and each gets back only its own value.
std::vector<std::vector<KeyValue>> chapter_settings(const AppState& app) {
  std::vector<std::vector<KeyValue>> settings(chapter_defs().size());
  for (std::size_t i = 0; i < chapter_defs().size(); ++i)
    if (chapter_defs()[i].write_settings) chapter_defs()[i].write_settings(app, settings[i]);
  return settings;
}

void restore_chapter_settings(AppState& app, const std::vector<std::vector<KeyValue>>& settings) {
  for (std::size_t i = 0; i < chapter_defs().size(); ++i) {
    const ChapterDef& chapter = chapter_defs()[i];
    if (!chapter.apply_setting) continue;
    for (const KeyValue& item : settings[i]) {
      const std::optional<double> number = parse_number(item.value);
      chapter.apply_setting(app, Setting{item.key, item.value, number.has_value(), number.value_or(0.0)});
    }
  }
}

}  // namespace

void set_datasets(AppState& app, const std::vector<std::string>& keys, const std::string& current) {
  app.datasets.clear();
  for (const std::string& key : keys)
    if (find_class_names(key)) app.datasets.push_back(key);
  if (app.datasets.empty()) app.datasets.push_back(mnist_class_names().key);
  // An unknown name was reported with the address's other problems (url_query.cpp).
  if (!use_dataset(app, current) && find_class_names(current))
    set_notice(app, "data=" + current + ": this copy of the page was built without it; showing " +
                        app.classes->title, true);
}

bool use_dataset(AppState& app, const std::string& key) {
  const ClassNames* names = find_class_names(key);
  if (!names || !available(app, key)) return false;
  if (names == app.classes) return true;
  const std::vector<std::vector<KeyValue>> settings = chapter_settings(app);
  const bool compare_view = app.eval.compare_view;
  // Dropping the jobs stops them: each holds its own share of the old digits. A run in the
  // worker is cancelled; the port to the worker, its run numbers (a late report of the old
  // run must not match a new one) and why runs stay on this thread are kept.
  TrainState& old = app.train;
  if (old.in_worker && old.worker.cancel) old.worker.cancel(old.run);
  TrainState fresh;
  fresh.details = old.details;
  fresh.worker = std::move(old.worker);
  fresh.run = old.run;
  fresh.worker_problem = std::move(old.worker_problem);
  app.train = std::move(fresh);
  app.eval = EvalState();
  app.eval.compare_view = compare_view;
  app.model = ModelState();
  app.model.dataset = names->title;
  app.data = DataState();
  app.data.status = "loading " + names->title + "...";
  app.files = FilesState();
  app.draw.explanation = Explanation();
  app.chapters.precomputed = ChapterResults();
  app.chapters.start_requested.clear();
  app.chapters.stalled.clear();
  app.chapters.renew_chapters();
  app.classes = names;
  restore_chapter_settings(app, settings);
  set_notice(app, "switched to " + names->title + ": loading its model and its " + names->items);
  return true;
}

void dataset_switch(AppState& app) {
  if (app.datasets.size() < 2) return;  // a site built with MNIST only has no switch
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Dataset:");
  for (const std::string& key : app.datasets) {
    const ClassNames& names = *find_class_names(key);
    const std::string label = names.title + (names.digits() ? " (handwritten digits)" : " (clothing)");
    // Beside the last one where it fits (a phone gets one a line).
    ImGui::SameLine();
    const float width = ImGui::CalcTextSize(label.c_str()).x + ImGui::GetFrameHeight() * 2;
    if (ImGui::GetContentRegionAvail().x < width) ImGui::NewLine();
    if (ImGui::RadioButton(label.c_str(), app.classes == &names) && app.classes != &names) app.dataset_request = key;
  }
}

}  // namespace digitlab::app
