// Train: the tutorial's steps as presets, every setting by hand, and a training run
// that advances a slice per frame with progress, loss and accuracy curves, and Stop.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "core/data/data_dir.hpp"
#include "app/chapters/chapters.hpp"
#include "app/widgets/glossary_ui.hpp"
#include "app/widgets/layout.hpp"
#include "app/panels/panels.hpp"
#include "core/linear_model/presets.hpp"
#include "core/linear_model/training_estimate.hpp"
#include "app/widgets/widgets.hpp"
#include "app/work/work.hpp"
#include "app/work/file_status.hpp"

namespace digitlab::app {

namespace {

// A training curve with its axes, its latest value in the title ("...: 0.2345"): values
// for passes first_pass, first_pass + 1, ... on an axis of passes 1 to last_pass.
Plot curve_plot(const char* id, const std::string& title, const std::vector<float>& values, int first_pass,
                int last_pass, float y0, float y1, const std::string& value, float width, bool y_powers_of_ten = false) {
  const std::string titled = title + ": " + (value.empty() ? "-" : value);
  // Taller by the lines a title wraps to (a phone: three), so the curve keeps its height.
  const float line = ImGui::GetTextLineHeight();
  const float lines = std::ceil(ImGui::CalcTextSize(titled.c_str()).x / std::max(1.0f, width - 3.4f * line) - 0.05f);
  const Plot plot = begin_plot(id, ImVec2(width, 150 + line * std::clamp(lines - 1, 0.0f, 3.0f)), 1, std::max(2.0f, static_cast<float>(last_pass)), y0, y1,
                               titled.c_str(), "passes", "", y_powers_of_ten);
  plot_series(plot, values, series_color(0), static_cast<float>(first_pass));
  return plot;
}

// The settled rule's window: shaded, and on the accuracy curve (`bands`) its lowest and
// highest value marked across it.
void shade_rule_window(const Plot& plot, const RuleWindow& w, bool bands) {
  const ImU32 shade = IM_COL32(120, 170, 255, 40), edge = IM_COL32(120, 170, 255, 200);
  const ImVec2 a = plot.at(static_cast<float>(w.first_pass), plot.y1), b = plot.at(static_cast<float>(w.last_pass), plot.y0);
  plot.draw->PushClipRect(plot.min, plot.max, true);
  plot.draw->AddRectFilled(ImVec2(std::min(a.x, b.x - 2), a.y), b, shade);
  if (bands) {
    for (float v : {w.low, w.high}) {
      const float y = plot.at(plot.x0, std::clamp(v, plot.y0, plot.y1)).y;
      plot.draw->AddLine(ImVec2(std::min(a.x, b.x - 2), y), ImVec2(b.x, y), edge, 1.0f);
    }
  }
  plot.draw->PopClipRect();
}

std::string formatted(const char* format, double value) {
  char text[32];
  std::snprintf(text, sizeof text, format, value);
  return text;
}

// SAG and mini-batch descent count epochs (a pass of single-row or batch steps), the
// others iterations.
bool epochs(Solver solver) { return solver == Solver::Sag || solver == Solver::MiniBatch; }

constexpr float kFormWidth = 420;  // the settings column, for wrapping its notes

// A drop-down as wide as its longest choice needs, as far as the line holds it beside its
// label: at the form's item width "softmax (multinomial)" was cut on a phone, and
// "one-vs-rest (a sigmoid per class)" everywhere.
bool fitted_combo(const char* label, int* current, const char* const items[], int count) {
  const ImGuiStyle& style = ImGui::GetStyle();
  float widest = 0;
  for (int i = 0; i < count; ++i) widest = std::max(widest, ImGui::CalcTextSize(items[i]).x);
  const float needed = widest + 2 * style.FramePadding.x + ImGui::GetFrameHeight();
  const float room = ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize(label, nullptr, true).x - style.ItemInnerSpacing.x;
  ImGui::SetNextItemWidth(std::max(ImGui::CalcItemWidth(), std::min(needed, room)));
  return ImGui::Combo(label, current, items, count);
}

void settings_form(AppState& app) {
  TrainForm& f = app.form;
  bool edited = false;
  const int loaded = app.data.train ? app.data.train->size() : 60000;
  const int max_subset = max_fit_digits(loaded);
  f.subset = std::min(f.subset, max_subset);
  // 220 px sliders, narrower when the longest label would not fit beside them (a phone).
  const float label = ImGui::CalcTextSize("C (inverse L2 strength)").x + ImGui::GetStyle().ItemInnerSpacing.x;
  ImGui::PushItemWidth(std::clamp(ImGui::GetContentRegionAvail().x - label, 100.0f, 220.0f));
  if (f.focus_requested) {  // Shift+T: the slider opens as a text field, ready to type
    ImGui::SetKeyboardFocusHere();
    f.focus_requested = false;
  }
  edited |= count_slider("training digits", &f.subset, 1000, max_subset);
  ImGui::TextDisabled("and %s others, held out:", with_thousands(validation_digits(loaded)).c_str());
  ImGui::SameLine();
  glossary_term(app.glossary, Term::ValidationSlice);
  const char* scalings[] = {"none (raw 0..255)", "StandardScaler", "MinMaxScaler"};
  edited |= fitted_combo("scaling", &f.scaling, scalings, 3);
  edited |= ImGui::Checkbox("PCA", &f.pca_on);
  ImGui::SameLine();
  ImGui::BeginDisabled(!f.pca_on);
  ImGui::SetNextItemWidth(std::clamp(ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize("components").x -
                                         ImGui::GetStyle().ItemInnerSpacing.x, 80.0f, 160.0f));
  edited |= ImGui::SliderInt("components", &f.pca_components, 1, 784);
  ImGui::EndDisabled();
  edited |= ImGui::RadioButton("degree 1", &f.poly_degree, 1);
  {  // the second radio button beside the first while it fits, else below (a phone)
    const ImGuiStyle& style = ImGui::GetStyle();
    const float radio = ImGui::GetFrameHeight() + style.ItemInnerSpacing.x + ImGui::CalcTextSize("degree 2 polynomial features").x;
    if (ImGui::GetItemRectMax().x + style.ItemSpacing.x + radio <= ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x)
      ImGui::SameLine();
  }
  edited |= ImGui::RadioButton("degree 2 polynomial features", &f.poly_degree, 2);
  GlossaryState& g = app.glossary;
  edited |= ImGui::SliderFloat("C (inverse L2 strength)", &f.C, 0.001f, 1000.0f, "%.3f", ImGuiSliderFlags_Logarithmic);
  glossary_tooltip(g, Term::C);
  const char* models[] = {"softmax (multinomial)", "one-vs-rest (a sigmoid per class)"};
  edited |= fitted_combo("model", &f.multi_class, models, 2);
  glossary_tooltip(g, f.multi_class == 0 ? Term::Softmax : Term::OneVsRest);
  const char* solvers[] = {"L-BFGS", "mini-batch gradient descent", "Newton-CG", "SAG"};
  edited |= fitted_combo("solver", &f.solver, solvers, 4);
  glossary_tooltip(g, f.solver == 0 ? Term::LBFGS : f.solver == 1 ? Term::MiniBatch : f.solver == 2 ? Term::NewtonCg : Term::Sag);
  edited |= count_slider(f.solver != 1 && f.solver != 3 ? "max iterations" : "epochs", &f.max_iter, 1, 3000);
  glossary_tooltip(g, f.solver != 1 && f.solver != 3 ? Term::MaxIter : Term::Epoch);
  // Not a model setting (presets keep it): when a run stops.
  const char* rules[] = {"accuracy has settled", "scikit-learn's rule"};
  fitted_combo("stop when", &f.stop_rule, rules, 2);
  glossary_tooltip(g, f.stop_rule == 0 ? Term::SettledRule : Term::MaxIter);
  if (f.solver == 1) {
    edited |= ImGui::SliderFloat("learning rate", &f.learning_rate, 1e-4f, 10.0f, "%.4f", ImGuiSliderFlags_Logarithmic);
    glossary_tooltip(g, Term::LearningRate);
    edited |= count_slider("batch size", &f.batch_size, 16, 2048);
    glossary_tooltip(g, Term::BatchSize);
  }
  edited |= ImGui::Checkbox("class_weight balanced", &f.balanced);
  glossary_tooltip(g, Term::ClassWeightBalanced);
  ImGui::PopItemWidth();
  if (edited) f.preset = -1;
  // What pressing Train would need, before it is pressed (training_estimate.hpp).
  const FormEstimate form = form_estimate(app);
  const TrainingEstimate& e = form.estimate;
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::min(kFormWidth, ImGui::GetContentRegionAvail().x));
  ImGui::TextDisabled("%s", form.line.c_str());
  if (!e.refusal.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, error_text_color());
    ImGui::TextWrapped("Too big for the page: %s", e.refusal.c_str());
    ImGui::PopStyleColor();
  } else {
    // The stutter only where runs stay on the page's thread (?workers=0, no worker here).
    const bool page_thread = !app.train.worker.start || !app.train.worker_problem.empty();
    std::string slow = e.warning;
    if (page_thread && !e.stutter.empty()) slow += (slow.empty() ? "" : " ") + e.stutter;
    if (!slow.empty()) ImGui::TextWrapped("Slow: %s", slow.c_str());
  }
  if (app.program == "no-simd")
    ImGui::TextWrapped("This browser has no WebAssembly SIMD, so the page runs its program without it: "
                       "training takes about %.0f times as long as in a browser with it.", kNoSimdPassSlowdown);
  ImGui::PopTextWrapPos();
}

