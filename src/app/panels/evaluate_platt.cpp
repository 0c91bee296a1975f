// Evaluate's Calibration section for a one-vs-rest model: Platt scaling per class. What
// was fitted (a and b of each class's sigmoid), and the confusion matrix after, which can
// differ from the model's: each class has its own a and b, so the largest probability of
// a digit can move to another class. evaluate_calibration.cpp calls these.
#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cstdio>
#include <string>

#include "app/chapters/chapters.hpp"
#include "app/panels/panels.hpp"
#include "app/widgets/glossary_ui.hpp"
#include "app/widgets/layout.hpp"
#include "app/widgets/widgets.hpp"
#include "core/data/data_dir.hpp"

namespace digitlab::app {

void platt_fit_text(AppState& app) {
  const CalibrationSummary& c = *app.eval.calibration;
  const ClassNames& names = *app.classes;
  glossary_term(app.glossary, Term::PlattScaling);
  text_after_item(" per class, for a one-vs-rest model.");
  ImGui::TextWrapped(
      "Each class's score z (the number its own yes-or-no model gives) becomes sigmoid(a z + b), with a "
      "and b fitted on %s training %s this model did not fit (its validation slice; never the test %s), by Newton's "
      "method on each class's log-loss (with Platt's targets: just under 1 for the class, just over 0 for the "
      "rest). Then the %d probabilities of a %s are divided by their sum, so they add up to 1 (as scikit-learn's "
      "CalibratedClassifierCV does). The held-out log-loss went from %.4f to %.4f.",
      with_thousands(c.held_out_digits).c_str(), names.items.c_str(), names.items.c_str(),
      static_cast<int>(c.platt.size()), names.item.c_str(), c.held_out_log_loss_before, c.held_out_log_loss_after);
  ImGui::TextWrapped("a = 1 and b = 0 would leave a class's sigmoid as the model had it. a above 1 pushes its "
                     "probabilities towards 0 and 1 (surer), below 1 towards the middle (less sure); b below 0 "
                     "lowers them, above 0 raises them.");
}

void platt_table(const AppState& app) {
  const CalibrationSummary& c = *app.eval.calibration;
  const ClassNames& names = *app.classes;
  const std::size_t view = static_cast<std::size_t>(app.eval.reliability_view);
  if (view < c.after.size() && c.after[view].ece > c.before[view].ece)  // it happens; say why
    ImGui::TextWrapped("The ECE rose: each a and b minimises one class's yes-or-no log-loss, not the ECE, and "
                       "dividing by the sum moves every probability again.");
  if (!begin_fitted_table("platt_fits", 3,
                          ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_NoHostExtendX))
    return;
  fitted_column(names.item.c_str());
  fitted_column("a");
  fitted_column("b");
  ImGui::TableHeadersRow();
  for (std::size_t k = 0; k < c.platt.size(); ++k) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(names.name(static_cast<int>(k)).c_str());
    ImGui::TableNextColumn();
    ImGui::Text("%.3f", c.platt[k].a);
    ImGui::TableNextColumn();
    ImGui::Text("%.3f", c.platt[k].b);
  }
  end_fitted_table();
}

namespace {

// The after-calibration matrix as a grid of counts; a cell that differs from the model's
// matrix (Evaluate's heatmap above) has an orange frame.
void matrix_after(const AppState& app, float width) {
  const CalibrationSummary& c = *app.eval.calibration;
  const ConfusionMatrix& before = app.eval.confusion;
  const int n = static_cast<int>(c.confusion_after.rows());
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float label = matrix_label_width();
  // On a phone the cells shrink, and their counts with them: a four-digit count (MNIST's
  // 1,135 test ones) must still fit inside its cell.
  const float cell = std::clamp((width - label) / n, 22.0f, 40.0f);
  const float font = ImGui::GetFontSize() * std::min(1.0f, (cell - 4) / ImGui::CalcTextSize("8888").x);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 grid(origin.x + label, origin.y + label);
  ImGui::Dummy(ImVec2(label + n * cell, label + n * cell));
  long long top = 1;
  for (int t = 0; t < n; ++t)
    for (int p = 0; p < n; ++p) top = std::max(top, c.confusion_after(t, p));
  matrix_axis_labels(draw, origin, cell, n);
  for (int t = 0; t < n; ++t)
    for (int p = 0; p < n; ++p) {
      const ImVec2 a(grid.x + p * cell, grid.y + t * cell), b(a.x + cell - 1, a.y + cell - 1);
      const long long count = c.confusion_after(t, p);
      const float shade = std::sqrt(static_cast<float>(count) / static_cast<float>(top));
      draw->AddRectFilled(a, b, blues(shade));
      if (t < before.rows() && p < before.cols() && before(t, p) != count)
        draw->AddRect(a, b, accent_color(), 0, 0, 2.0f);
      cell_number(draw, a, cell, count, text_color_on(blues(shade)), font);
    }
}

}  // namespace

void platt_matrix(AppState& app) {
  const CalibrationSummary& c = *app.eval.calibration;
  const ClassNames& names = *app.classes;
  const long long total = app.eval.report.total, changed = c.predictions_changed;
  heading("And the confusion matrix?");
  const std::string evaluated = app.eval.on_mine ? "of your drawings" : "test " + names.items;
  if (changed == 0) {
    ImGui::TextWrapped("No prediction changed (0 of %s %s): each %s's largest probability stayed with the same "
                       "class, so the matrix above is the matrix after calibration too.",
                       with_thousands(total).c_str(), evaluated.c_str(), names.item.c_str());
    return;
  }
  const double before = total ? 100.0 * app.eval.confusion.trace() / total : 0.0;
  const double after = total ? 100.0 * c.confusion_after.trace() / total : 0.0;
  ImGui::TextWrapped("It changes: %s of %s %s now have another predicted class, because each class's a and b move "
                     "its probabilities differently, so a %s's largest probability can move to another class. "
                     "Accuracy %.2f%% before, %.2f%% after.",
                     with_thousands(changed).c_str(), with_thousands(total).c_str(), evaluated.c_str(),
                     names.item.c_str(), before, after);
  const std::string counted = app.eval.on_mine ? "drawings" : "test " + names.items;
  glossary_term(app.glossary, Term::ConfusionMatrix);
  text_after_item(" after calibration:");
  ImGui::TextWrapped("rows true %s, columns predicted; an orange frame marks a cell that differs from the model's "
                     "matrix above. Each row still adds up to the count of that class's %s.",
                     names.item.c_str(), counted.c_str());
  class_legend(names);
  matrix_after(app, fit_width(360, 240));
}

}  // namespace digitlab::app
