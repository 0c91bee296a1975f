// Chapter 4, "Logistic regression": a score per digit z_k = w_k . x + b_k, read as ten
// separate sigmoids (one-vs-rest) or as one softmax; both trained side by side on a
// subset with the chosen solver and max_iter, with their convergence curves; and the
// solvers' race: softmax with L-BFGS, Newton-CG and SAG on the same digits, loss against
// passes over the data, to the same optimum.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/chapters/chapter_precomputed.hpp"
#include "app/chapters/chapters.hpp"
#include "app/widgets/layout.hpp"
#include "app/widgets/glossary_ui.hpp"
#include "core/linear_model/logistic_regression.hpp"
#include "core/linear_model/setting_names.hpp"
#include "app/widgets/widgets.hpp"

namespace digitlab::app {

// The chapter's run button, which the precomputed note names.
constexpr const char* kRunButton = "Train softmax and one-vs-rest";

// The formulas with no-break spaces (U+00A0), so a phone wraps the line before a formula,
// never inside it ("1 / (1 +" over "e^-z_k)").
constexpr const char* kSigmoidFormula = "1\u00a0/\u00a0(1\u00a0+\u00a0e^-z_k)";
constexpr const char* kSoftmaxFormula = "e^z_k\u00a0/\u00a0sum_j\u00a0e^z_j";

struct LogisticChapter : ChapterData, LogisticExperiment {
  RunQueue runs;
  RunQueue race;               // the solvers' race
  bool race_requested = false; // race=1 in the address: started once the digits are in
};

static void start_race(AppState& app) {
  LogisticChapter& l = app.chapters.get<LogisticChapter>();
  if (!app.data.train || !app.data.test) return;
  l.race.clear();
  for (RunSpec& spec : solver_race_runs(l, *app.data.train, *app.data.test)) l.race.add(std::move(spec));
}

static void start_logistic_runs(AppState& app) {
  LogisticChapter& l = app.chapters.get<LogisticChapter>();
  if (!app.data.train || !app.data.test) return;
  l.runs.clear();
  for (RunSpec& spec : logistic_runs(l, *app.data.train, *app.data.test)) l.runs.add(std::move(spec));
}

namespace {

// One test digit through the page's current model: its ten scores through sigmoids (each
// on its own only in a one-vs-rest model), and through softmax.
void two_readings(AppState& app) {
  if (!app.model.pipeline || !app.data.test) return;
  const Dataset& test = *app.data.test;
  ImGui::TextDisabled("first test digit, the page's current model (%s)", describe(app.model.pipeline->settings()).c_str());
  const Matrix x = test.pixels.row(0).cast<float>();
  const Eigen::MatrixXf z = app.model.pipeline->decision_function(x);
  if (z.cols() < 2) return;
  const Eigen::VectorXf sig = sigmoid(z).row(0).transpose(), soft = softmax(z).row(0).transpose();
  Eigen::Index best;
  z.row(0).maxCoeff(&best);
  const float w = std::max(200.0f, ImGui::GetContentRegionAvail().x);
  ImGui::Text("label %d; the largest score is digit %d", test.labels[0], static_cast<int>(best));
  const bool softmax_model = app.model.pipeline->settings().model.multi_class == MultiClass::Multinomial;
  if (softmax_model) {
    ImGui::Text("the same ten scores through a sigmoid each: %s", kSigmoidFormula);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
    ImGui::TextDisabled("This model was trained with softmax: only the differences between its scores matter, so "
                        "these sigmoids are not ten yes-or-no answers (several can be near 1). A one-vs-rest model "
                        "(Train panel) trains each sigmoid on its own question.");
    ImGui::PopTextWrapPos();
  } else {
    ImGui::Text("ten sigmoids, each trained on its own yes-or-no question: %s", kSigmoidFormula);
  }
  probability_bars("lr-sigmoid", sig.data(), 10, static_cast<int>(best), ImVec2(w, 90));
  ImGui::Text("softmax, the ten compete and sum to 1: %s", kSoftmaxFormula);
  probability_bars("lr-softmax", soft.data(), 10, static_cast<int>(best), ImVec2(w, 90));
}

void experiment_form(AppState& app) {
  LogisticChapter& l = app.chapters.get<LogisticChapter>();
  ImGui::PushItemWidth(200);
  const char* scalings[] = {"none (raw 0..255)", "StandardScaler", "MinMaxScaler"};
  ImGui::Combo("pixels", &l.scaling, scalings, 3);
  const char* solvers[] = {"L-BFGS", "mini-batch gradient descent", "Newton-CG", "SAG"};
  ImGui::Combo("solver", &l.solver, solvers, 4);
  glossary_tooltip(app.glossary, l.solver == 0 ? Term::LBFGS : l.solver == 1 ? Term::MiniBatch : l.solver == 2 ? Term::NewtonCg : Term::Sag);
  count_slider(l.solver != 1 && l.solver != 3 ? "max_iter" : "max_iter (epochs)", &l.max_iter, 1, 1000);
  glossary_tooltip(app.glossary, l.solver != 1 && l.solver != 3 ? Term::MaxIter : Term::Epoch);
  ImGui::BeginDisabled(l.tutorial_split);
  count_slider("training digits", &l.subset, 500, 10000);
  ImGui::EndDisabled();
  ImGui::PopItemWidth();
  tutorial_split_choice(app, l.tutorial_split);
  ImGui::BeginDisabled(l.runs.busy() || l.race.busy() || !app.data.train);
  if (ImGui::Button(kRunButton)) start_logistic_runs(app);
  same_line_if_room(ImGui::CalcTextSize("Race the solvers").x + 2 * ImGui::GetStyle().FramePadding.x);
  if (ImGui::Button("Race the solvers")) start_race(app);
  ImGui::EndDisabled();
}

// The race's losses over all solvers and passes, scanned once a frame for the plots.
struct RaceLossRange {
  float lowest = INFINITY, highest = -INFINITY;  // of the finite losses; infinite if none
  std::size_t longest = 1;                       // passes of the longest run, at least 1
};

RaceLossRange race_loss_range(const RunQueue& race) {
  RaceLossRange r;
  for (const auto& run : race.runs()) {
    for (float v : run->loss_by_pass)
      if (std::isfinite(v)) {
        r.lowest = std::min(r.lowest, v);
        r.highest = std::max(r.highest, v);
      }
    r.longest = std::max(r.longest, run->loss_by_pass.size());
  }
  return r;
}

// The same passes as each loss minus the lowest any solver reached, on a log scale: on the
// plain plot all three lie on 0.13 after a few dozen passes; here one sees how far each
// still is from the optimum, and that they end at the same one.
void race_gap_plot(const RunQueue& race, const RaceLossRange& range,
                   const std::vector<std::pair<std::string, ImU32>>& legend) {
  const float lowest = range.lowest;
  if (!std::isfinite(lowest)) return;
  // Float losses near 0.1 are only told apart to about 1e-8: below 1e-7 reads as "there".
  const float floor = -7.0f;
  float highest = floor + 1;
  std::vector<std::vector<float>> gaps;
  for (const auto& run : race.runs()) {
    std::vector<float>& g = gaps.emplace_back();
    for (float v : run->loss_by_pass) g.push_back(std::isfinite(v) ? std::max(floor, std::log10(std::max(v - lowest, 1e-30f))) : NAN);
    for (float v : g)
      if (std::isfinite(v)) highest = std::max(highest, v);
  }
  Plot plot = begin_plot("race-gap", ImVec2(-1, 220), 1, static_cast<float>(range.longest), floor, std::ceil(highest),
                         "log-loss minus the lowest any solver reached (log scale: each grid line 10 times smaller)",
                         "passes", "above", true);
  for (std::size_t i = 0; i < gaps.size(); ++i) plot_series(plot, gaps[i], series_color(static_cast<int>(i)), 1);
  plot_legend(plot, legend, Corner::Best);
}

// The pass from which every solver's loss stays within 1% of the highest loss (about the
// plain plot's height) of the lowest any reached, or 0 if one's latest pass is outside
// that band: from then on their curves are one line there (SAG's hundreds of passes had
// squeezed what differs into the plot's first tenth), and the gap plot tells them apart.
std::size_t pass_all_close(const RunQueue& race, const RaceLossRange& range) {
  if (!std::isfinite(range.lowest)) return 0;
  const float band = range.lowest + 0.01f * range.highest;
  std::size_t from = 1;
  for (const auto& run : race.runs()) {
    const std::vector<float>& loss = run->loss_by_pass;
    std::size_t i = loss.size();
    while (i > 0 && loss[i - 1] <= band) --i;  // (a line search's trial can rise above it)
    if (i == loss.size()) return 0;
    from = std::max(from, i + 1);  // loss[i] is pass i + 1
  }
  return from;
}

// The passes the plain plot shows, where the solvers differ: half again as many as until
// all are close, at least 20; all of them while the race runs or they are not close.
std::size_t race_passes_shown(const RunQueue& race, const RaceLossRange& range, std::size_t close) {
  const std::size_t longest = range.longest;
  if (race.busy()) return longest;
  return close ? std::clamp<std::size_t>(close * 3 / 2, std::min<std::size_t>(20, longest), longest) : longest;
}

// The race's figures: per solver its passes, iterations, seconds, final loss and test
// accuracy, then the loss after every pass, then what they show, from the figures.
void race_section(AppState& app) {
  LogisticChapter& l = app.chapters.get<LogisticChapter>();
  if (l.race.empty()) return;
  ImGui::Separator();
  heading("The solvers' race: softmax on the same min-max scaled digits, to scikit-learn's rule (tol 1e-4)");
  run_queue_progress(l.race);
  const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit |
                                ImGuiTableFlags_NoHostExtendX;
  // A solver a row while that fits the line; on a phone a solver a column (seven fields
  // in rows broke "converged" and "0.129339" in two).
  const auto& runs = l.race.runs();
  items_table("race", {"solver", "passes", "iterations", "stopped by", "fit time (s)", "log-loss", "test accuracy"},
              static_cast<int>(runs.size()), [&](int item, int field, bool) {
                const Run& run = *runs[static_cast<std::size_t>(item)];
                switch (field) {
                  case 0: cell_text_colored(ImGui::ColorConvertU32ToFloat4(series_color(item)), "%s", run.spec.label.c_str()); break;
                  case 1: cell_text("%d", run.training.passes); break;
                  case 2: cell_text("%d", run.training.iteration); break;
                  case 3:
                    cell_text_unformatted(!run.error.empty() ? run.error : run.model ? status_words(run.training.status) : "running");
                    break;
                  case 4: cell_text("%.2f", run.model ? run.fit_seconds : run.training.elapsed_seconds); break;
                  case 5: cell_text("%.6f", run.training.loss); break;
                  default: {
                    const double a = run.accuracy("test");
                    if (std::isfinite(a)) cell_text("%.2f%%", 100 * a); else cell_text_disabled("-");
                  }
                }
              }, flags);
  const RaceLossRange range = race_loss_range(l.race);
  const float top = std::isfinite(range.highest) ? std::max(0.0f, range.highest) : 0.0f;
  const std::size_t longest = range.longest;
  const std::size_t close = pass_all_close(l.race, range), shown = race_passes_shown(l.race, range, close);
  char title[192];
  if (shown < longest)
    std::snprintf(title, sizeof title,
                  "log-loss per pass over the training digits, the first %zu of %zu (one line from pass %zu on; "
                  "the plot below shows all)",
                  shown, longest, close);
  else
    std::snprintf(title, sizeof title, "log-loss after each pass over the training digits");
  Plot plot = begin_plot("race-loss", ImVec2(-1, 220), 1, static_cast<float>(shown), 0, top > 0 ? top * 1.05f : 1.0f,
                         title, "passes", "log-loss");
  std::vector<std::pair<std::string, ImU32>> legend;
  int i = 0;
  for (const auto& run : l.race.runs()) {
    const std::vector<float>& loss = run->loss_by_pass;
    plot_series(plot, std::vector<float>(loss.begin(), loss.begin() + static_cast<std::ptrdiff_t>(std::min(shown, loss.size()))),
                series_color(i), 1);
    legend.emplace_back(run->spec.label, series_color(i++));
  }
  plot_legend(plot, legend, Corner::Best);
  race_gap_plot(l.race, range, legend);
  if (l.race.busy()) return;
  // What the race shows, from its own figures.
  double lowest = 1e300, highest = -1e300;
  bool all_converged = true;
  for (const auto& run : l.race.runs()) {
    lowest = std::min(lowest, run->training.loss);
    highest = std::max(highest, run->training.loss);
    all_converged = all_converged && run->model && run->training.status == TrainingStatus::Converged;
  }
  std::string text = all_converged ? "All three met the rule at a log-loss between " : "Not all met the rule (see stopped by); their log-loss ranges from ";
  char numbers[96];
  std::snprintf(numbers, sizeof numbers, "%.5f and %.5f: ", lowest, highest);
  text += numbers;
  text += all_converged ? "one optimum, reached by three routes. " : "";
  for (const auto& run : l.race.runs()) {
    std::snprintf(numbers, sizeof numbers, "%s took %d passes in %.2f s (%.1f ms a pass); ", run->spec.label.c_str(),
                  run->training.passes, run->fit_seconds, 1000 * run->fit_seconds / std::max(1, run->training.passes));
    text += numbers;
  }
  text += "L-BFGS builds a picture of the curvature from its last steps (starting from how much each pixel "
          "spreads), Newton-CG computes it (each of its "
          "iterations costs several passes, for Hessian-vector products), and SAG steps after every single digit "
          "(an epoch is one pass of single steps, followed here by one more pass to measure the loss).";
  // Which moved furthest for the same reading of the data: the lowest loss after as many
  // passes as the shortest run made (at most 10).
  std::size_t k = 10;
  for (const auto& run : l.race.runs()) k = std::min(k, run->loss_by_pass.size());
  const Run* lowest_at_k = nullptr;
  for (const auto& run : l.race.runs())
    if (k > 0 && std::isfinite(run->loss_by_pass[k - 1]) &&
        (!lowest_at_k || run->loss_by_pass[k - 1] < lowest_at_k->loss_by_pass[k - 1]))
      lowest_at_k = run.get();
  if (lowest_at_k) {
    std::snprintf(numbers, sizeof numbers, " After %zu passes %s's loss was the lowest (%.5f).", k,
                  lowest_at_k->spec.label.c_str(), lowest_at_k->loss_by_pass[k - 1]);
    text += numbers;
  }
  note(text.c_str());
}

}  // namespace

static void draw_logistic(AppState& app) {
  LogisticChapter& l = app.chapters.get<LogisticChapter>();
  if (!digits_ready(app)) return;
  // The experiment beside the two readings when both fit, else above them.
  const float avail = ImGui::GetContentRegionAvail().x;
  const Row row({300.0f, 260.0f});
  const float left = row.side_by_side() ? avail * 0.48f : avail;
  begin_column(left);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + left);
  note("A score per digit: z_k = w_k . x + b_k, 784 weights and a bias for each of the ten digits. "
       "One-vs-rest turns each score into its own yes/no probability with a sigmoid and trains ten separate "
       "models; softmax turns the ten scores into one distribution and trains them together.");
  ImGui::PopTextWrapPos();
  ImGui::Spacing();
  experiment_form(app);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + left);
  note("max_iter caps the solver's iterations. A run stopped by it says \"max_iter\" (scikit-learn's "
       "ConvergenceWarning): the weights are whatever it had reached. Raw pixels usually need more iterations "
       "than scaled ones (the table below shows how many each took); one-vs-rest's count is the sum of its ten "
       "problems.");
  ImGui::PopTextWrapPos();
  bool first = true;
  for (Term term : {Term::LBFGS, Term::MiniBatch, Term::NewtonCg, Term::Sag, Term::Epoch, Term::LogLoss, Term::Softmax, Term::OneVsRest}) {
    if (!first) same_line_if_fits(glossary_entry(term).name, 12);
    glossary_term(app.glossary, term);
    first = false;
  }
  end_column();
  row.next();
  begin_column(Row::rest());
  two_readings(app);
  end_column();
  if (l.race_requested && !l.runs.busy()) {
    l.race_requested = false;
    start_race(app);
  }
  race_section(app);  // the last thing asked for, first
  ImGui::Separator();
  precomputed_note(app, l.runs, same_settings(l, LogisticExperiment{}), kRunButton);
  run_queue_progress(l.runs);
  runs_table("logistic-runs", l.runs, {"test"});
  if (!l.runs.empty())
    loss_curves("logistic-loss", l.runs, ImVec2(-1, std::clamp(ImGui::GetContentRegionAvail().y - 8, 180.0f, 360.0f)), true,
                app.classes);
  else
    ImGui::TextDisabled("Train to see both convergence curves (log-loss on the training digits per iteration; "
                        "one-vs-rest restarts for each digit).");
}