void preset_buttons(AppState& app) {
  ImGui::TextUnformatted("The tutorial's steps:");
  const auto& all = presets();
  const ImGuiStyle& style = ImGui::GetStyle();
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  for (std::size_t i = 0; i < all.size(); ++i) {
    // On one line while they fit (a phone gets two or three lines).
    const float width = ImGui::CalcTextSize(all[i].title).x + 2 * style.FramePadding.x;
    if (i > 0 && ImGui::GetItemRectMax().x + style.ItemSpacing.x + width <= right) ImGui::SameLine();
    const bool active = app.form.preset == static_cast<int>(i);
    if (active) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    if (ImGui::Button(all[i].title)) apply_preset(app.form, static_cast<int>(i));
    if (active) ImGui::PopStyleColor();
    if (ImGui::IsItemHovered()) {  // the preset keeps the subset chosen below
      ImGui::BeginTooltip();
      ImGui::PushTextWrapPos(tooltip_wrap_width());  // as the glossary's: a long blurb stays on a phone's screen
      ImGui::TextWrapped("%s", all[i].blurb);
      ImGui::TextWrapped("Here it trains on the %s training digits chosen below.", with_thousands(app.form.subset).c_str());
      ImGui::PopTextWrapPos();
      ImGui::EndTooltip();
    }
  }
}

