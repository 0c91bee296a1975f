// Chapter 4, "Logistic regression": a score per digit z_k = w_k . x + b_k, read as ten
// separate sigmoids (one-vs-rest) or as one softmax; both trained side by side on a
// subset with the chosen solver and max_iter, with their convergence curves.
#include <algorithm>
#include <cstdio>

#include "app/chapters/chapter_precomputed.hpp"
#include "app/chapters/chapters.hpp"
#include "app/widgets/layout.hpp"
#include "app/widgets/glossary_ui.hpp"
#include "core/linear_model/logistic_regression.hpp"
#include "core/linear_model/setting_names.hpp"
#include "app/widgets/widgets.hpp"

namespace digitlab::app {

struct LogisticChapter : ChapterData, LogisticExperiment {
  RunQueue runs;
};

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
    ImGui::TextUnformatted("the same ten scores through a sigmoid each: 1 / (1 + e^-z_k)");
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
    ImGui::TextDisabled("This model was trained with softmax: only the differences between its scores matter, so "
                        "these sigmoids are not ten yes-or-no answers (several can be near 1). A one-vs-rest model "
                        "(Train panel) trains each sigmoid on its own question.");
    ImGui::PopTextWrapPos();
  } else {
    ImGui::TextUnformatted("ten sigmoids, each trained on its own yes-or-no question: 1 / (1 + e^-z_k)");
  }
  probability_bars("lr-sigmoid", sig.data(), 10, static_cast<int>(best), ImVec2(w, 90));
  ImGui::TextUnformatted("softmax, the ten compete and sum to 1: e^z_k / sum_j e^z_j");
  probability_bars("lr-softmax", soft.data(), 10, static_cast<int>(best), ImVec2(w, 90));
}

void experiment_form(AppState& app) {
  LogisticChapter& l = app.chapters.get<LogisticChapter>();
  ImGui::PushItemWidth(200);
  const char* scalings[] = {"none (raw 0..255)", "StandardScaler", "MinMaxScaler"};
  ImGui::Combo("pixels", &l.scaling, scalings, 3);
  const char* solvers[] = {"L-BFGS", "mini-batch gradient descent", "Newton-CG"};
  ImGui::Combo("solver", &l.solver, solvers, 3);
  glossary_tooltip(app.glossary, l.solver == 0 ? Term::LBFGS : l.solver == 1 ? Term::MiniBatch : Term::NewtonCg);
  ImGui::SliderInt(l.solver != 1 ? "max_iter" : "max_iter (epochs)", &l.max_iter, 1, 1000, "%d", ImGuiSliderFlags_Logarithmic);
  glossary_tooltip(app.glossary, l.solver != 1 ? Term::MaxIter : Term::Epoch);
  ImGui::SliderInt("training digits", &l.subset, 500, 10000, "%d", ImGuiSliderFlags_Logarithmic);
  ImGui::PopItemWidth();
  ImGui::BeginDisabled(l.runs.busy() || !app.data.train);
  if (ImGui::Button("Train softmax and one-vs-rest")) start_logistic_runs(app);
  ImGui::EndDisabled();
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
  for (Term term : {Term::LBFGS, Term::MiniBatch, Term::NewtonCg, Term::Epoch, Term::LogLoss, Term::Softmax, Term::OneVsRest}) {
    if (!first) same_line_if_fits(glossary_entry(term).name, 12);
    glossary_term(app.glossary, term);
    first = false;
  }
  end_column();
  row.next();
  begin_column(Row::rest());
  two_readings(app);
  end_column();
  ImGui::Separator();
  if (precomputed_note(app, l.runs, same_settings(l, LogisticExperiment{}))) start_logistic_runs(app);
  run_queue_progress(l.runs);
  runs_table("logistic-runs", l.runs, {"test"});
  if (!l.runs.empty())
    loss_curves("logistic-loss", l.runs, ImVec2(-1, std::max(180.0f, ImGui::GetContentRegionAvail().y - 8)), true);
  else
    ImGui::TextDisabled("Train to see both convergence curves (log-loss on the training digits per iteration; "
                        "one-vs-rest restarts for each digit).");
}

static void logistic_json(JsonWriter& j, const AppState& app) {
  const LogisticChapter& l = app.chapters.get<LogisticChapter>();
  j.begin_object().key("solver").value(name_of(enum_from_index<Solver>(l.solver))).key("max_iter").value(l.max_iter)
      .key("subset").value(l.subset).key("busy").value(l.runs.busy())
      .key("precomputed").value(l.runs.precomputed()).key("runs");
  runs_json(j, l.runs);
  j.end_object();
}


// [SECTION] Registry entry (chapter_registry.cpp)

static bool advance_logistic(AppState& app, double budget_seconds) {
  return advance_runs(app.chapters.get<LogisticChapter>().runs, budget_seconds);
}

static bool apply_setting(AppState& app, const Setting& s) {
  LogisticChapter& c = app.chapters.get<LogisticChapter>();
  if (!s.is_number && s.key == "solver") c.solver = static_cast<int>(parse_name<Solver>(s.value).value_or(Solver::Lbfgs));
  else if (!s.is_number && s.key == "scaling") c.scaling = static_cast<int>(parse_name<Scaling>(s.value).value_or(Scaling::MinMax));
  else if (s.is_number && s.key == "subset") c.subset = s.rounded(100, 60000);
  else if (s.is_number && s.key == "max_iter") c.max_iter = s.rounded(1, 5000);
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