static void logistic_json(JsonWriter& j, const AppState& app) {
  const LogisticChapter& l = app.chapters.get<LogisticChapter>();
  j.begin_object().key("solver").value(name_of(enum_from_index<Solver>(l.solver))).key("max_iter").value(l.max_iter)
      .key("subset").value(l.subset).key("tutorial_split").value(l.tutorial_split).key("busy").value(l.runs.busy())
      .key("precomputed").value(l.runs.precomputed()).key("runs");
  runs_json(j, l.runs);
  j.key("race_busy").value(l.race.busy()).key("race");
  runs_json(j, l.race);
  // The race's loss after every pass, and the passes its plain plot shows.
  j.key("race_loss_by_pass").begin_array();
  for (const auto& run : l.race.runs()) {
    j.begin_array();
    for (float v : run->loss_by_pass) j.value(v);
    j.end_array();
  }
  const RaceLossRange range = race_loss_range(l.race);
  const std::size_t close = pass_all_close(l.race, range);
  j.end_array().key("race_close_from").value(static_cast<int>(close))
      .key("race_passes_shown").value(static_cast<int>(race_passes_shown(l.race, range, close)));
  j.end_object();
}


// [SECTION] Registry entry (chapter_registry.cpp)

static bool advance_logistic(AppState& app, double budget_seconds) {
  LogisticChapter& l = app.chapters.get<LogisticChapter>();
  return advance_runs(app, l.runs, budget_seconds) || advance_runs(app, l.race, budget_seconds);
}

