// Evaluate: accuracy, the confusion matrix as a heatmap (rows true, columns
// predicted; click a cell to see its digits), precision / recall / F1 per class, and
// the misclassified digits.
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "data_dir.hpp"
#include "panels.hpp"
#include "widgets.hpp"
#include "file_status.hpp"

namespace digitlab::app {

namespace {

void heatmap(AppState& app, float cell) {
  EvalState& e = app.eval;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float label = ImGui::GetTextLineHeight() * 1.6f;
  ImGui::TextUnformatted("confusion matrix: rows true digit, columns predicted");
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 grid(origin.x + label, origin.y + label);
  ImGui::InvisibleButton("heatmap", ImVec2(label + 10 * cell, label + 10 * cell));
  const bool clicked = ImGui::IsItemClicked();
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  long long top = 1;
  for (int t = 0; t < 10; ++t)
    for (int p = 0; p < 10; ++p) top = std::max(top, e.confusion(t, p));
  for (int k = 0; k < 10; ++k) {
    char text[4];
    std::snprintf(text, sizeof text, "%d", k);
    draw->AddText(ImVec2(grid.x + k * cell + cell * 0.4f, origin.y), IM_COL32(200, 200, 200, 255), text);
    draw->AddText(ImVec2(origin.x + 2, grid.y + k * cell + cell * 0.3f), IM_COL32(200, 200, 200, 255), text);
  }
  for (int t = 0; t < 10; ++t) {
    for (int p = 0; p < 10; ++p) {
      const ImVec2 a(grid.x + p * cell, grid.y + t * cell), b(a.x + cell - 1, a.y + cell - 1);
      const long long count = e.confusion(t, p);
      // Off-diagonal counts are small: a square-root scale keeps them visible.
      const float shade = std::sqrt(static_cast<float>(count) / static_cast<float>(top));
      draw->AddRectFilled(a, b, blues(shade));
      if (t == e.selected_true && p == e.selected_pred) draw->AddRect(a, b, IM_COL32(255, 170, 40, 255), 0, 0, 3.0f);
      char text[16];
      std::snprintf(text, sizeof text, "%lld", count);
      const ImVec2 ts = ImGui::CalcTextSize(text);
      draw->AddText(ImVec2(a.x + (cell - ts.x) / 2, a.y + (cell - ts.y) / 2),
                    shade > 0.55f ? IM_COL32_WHITE : IM_COL32_BLACK, text);
      if (clicked && mouse.x >= a.x && mouse.x < b.x + 1 && mouse.y >= a.y && mouse.y < b.y + 1) {
        e.selected_true = t;
        e.selected_pred = p;
      }
    }
  }
}

void report_table(const ClassReport& r) {
  if (!ImGui::BeginTable("report", 5, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit))
    return;
  for (const char* h : {"class", "precision", "recall", "F1", "support"}) ImGui::TableSetupColumn(h);
  ImGui::TableHeadersRow();
  auto row = [](const char* name, double p, double rc, double f, long long support) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(name);
    ImGui::TableNextColumn();
    ImGui::Text("%.4f", p);
    ImGui::TableNextColumn();
    ImGui::Text("%.4f", rc);
    ImGui::TableNextColumn();
    ImGui::Text("%.4f", f);
    ImGui::TableNextColumn();
    ImGui::Text("%lld", support);
  };
  for (std::size_t c = 0; c < r.precision.size(); ++c)
    row(std::to_string(c).c_str(), r.precision[c], r.recall[c], r.f1[c], r.support[c]);
  row("macro avg", r.macro.precision, r.macro.recall, r.macro.f1, r.total);
  row("weighted avg", r.weighted.precision, r.weighted.recall, r.weighted.f1, r.total);
  ImGui::EndTable();
}

void cell_digits(AppState& app) {
  EvalState& e = app.eval;
  if (e.selected_true < 0) {
    ImGui::TextDisabled("Click a cell to see its digits.");
    return;
  }
  const Dataset& test = *app.eval.digits;
  std::vector<int> rows;
  for (std::size_t i = 0; i < e.job->predictions().size(); ++i)
    if (test.labels[i] == e.selected_true && e.job->predictions()[i] == e.selected_pred) rows.push_back(static_cast<int>(i));
  ImGui::Text("true %d, predicted %d: %s digits%s", e.selected_true, e.selected_pred,
              with_thousands(static_cast<long long>(rows.size())).c_str(), rows.size() > 60 ? " (first 60)" : "");
  if (rows.size() > 60) rows.resize(60);
  const std::string key = std::to_string(e.selected_true) + "," + std::to_string(e.selected_pred);
  if (key != e.cell_key) {
    build_atlas(e.cell_digits, test.pixels, rows);
    e.cell_key = key;
  }
  digit_grid(e.cell_digits, 40, {});
}

void misclassified_gallery(AppState& app) {
  EvalState& e = app.eval;
  const Dataset& test = *app.eval.digits;
  std::vector<int> rows(e.misclassified.begin(), e.misclassified.begin() + std::min<std::size_t>(100, e.misclassified.size()));
  if (e.wrong_key != "all") {
    build_atlas(e.wrong_digits, test.pixels, rows);
    e.wrong_key = "all";
  }
  std::vector<std::string> captions;
  for (int row : rows)
    captions.push_back(std::to_string(test.labels[static_cast<std::size_t>(row)]) + ">" +
                       std::to_string(e.job->predictions()[static_cast<std::size_t>(row)]));
  ImGui::Text("misclassified: %s of %s (first %zu below, true>predicted)",
              with_thousands(static_cast<long long>(e.misclassified.size())).c_str(),
              with_thousands(test.size()).c_str(), rows.size());
  digit_grid(e.wrong_digits, 48, captions);
}

}  // namespace

void evaluate_panel(AppState& app) {
  EvalState& e = app.eval;
  if (!app.model.pipeline || !app.data.test) {
    const bool said = (!app.data.test && failed_files_line(app, {kTestImages, kTestLabels}, "Evaluate needs the test digits.")) ||
                      (!app.model.pipeline && failed_files_line(app, {kModelFile}, "Evaluate needs a model: train one in the Train panel."));
    if (!said) ImGui::TextDisabled("Waiting for %s.", !app.model.pipeline ? "a model" : "the test digits");
    return;
  }
  if (!e.ready) {
    ImGui::ProgressBar(e.job ? static_cast<float>(e.job->fraction()) : 0.0f, ImVec2(-1, 0), "evaluating on the test digits");
    return;
  }
  char accuracy_text[64];
  std::snprintf(accuracy_text, sizeof accuracy_text, "accuracy %.2f%%", 100.0 * e.report.accuracy);
  big_text(accuracy_text, 1.8f, IM_COL32(255, 255, 255, 255));
  ImGui::Text("%s of %s test digits right  |  model: %s", with_thousands(e.confusion.trace()).c_str(),
              with_thousands(e.report.total).c_str(), app.model.source.c_str());
  ImGui::Separator();
  ImGui::BeginChild("evaluation");
  const float cell = std::clamp(ImGui::GetContentRegionAvail().x * 0.045f, 30.0f, 52.0f);
  ImGui::BeginGroup();
  heatmap(app, cell);
  ImGui::EndGroup();
  ImGui::SameLine(0, 30);
  ImGui::BeginGroup();
  report_table(e.report);
  ImGui::EndGroup();
  ImGui::Separator();
  cell_digits(app);
  ImGui::Separator();
  misclassified_gallery(app);
  ImGui::EndChild();
}

}  // namespace digitlab::app