void progress_view(AppState& app) {
  TrainState& t = app.train;
  if (!t.has_run()) {
    if (!t.outcome.empty())  // the last run ended in an exception (work.cpp, fail_training)
      ImGui::TextWrapped("The last run %s. The model in use stays: %s.", t.outcome.c_str(), app.model.source.c_str());
    else
      ImGui::TextDisabled("No training yet on this page: the drawing panel uses the model that shipped with it.");
    return;
  }
  const FitProgress& p = t.progress();
  char overlay[128];
  if (p.stage == FitStage::Done)  // a full bar: the run is over, however far below max_iter it stopped (the outcome says why)
    std::snprintf(overlay, sizeof overlay, "done: %d %s, %d passes", p.training.iteration,
                  epochs(t.solver) ? "epochs" : "iterations", p.training.passes);
  else if (p.stage == FitStage::Training)
    std::snprintf(overlay, sizeof overlay, "%s %d / %d, %d passes",
                  epochs(t.solver) ? "epoch" : "iteration", p.training.iteration,
                  p.training.max_iterations, p.training.passes);
  else
    std::snprintf(overlay, sizeof overlay, "preparing: %s", to_string(p.stage));
  progress_bar(static_cast<float>(p.fraction), -1, overlay);
  ImGui::Text("%s  |  %.1f s", t.settings_text.c_str(), p.elapsed_seconds);
  const bool training = p.stage == FitStage::Training || p.stage == FitStage::Done;
  if (training) {
    glossary_term(app.glossary, Term::LogLoss);
    ImGui::SameLine();
    // Before the first pass the solver has no loss yet (its 0 would read as a perfect fit).
    if (p.training.passes > 0) ImGui::Text("%.5f per training digit", p.training.loss);
    else ImGui::TextDisabled("per training digit, from the first pass on");
    same_line_if_fits("[x] Details", 20);  // the checkbox's box and label; below on a phone
  }
  ImGui::Checkbox("Details", &t.details);
  if (t.details) {  // for the curious and for debugging: how the solver and the page are doing
    ImGui::TextDisabled("largest entry of the");
    ImGui::SameLine();
    glossary_term(app.glossary, Term::Gradient);
    ImGui::SameLine();
    ImGui::TextDisabled("%.3g (near 0: settled)", p.training.gradient_max);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    const std::string where = !t.in_worker ? "the page's own thread"
                              : t.report.shards > 1 ? std::to_string(t.report.shards) + " Web Workers, each passing over its share of the digits"
                                                    : "a Web Worker";
    const std::string covariance = t.in_worker && t.report.covariance_shards > 1
        ? "; " + std::to_string(t.report.covariance_shards) + " Web Workers summed the PCA's covariance, each over its share"
        : "";
    ImGui::TextWrapped("longest frame %.0f ms; most of the page's own work in one frame %.0f ms; %d of %d frames "
                       "over 50 ms of work; the fit runs in %s%s", t.longest_frame_ms, t.longest_work_ms,
                       t.slow_work_frames, t.work_frames, where.c_str(), covariance.c_str());
    ImGui::PopStyleColor();
  }
  if (!t.outcome.empty()) ImGui::TextWrapped("%s", t.outcome.c_str());
  const float w = ImGui::GetContentRegionAvail().x;
  // Both curves per pass on the same axis, so the learner can set one against the other:
  // the accuracy stops moving while the loss goes on falling.
  const int accuracy_first = t.report.accuracy_first_pass;
  const int last_pass = std::max(static_cast<int>(t.loss_curve.size()),
                                 accuracy_first + static_cast<int>(t.accuracy_curve.size()) - 1);
  const SettledRuleView rule = settled_rule_view(app);
  // The loss on powers of ten: it goes on falling tenfold long after a 0..max axis shows it flat.
  const LossAxis loss = loss_axis(t.loss_curve);
  const Plot loss_plot = curve_plot(
      "loss-curve", "log-loss on the training digits (lower is better; a grid line at each power of ten), per pass",
      loss.log10_values, 1, last_pass, loss.y0, loss.y1, t.loss_curve.empty() ? "" : formatted("%.4f", t.loss_curve.back()),
      w, true);
  if (rule.window.shown) shade_rule_window(loss_plot, rule.window, false);
  // Until the curve's digits are ready (a block per frame), the slice the run holds.
  const long long curve_digits = t.report.curve_digits > 0 ? static_cast<long long>(t.report.curve_digits)
                                 : t.validation          ? t.validation->size()
                                                         : 0;
  const std::vector<float> percents = accuracy_percents(t);
  const AccuracyAxis axis = accuracy_axis(percents);
  std::string title = "accuracy (%) on " + with_thousands(curve_digits) + " validation digits, held out of the fit, per pass";
  if (axis.zoomed)
    title += formatted(" (zoomed in to %.1f%%", axis.y0) +
             (axis.passes_below > 0 ? "; the first " + with_thousands(axis.passes_below) + " scored below it)" : ")");
  const Plot plot = curve_plot("accuracy-curve", title, axis.shown, accuracy_first, last_pass, axis.y0, axis.y1,
                               percents.empty() ? "" : formatted("%.2f%%", percents.back()), w);
  // The settled rule's average over the curve, thicker: what the shaded window compares
  // (the rule's line below names it). Clipped to the plot like the curve.
  if (t.rule == StopRule::Settled) {
    std::vector<float> averages = rule_average_percents(t);
    for (std::size_t i = 0; i < averages.size() && i < axis.shown.size(); ++i)
      if (std::isnan(axis.shown[i])) averages[i] = std::numeric_limits<float>::quiet_NaN();  // the climb cut off by the zoom
    plot_series(plot, averages, series_color(2), static_cast<float>(accuracy_first), 1.0f, 3.0f);
  }
  if (rule.window.shown) shade_rule_window(plot, rule.window, true);
  if (!rule.text.empty()) ImGui::TextWrapped("%s", rule.text.c_str());
  ImGui::TextDisabled("The test digits wait for Evaluate:");
  same_line_if_fits("why a validation slice?");  // a phone: on its own line
  glossary_term(app.glossary, Term::ValidationSlice, "why a validation slice?");
  train_live_view(app);
}

}  // namespace