static bool apply_setting(AppState& app, const Setting& s) {
  LogisticChapter& c = app.chapters.get<LogisticChapter>();
  if (!s.is_number && s.key == "solver") c.solver = static_cast<int>(parse_name<Solver>(s.value).value_or(Solver::Lbfgs));
  else if (!s.is_number && s.key == "scaling") c.scaling = static_cast<int>(parse_name<Scaling>(s.value).value_or(Scaling::MinMax));
  else if (s.is_number && s.key == "subset") c.subset = s.rounded(100, 60000);
  else if (s.is_number && s.key == "max_iter") c.max_iter = s.rounded(1, 5000);
  else if (s.is_number && s.key == "race") c.race_requested = s.rounded(0, 1) == 1;  // an action: not written back
  else if (s.key == "split" && (s.value == "tutorial" || s.value == "subset")) c.tutorial_split = s.value == "tutorial";
  else return false;
  return true;
}

// Its URL keys that differ from the defaults, for the page's address.
static void write_settings(const AppState& app, std::vector<KeyValue>& out) {
  const LogisticChapter& c = app.chapters.get<LogisticChapter>();
  const LogisticExperiment defaults;
  if (c.solver != defaults.solver) out.push_back({"solver", name_of(enum_from_index<Solver>(c.solver))});
  if (c.scaling != defaults.scaling) out.push_back({"scaling", name_of(enum_from_index<Scaling>(c.scaling))});
  write_if_changed(out, "subset", c.subset, defaults.subset);
  write_if_changed(out, "max_iter", c.max_iter, defaults.max_iter);
  if (c.tutorial_split) out.push_back({"split", "tutorial"});
}

static void install_results(AppState& app) {
  LogisticChapter& c = app.chapters.get<LogisticChapter>();
  if (same_settings(c, LogisticExperiment{})) install_precomputed(c.runs, app.chapters.precomputed, "logistic");
}

ChapterDef logistic_chapter() {
  ChapterDef c;
  c.key = "logistic";
  c.title = "4 Logistic regression";
  c.group = PanelGroup::Tutorial;
  c.lesson =
      "Ten digits need ten scores. Either each score gets its own sigmoid and its own yes-or-no model "
      "(one-vs-rest), or softmax turns the ten scores into shares of one whole. Train both and watch their log-loss "
      "fall; max_iter is where the solver stops, settled or not.";
  c.make_state = state_of<LogisticChapter>;
  c.draw = draw_logistic;
  c.json = logistic_json;
  c.advance = advance_logistic;
  c.start = start_logistic_runs;
  c.apply_setting = apply_setting;
  c.write_settings = write_settings;
  c.install_precomputed = install_results;
  return c;
}

}  // namespace digitlab::app
