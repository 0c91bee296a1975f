// Evaluate's Calibration section: the tutorial's question "How would a different
// probability calibration method affect the confusion matrix?", answered with the model
// in use. A reliability diagram (overall or one digit against the rest), ECE and log-loss
// before and after calibration; for a softmax model the fitted T and the confusion matrix
// unchanged, for a one-vs-rest one Platt's a and b per class and the matrix after
// (evaluate_platt.cpp); and where calibration does matter: answering only when at least p
// sure. Its part of state(): evaluate_calibration_json.cpp.
//
// [SECTION] Index: reliability_diagram, figures_table, unchanged_matrix, answer_when_sure_table,
// calibration_section.
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "app/chapters/chapters.hpp"
#include "app/panels/panels.hpp"
#include "app/widgets/glossary_ui.hpp"
#include "app/widgets/layout.hpp"
#include "app/widgets/widgets.hpp"
#include "app/work/work.hpp"
#include "core/data/data_dir.hpp"

namespace digitlab::app {

namespace {

const ImU32 kBeforeColor = IM_COL32(90, 150, 230, 255);
const ImU32 kAfterColor = IM_COL32(240, 150, 60, 255);

// The tutorial's question word for word (src/lessons/questions.cpp lists it too); the
// threshold half is the threshold question's panel, the calibration half is here.
const char* const kQuestion =
    "How would changing the model's decision threshold or perhaps using a different probability calibration method "
    "affect the entries in this confusion matrix?";

// The column and legend name of the calibrated figures.
const char* after_name(const CalibrationSummary& c) {
  return c.method == CalibrationMethod::Platt ? "after Platt" : "after T";
}

std::string view_name(int view, const ClassNames& names) {
  return view == 0 ? "overall (the top class)" : names.item + " " + names.name(view - 1) + " against the rest";
}

// [SECTION] reliability_diagram
// Per bin of 10%: a bar as tall as the share that came true, before (blue) and after
// calibration (orange) side by side, over the diagonal a calibrated model would sit on.
void reliability_diagram(AppState& app, float width) {
  EvalState& e = app.eval;
  const CalibrationSummary& c = *e.calibration;
  ImGui::SetNextItemWidth(std::min(width, 260.0f));
  if (ImGui::BeginCombo("##reliability_view", view_name(e.reliability_view, *app.classes).c_str())) {
    for (int v = 0; v <= 10; ++v)
      if (ImGui::Selectable(view_name(v, *app.classes).c_str(), v == e.reliability_view)) e.reliability_view = v;
    ImGui::EndCombo();
  }
  const bool overall = e.reliability_view == 0;
  const std::string x_label = overall ? "confidence (the top probability)"
                                      : "probability given to " + app.classes->name(e.reliability_view - 1);
  const std::string title = overall ? "share right, by confidence" : "share that are " + app.classes->name(e.reliability_view - 1);
  const bool after = c.fitted();
  // Above the plot: its low bins' few digits can put a bar anywhere, the top corners too.
  if (after)
    legend_line({{"model", kBeforeColor}, {after_name(c), kAfterColor}, {"calibrated", IM_COL32(200, 200, 200, 200)}});
  const Plot plot = begin_plot("reliability", ImVec2(width, std::clamp(width * 0.8f, 220.0f, 320.0f)), 0, 1, 0, 1,
                               title.c_str(), x_label.c_str());
  plot_line(plot, {0.0f, 1.0f}, {0.0f, 1.0f}, IM_COL32(200, 200, 200, 160), 1.0f);
  const auto& before = c.before[static_cast<std::size_t>(e.reliability_view)].bins;
  const float bar = after ? 0.045f : 0.09f;
  std::vector<float> xs, hs;
  auto bars = [&](const std::vector<ReliabilityBin>& bins, float offset, ImU32 color) {
    xs.clear();
    hs.clear();
    for (const ReliabilityBin& b : bins)
      if (b.count > 0) {
        xs.push_back(static_cast<float>((b.lower + b.upper) / 2) + offset);
        hs.push_back(static_cast<float>(b.frequency));
      }
    plot_bars(plot, xs, hs, bar, color);
  };
  bars(before, after ? -bar / 2 : 0.0f, kBeforeColor);
  if (after) bars(c.after[static_cast<std::size_t>(e.reliability_view)].bins, bar / 2, kAfterColor);
  // A bar of a few digits is noise: the counts say which bars to trust.
  std::string counts;
  // Separated by "; ": with ", " a count's own thousands comma read as two bins ("9,684").
  for (const ReliabilityBin& b : before) counts += (counts.empty() ? "" : "; ") + with_thousands(b.count);
  ImGui::TextDisabled("the model's digits per bin, 0-10%% to 90-100%%: %s", counts.c_str());
  glossary_term(app.glossary, Term::ReliabilityDiagram);
  text_after_item(overall ? ": digits binned by their confidence; a bar under the diagonal was over-confident."
                                 : ": every digit evaluated, binned by its probability of being this digit.");
}

// [SECTION] figures_table
void figures_table(AppState& app) {
  const CalibrationSummary& c = *app.eval.calibration;
  const std::size_t view = static_cast<std::size_t>(app.eval.reliability_view);
  const int columns = c.fitted() ? 3 : 2;
  if (!begin_fitted_table("calibration_figures", columns,
                          ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_NoHostExtendX))
    return;
  fitted_column("");
  fitted_column("model");
  if (c.fitted()) fitted_column(after_name(c));
  ImGui::TableHeadersRow();
  auto row = [&](Term term, const char* text, double before, double after) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    glossary_term(app.glossary, term, text);
    ImGui::TableNextColumn();
    ImGui::Text("%.4f", before);
    if (c.fitted()) {
      ImGui::TableNextColumn();
      ImGui::Text("%.4f", after);
    }
  };
  const double ece_after = c.fitted() ? c.after[view].ece : 0.0;
  row(Term::Ece, view == 0 ? "ECE, 10 bins" : "ECE of this digit", c.before[view].ece, ece_after);
  row(Term::LogLoss, app.eval.on_mine ? "log-loss, your drawings" : "log-loss, test digits", c.log_loss_before,
      c.log_loss_after);
  if (c.fitted())
    row(Term::LogLoss, "log-loss, held-out digits", c.held_out_log_loss_before, c.held_out_log_loss_after);
  end_fitted_table();
}

// [SECTION] unchanged_matrix
void unchanged_matrix(AppState& app) {
  const CalibrationSummary& c = *app.eval.calibration;
  if (c.method == CalibrationMethod::Platt) {  // per-class a and b can move the arg-max
    platt_matrix(app);
    return;
  }
  const long long total = app.eval.report.total;
  heading("And the confusion matrix?");
  if (c.fitted()) {
    ImGui::Text("Unchanged: %s of %s predictions changed.", with_thousands(c.predictions_changed).c_str(),
                with_thousands(total).c_str());
    ImGui::TextWrapped("Temperature scaling divides every score by the same T > 0, so the largest score stays the "
                       "largest: each digit keeps its predicted class, and the matrix above is the matrix after "
                       "calibration too, cell for cell. What changes is how sure the model says it is.");
  } else {
    ImGui::TextWrapped("A calibration that divides every score by the same T > 0 (temperature scaling) keeps the "
                       "largest score the largest, so the predictions and the confusion matrix stay as they are; "
                       "it changes only how sure the model says it is.");
  }
}

// [SECTION] answer_when_sure_table
// The threshold question's idea: answer only when at least p sure. Calibration moves the
// confidences, so it moves which digits are answered, and the counts of those.
void answer_when_sure_table(AppState& app) {
  EvalState& e = app.eval;
  const CalibrationSummary& c = *e.calibration;
  heading("Where it matters: answer only when sure");
  ImGui::TextUnformatted("answer only when the");
  same_line_if_fits(glossary_entry(Term::Confidence).name);
  glossary_term(app.glossary, Term::Confidence);
  same_line_if_fits("is at least");
  ImGui::TextUnformatted("is at least");
  same_line_if_room(160);
  ImGui::SetNextItemWidth(fit_width(220, 140));
  ImGui::SliderFloat("##answer_threshold", &e.answer_threshold, 0.10f, 0.999f, "%.3f");
  refresh_answered(e);
  const int columns = c.fitted() ? 3 : 2;
  if (!begin_fitted_table("answered", columns,
                          ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_NoHostExtendX)) return;
  fitted_column(e.on_mine ? "of your drawings" : "of the test digits");
  fitted_column("model");
  if (c.fitted()) fitted_column(after_name(c));
  ImGui::TableHeadersRow();
  auto row = [&](const char* name, auto value) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(name);
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(value(e.answered_before).c_str());
    if (c.fitted()) {
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(value(e.answered_after).c_str());
    }
  };
  row("answered", [](const AnsweredDigits& a) {
    char text[64];
    std::snprintf(text, sizeof text, "%s (%.1f%%)", with_thousands(a.answered).c_str(),
                  a.total ? 100.0 * a.answered / a.total : 0.0);
    return std::string(text);
  });
  row("right", [](const AnsweredDigits& a) { return with_thousands(a.correct); });
  row("wrong", [](const AnsweredDigits& a) { return with_thousands(a.answered - a.correct); });
  row("accuracy of the answered", [](const AnsweredDigits& a) {
    char text[32];
    std::snprintf(text, sizeof text, "%.2f%%", a.answered ? 100.0 * a.correct / a.answered : 0.0);
    return std::string(text);
  });
  const ClassNames& names = *app.classes;
  // Written as the Confused pairs question writes a pair: "true -> predicted".
  row("most confused (true -> predicted)", [&names](const AnsweredDigits& a) {
    std::string text;
    for (const Confusion& m : most_confused_pairs(a.confusion, 2))
      if (m.count > 0)
        // No-break spaces inside a pair: a narrow cell wraps between pairs, never in one ("7 ->" / "2: 7").
        text += (text.empty() ? "" : ", ") + names.name(m.true_class) + "\u00a0->\u00a0" + names.name(m.predicted_class) +
                ":\u00a0" + std::to_string(m.count);
    return text.empty() ? std::string("none") : text;
  });
  end_fitted_table();
  // The slider is tried on the very digits that score the model: fine for seeing the
  // trade-off, a mistake for choosing the threshold to keep.
  ImGui::TextWrapped("Tried here on the %s to see the trade-off. To choose the threshold to use, pick it on digits "
                     "kept out of training (as the calibration's are), then score that one choice on the test "
                     "digits: a threshold picked by watching the test digits flatters their score.",
                     e.on_mine ? "your drawings" : "test digits");
  if (c.fitted())
    ImGui::TextWrapped("The counts come from the answered digits' confusion matrix (right: its diagonal). "
                       "Calibration moves the confidences, so the same rule answers %s digits %s; a "
                       "calibrated model's accuracy of the answered should be at least the threshold.",
                       e.answered_after.answered == e.answered_before.answered ? "as many"
                       : e.answered_after.answered > e.answered_before.answered ? "more" : "fewer",
                       c.method == CalibrationMethod::Platt ? "after Platt scaling" : "after T");
}

}  // namespace

