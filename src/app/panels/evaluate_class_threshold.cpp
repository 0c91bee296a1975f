// Evaluate's Calibration section, its last part: the threshold question's rule (one
// class against the rest, "is it a d?" answered yes when p_d >= t, with the question's own
// d and t) applied to the model's probabilities and to the calibrated ones. A calibration
// moves p_d, so the same threshold catches a different set of digits: the 2x2 confusion
// matrix and its precision and recall before and after.
#include <imgui.h>

#include <cstdio>
#include <string>

#include "app/chapters/chapters.hpp"
#include "app/panels/panels.hpp"
#include "app/widgets/layout.hpp"
#include "app/widgets/widgets.hpp"
#include "core/data/data_dir.hpp"

namespace digitlab::app {

namespace {

BinaryCounts counts_at(const Eigen::MatrixXf& probabilities, const Labels& labels, int digit, float threshold) {
  return threshold_sweep(probabilities.col(digit), labels, digit, {threshold}).front().counts;
}

// Recomputed when the question's digit or threshold, or the calibration, changes.
void refresh(AppState& app) {
  EvalState& e = app.eval;
  const auto [digit, threshold] = threshold_question_choice(app);
  EvalState::ClassThreshold& c = e.class_threshold;
  if (c.digit == digit && c.threshold == threshold && c.evaluation == e.number) return;
  const Labels& labels = e.job->labels();
  c.digit = digit;
  c.threshold = threshold;
  c.evaluation = e.number;
  c.before = counts_at(e.job->probabilities(), labels, digit, threshold);
  c.after = e.calibration->fitted() ? counts_at(e.calibration->calibrated, labels, digit, threshold) : c.before;
}

// A share as the report above and the threshold question write it: 0.912.
std::string share_text(double share) {
  char text[16];
  std::snprintf(text, sizeof text, "%.3f", share);
  return text;
}

}  // namespace

void class_threshold_table(AppState& app) {
  EvalState& e = app.eval;
  if (!e.ready || !e.job || !e.calibration) return;
  const int digit = threshold_question_choice(app).first;
  if (digit < 0 || digit >= e.job->probabilities().cols()) return;  // a two-class model has no column 8
  refresh(app);
  const EvalState::ClassThreshold& c = e.class_threshold;
  const CalibrationSummary& cal = *e.calibration;
  const std::string& name = app.classes->name(c.digit);
  heading("One class's own threshold (the threshold question's)");
  ImGui::TextWrapped("The threshold question calls an image a \"%s\" when the model gives %s at least %.2f "
                     "(the class and the threshold are set in that question). The same rule on the probabilities %s:",
                     name.c_str(), name.c_str(), c.threshold,
                     cal.fitted() ? "before and after calibration" : "of the model (no calibration is fitted here)");
  const int columns = cal.fitted() ? 3 : 2;
  if (!begin_fitted_table("class_threshold", columns,
                          ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_NoHostExtendX))
    return;
  fitted_column(("\"" + name + "\" or not").c_str());
  fitted_column("model");
  if (cal.fitted()) fitted_column(cal.method == CalibrationMethod::Platt ? "after Platt" : "after T");
  ImGui::TableHeadersRow();
  auto row = [&](const char* label, auto value) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(label);
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(value(c.before).c_str());
    if (cal.fitted()) {
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(value(c.after).c_str());
    }
  };
  row("true positives", [](const BinaryCounts& b) { return with_thousands(b.tp); });
  row("false positives", [](const BinaryCounts& b) { return with_thousands(b.fp); });
  row("false negatives", [](const BinaryCounts& b) { return with_thousands(b.fn); });
  row("true negatives", [](const BinaryCounts& b) { return with_thousands(b.tn); });
  row("precision", [](const BinaryCounts& b) { return share_text(binary_scores(b).precision); });
  row("recall", [](const BinaryCounts& b) { return share_text(binary_scores(b).recall); });
  end_fitted_table();
  if (!cal.fitted()) return;
  const long long moved = (c.after.tp + c.after.fp) - (c.before.tp + c.before.fp);
  ImGui::TextWrapped("After calibration the rule says \"%s\" %s: %s. %s", name.c_str(),
                     moved == 0 ? "as often as before" : moved > 0 ? "more often" : "less often",
                     moved == 0 ? "the same count of yes answers"
                                : (with_thousands(moved > 0 ? moved : -moved) + (moved > 0 ? " more" : " fewer") +
                                   " yes answers").c_str(),
                     cal.method == CalibrationMethod::Temperature
                         ? "Temperature scaling keeps which class is largest, but not how large: a threshold on "
                           "one class's probability does see the change."
                         : "Platt scaling moves each class's probability by its own a and b.");
}

}  // namespace digitlab::app
