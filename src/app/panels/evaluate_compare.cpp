// Evaluate's compare view: the current model against the one before it on the same
// digits: both accuracies and macro F1, the difference of their confusion matrices as a
// diverging heatmap, and the digits one gets right and the other wrong, both ways.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "app/panels/panels.hpp"
#include "core/data/data_dir.hpp"
#include "app/widgets/glossary_ui.hpp"
#include "app/widgets/layout.hpp"
#include "app/widgets/widgets.hpp"

namespace digitlab::app {

namespace {

// Better in blue, worse in orange (told apart without red-green vision), white for no change.
ImU32 change_color(float t, bool better) {
  const float u = std::clamp(t, 0.0f, 1.0f);
  const ImVec4 end = better ? ImVec4(0.13f, 0.40f, 0.80f, 1) : ImVec4(0.90f, 0.45f, 0.05f, 1);
  return ImGui::GetColorU32(ImVec4(1 + (end.x - 1) * u, 1 + (end.y - 1) * u, 1 + (end.z - 1) * u, 1));
}

void scores_table(const ModelComparison& c, const AppState& app) {
  if (!begin_fitted_table("compare_scores", 3, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit)) return;
  fitted_column("model");
  fitted_column("accuracy");
  fitted_column("macro F1");
  ImGui::TableHeadersRow();
  auto row = [](const char* name, const ClassReport& r) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(name);
    ImGui::TableNextColumn();
    ImGui::Text("%.2f%%", 100.0 * r.accuracy);
    ImGui::TableNextColumn();
    ImGui::Text("%.4f", r.macro.f1);
  };
  row("previous", c.before_report);
  row("current", c.after_report);
  end_fitted_table();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::max(ImGui::GetContentRegionAvail().x, 200.0f));
  ImGui::TextDisabled("previous: %s", app.model.previous_source.c_str());
  ImGui::TextDisabled("current: %s", app.model.source.c_str());
  ImGui::PopTextWrapPos();
}

void difference_heatmap(const ModelComparison& c, float cell, const ClassNames& names) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const int n = static_cast<int>(c.difference.rows());
  const float label = matrix_label_width();
  ImGui::TextWrapped("Current minus previous, rows true %s, columns predicted. Blue: better (more right on "
                     "the diagonal, fewer mistakes off it). Orange: worse.", names.item.c_str());
  class_legend(names);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 grid(origin.x + label, origin.y + label);
  ImGui::Dummy(ImVec2(label + n * cell, label + n * cell));
  long long top = 1;
  for (int t = 0; t < n; ++t)
    for (int p = 0; p < n; ++p) top = std::max(top, std::llabs(c.difference(t, p)));
  matrix_axis_labels(draw, origin, cell, n);
  for (int t = 0; t < n; ++t) {
    for (int p = 0; p < n; ++p) {
      const long long d = c.difference(t, p);
      const bool better = t == p ? d > 0 : d < 0;
      const float shade = std::sqrt(static_cast<float>(std::llabs(d)) / static_cast<float>(top));
      const ImVec2 a(grid.x + p * cell, grid.y + t * cell), b(a.x + cell - 1, a.y + cell - 1);
      draw->AddRectFilled(a, b, change_color(shade, better));
      if (t == p) draw->AddRect(a, b, IM_COL32(120, 120, 120, 255));
      if (d == 0) continue;
      char text[24];
      std::snprintf(text, sizeof text, "%+lld", d);
      // A smaller font where "+123" would touch the cell's edges (a phone's 30 px cells).
      float size = ImGui::GetFontSize();
      ImVec2 ts = ImGui::CalcTextSize(text);
      if (ts.x > cell - 6) {
        size *= (cell - 6) / ts.x;
        ts = ImVec2(ts.x * (cell - 6) / ts.x, ts.y * size / ImGui::GetFontSize());
      }
      draw->AddText(ImGui::GetFont(), size, ImVec2(a.x + (cell - ts.x) / 2, a.y + (cell - ts.y) / 2),
                    text_color_on(change_color(shade, better)), text);
    }
  }
}

void changed_digits(AppState& app, const ModelComparison& c) {
  EvalState& e = app.eval;
  const std::string fixed = "right now, wrong before (" + with_thousands(static_cast<long long>(c.fixed.size())) + ")";
  const std::string broken = "wrong now, right before (" + with_thousands(static_cast<long long>(c.broken.size())) + ")";
  const float box = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x;
  ImGui::RadioButton(fixed.c_str(), &e.compare_list, 0);
  same_line_if_room(box + ImGui::CalcTextSize(broken.c_str()).x);
  ImGui::RadioButton(broken.c_str(), &e.compare_list, 1);
  const std::vector<int>& all = e.compare_list == 0 ? c.fixed : c.broken;
  std::vector<int> rows(all.begin(), all.begin() + std::min<std::size_t>(100, all.size()));
  const Dataset& digits = *e.digits;
  const std::string key = std::to_string(e.compare_list) + "/" + std::to_string(e.number);
  if (key != e.compare_key) {
    build_atlas(e.compare_digits, digits.pixels, rows);
    e.compare_key = key;
  }
  // Each tile: true class, then previous > current prediction (numbers: class_legend's key).
  class_legend(*app.classes);
  std::vector<std::string> captions;
  for (int row : rows) {
    const std::size_t i = static_cast<std::size_t>(row);
    captions.push_back(std::to_string(digits.labels[i]) + ": " + std::to_string(e.previous_job->predictions()[i]) +
                       ">" + std::to_string(e.job->predictions()[i]));
  }
  if (rows.empty()) {
    ImGui::TextDisabled("none");
    return;
  }
  ImGui::TextDisabled("each %s: true: previous>current prediction%s", app.classes->item.c_str(), all.size() > rows.size() ? " (first 100)" : "");
  digit_grid(e.compare_digits, 48, captions);
}

}  // namespace

void compare_view(AppState& app) {
  EvalState& e = app.eval;
  if (!app.model.previous) {
    ImGui::TextWrapped("There is no previous model yet. Train a model (or import one) and the model shown now "
                       "becomes the previous one, to compare with the new one on the same digits.");
    return;
  }
  if (!e.comparison) {
    const float done = e.previous_job ? static_cast<float>(e.previous_job->fraction()) : 0.0f;
    progress_bar(done, -1, "evaluating the previous model on the same digits", "compare progress");
    return;
  }
  const ModelComparison& c = *e.comparison;
  const bool own_scroll = begin_scrolling_part("comparison");
  const float cell = std::clamp(ImGui::GetContentRegionAvail().x * 0.045f, 30.0f, 52.0f);
  ImGui::BeginGroup();
  scores_table(c, app);
  ImGui::Text("%s digits right now that were wrong, %s wrong now that were right: %+lld in all.",
              with_thousands(static_cast<long long>(c.fixed.size())).c_str(),
              with_thousands(static_cast<long long>(c.broken.size())).c_str(),
              static_cast<long long>(c.fixed.size()) - static_cast<long long>(c.broken.size()));
  ImGui::EndGroup();
  ImGui::Separator();
  difference_heatmap(c, cell, *app.classes);
  ImGui::Separator();
  changed_digits(app, c);
  end_scrolling_part(own_scroll);
}

}  // namespace digitlab::app