void train_panel(AppState& app) {
  // The workers load their programs while the learner reads the settings: the first run
  // starts 60-80 ms sooner (README, "Pressing Train").
  FitWorkerPort& worker = app.train.worker;
  if (worker.prepare && !worker.prepared && app.train.worker_problem.empty()) {
    worker.prepared = true;
    worker.prepare();
  }
  // Settings and progress side by side where there is room, else one above the other.
  const bool side_by_side = ImGui::GetContentRegionAvail().x >= kFormWidth + 480;
  preset_buttons(app);
  ImGui::Separator();
  ImGui::BeginGroup();
  settings_form(app);
  ImGui::Spacing();
  const bool running = training_running(app);
  ImGui::BeginDisabled(running || !app.data.train);
  if (ImGui::Button("Train", ImVec2(120, 0))) start_training(app);
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(!running);
  if (ImGui::Button("Stop", ImVec2(120, 0))) stop_training(app);
  ImGui::EndDisabled();
  if (!app.data.train && !failed_files_line(app, {kTrainImages, kTrainLabels}, "Training needs the training digits."))
    ImGui::TextDisabled("waiting for the training digits...");
  ImGui::EndGroup();
  if (side_by_side)
    ImGui::SameLine(0, 24);
  else
    ImGui::Separator();
  ImGui::BeginGroup();
  progress_view(app);
  ImGui::EndGroup();
}

}  // namespace digitlab::app
