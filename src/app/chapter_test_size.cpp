// Question: "What does test_size change?" One pool of training digits split at several
// test sizes (the tutorial's train_test_split, seed 42); each split trains the same
// pipeline and is scored on both its parts, so the gap between them (overfitting) and
// the noise of a small test part show.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "chapters.hpp"
#include "split.hpp"

namespace digitlab::app {

void start_test_size_runs(AppState& app) {
  TestSizeQuestion& q = app.chapters.test_size;
  q.autorun = false;
  auto pool = train_digits(app, q.pool, 4);
  if (!pool) return;
  q.runs.clear();
  for (double size : q.sizes) {
    const SplitIndices split = train_test_split(pool->size(), size, 42);
    auto train = std::make_shared<const Dataset>(take(*pool, split.train));
    auto test = std::make_shared<const Dataset>(take(*pool, split.test));
    char label[32];
    std::snprintf(label, sizeof label, "test_size %.2g", size);
    q.runs.add({label, experiment_settings(Scaling::MinMax, 30, 2, q.max_iter), train, {{"test", test}, {"train", train}}});
  }
}

namespace {

void table(const TestSizeQuestion& q) {
  if (!ImGui::BeginTable("test-size", 6, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_NoHostExtendX))
    return;
  for (const char* h : {"test_size", "train digits", "test digits", "train accuracy", "test accuracy", "gap"})
    ImGui::TableSetupColumn(h);
  ImGui::TableHeadersRow();
  for (const auto& run : q.runs.runs()) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(run->spec.label.c_str() + 10);  // after "test_size "
    ImGui::TableNextColumn();
    ImGui::Text("%d", run->spec.train->size());
    ImGui::TableNextColumn();
    ImGui::Text("%d", run->spec.evaluations.front().second->size());
    const double train = run->accuracy("train"), test = run->accuracy("test");
    ImGui::TableNextColumn();
    if (std::isfinite(train)) ImGui::Text("%.2f%%", 100 * train); else ImGui::TextDisabled("-");
    ImGui::TableNextColumn();
    if (std::isfinite(test)) ImGui::Text("%.2f%%", 100 * test); else ImGui::TextDisabled("-");
    ImGui::TableNextColumn();
    if (std::isfinite(train) && std::isfinite(test)) ImGui::Text("%.1f points", 100 * (train - test)); else ImGui::TextDisabled("-");
  }
  ImGui::EndTable();
}

void plot(const TestSizeQuestion& q, ImVec2 size) {
  std::vector<float> xs, train, test;
  float low = 100;
  for (std::size_t i = 0; i < q.runs.runs().size(); ++i) {
    const Run& run = *q.runs.runs()[i];
    if (!run.done) break;
    xs.push_back(static_cast<float>(q.sizes[i]));
    train.push_back(static_cast<float>(100 * run.accuracy("train")));
    test.push_back(static_cast<float>(100 * run.accuracy("test")));
    low = std::min({low, train.back(), test.back()});
  }
  const float y0 = std::max(0.0f, std::floor((low - 2) / 5) * 5);
  Plot p = begin_plot("test-size-plot", size, 0, 1, y0, 100.5f, "accuracy on the training part and on the test part",
                      "test_size (share of the pool held out)", "%");
  plot_line(p, xs, train, series_color(1));
  plot_line(p, xs, test, series_color(0));
  plot_points(p, xs, train, {series_color(1)});
  plot_points(p, xs, test, {series_color(0)});
  plot_legend(p, {{"train part", series_color(1)}, {"test part", series_color(0)}}, Corner::BottomLeft);
}

}  // namespace

void test_size_question(AppState& app) {
  TestSizeQuestion& q = app.chapters.test_size;
  if (!digits_ready(app)) return;
  note("One pool of training digits, split by train_test_split(test_size, random_state=42) at each size; every "
       "split trains MinMaxScaler + PCA 30 + degree-2 features and is scored on both parts.");
  ImGui::PushItemWidth(200);
  ImGui::SliderInt("pool of digits", &q.pool, 500, 10000, "%d", ImGuiSliderFlags_Logarithmic);
  ImGui::SameLine();
  ImGui::SliderInt("max_iter", &q.max_iter, 10, 1000, "%d", ImGuiSliderFlags_Logarithmic);
  ImGui::PopItemWidth();
  ImGui::SameLine();
  ImGui::BeginDisabled(q.runs.busy());
  if (ImGui::Button("Split, train and score")) start_test_size_runs(app);
  ImGui::EndDisabled();
  run_queue_progress(q.runs);
  ImGui::BeginGroup();
  table(q);
  ImGui::EndGroup();
  if (!q.runs.empty()) {
    ImGui::SameLine(0, 20);
    plot(q, ImVec2(std::max(300.0f, ImGui::GetContentRegionAvail().x), 260));
  }
  note("With a large test part the model trains on few digits: it fits them (near 100% on its own part) and "
       "does worse on new ones, the overfitting gap. With a tiny test part the score itself is unreliable: a "
       "few digits more or less right move it by whole points. The tutorial's 0.2 is a compromise.");
}

void test_size_json(JsonWriter& j, const AppState& app) {
  const TestSizeQuestion& q = app.chapters.test_size;
  j.begin_object().key("pool").value(q.pool).key("sizes").begin_array();
  for (double s : q.sizes) j.value(s);
  j.end_array().key("busy").value(q.runs.busy()).key("runs");
  runs_json(j, q.runs);
  j.end_object();
}

}  // namespace digitlab::app