// [SECTION] calibration_section
void calibration_section(AppState& app) {
  EvalState& e = app.eval;
  heading("Calibration: can the probabilities be trusted?");
  ImGui::TextWrapped("The tutorial asks: \"%s\" This section answers the calibration half.", kQuestion);
  glossary_term(app.glossary, Term::Calibration);
  text_after_item(": are the digits the model calls 80% sure right about 80% of the time?");
  if (!e.calibration) {
    const float fraction = e.held_out_job ? static_cast<float>(e.held_out_job->fraction()) : 0.0f;
    progress_bar(fraction, fit_width(400), "fitting the calibration on held-out training digits", "calibration progress");
    return;
  }
  const CalibrationSummary& c = *e.calibration;
  if (c.before.empty()) {  // the computation failed; the reason says why
    ImGui::TextWrapped("%s", c.no_fit_reason.c_str());
    return;
  }
  if (c.method == CalibrationMethod::Platt) {
    platt_fit_text(app);
  } else if (c.fitted()) {
    ImGui::Text("T = %.3f", c.fit.temperature);
    same_line_if_fits("fitted on 2,000 training digits");
    ImGui::TextWrapped("fitted on %s training digits this model did not fit (its validation slice; never the test "
                       "digits), by Newton's method on 1/T: the held-out log-loss went from %.4f to %.4f.%s",
                       with_thousands(c.held_out_digits).c_str(), c.fit.log_loss_before, c.fit.log_loss_after,
                       c.fit.hit_bound ? " T stopped at its bound (0.01 or 100)." : "");
    glossary_term(app.glossary, Term::Temperature);
    text_after_item(c.fit.temperature > 1.005 ? ": above 1: on the held-out digits the model was over-confident, "
                                                   "so its probabilities are softened."
                       : c.fit.temperature < 0.995 ? ": below 1: on the held-out digits the model was under-confident, "
                                                     "so its probabilities are sharpened."
                                                   : ": about 1: on the held-out digits the model's probabilities were "
                                                     "already about right.");
  } else {
    ImGui::TextWrapped("Nothing fitted: %s Shown: the model's own probabilities.", c.no_fit_reason.c_str());
  }
  const float diagram = fit_width(380, 220);
  const Row row({diagram, 300});
  begin_column(diagram);
  reliability_diagram(app, diagram);
  end_column();
  row.next();
  begin_column(Row::rest());
  figures_table(app);
  if (c.method == CalibrationMethod::Platt) {
    ImGui::Spacing();
    platt_table(app);
  }
  ImGui::Spacing();
  unchanged_matrix(app);
  end_column();
  ImGui::Spacing();
  answer_when_sure_table(app);
  ImGui::Spacing();
  class_threshold_table(app);
}

}  // namespace digitlab::app
