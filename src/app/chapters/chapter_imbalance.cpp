// Question: "Could an imbalanced training set lower recall for the rare class?" Drop
// most of one digit from a training pool, train with and without class_weight
// "balanced", and compare that digit's recall and precision with the full pool's.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/chapters/chapter_precomputed.hpp"
#include "app/chapters/chapters.hpp"
#include "app/widgets/layout.hpp"
#include "app/widgets/widgets.hpp"
#include "app/chapters/question_prompt.hpp"

namespace digitlab::app {

// The chapter's run button, which the precomputed note names.
constexpr const char* kRunButton = "Thin the digit, train three models";

struct ImbalanceQuestion : ChapterData, ImbalanceExperiment {
  int guess = kNoGuess;
  int ran_digit = ImbalanceExperiment{}.digit;  // the digit thinned in `runs` (the slider's may differ)
  int kept = 0, before = 0;  // of `digit` in the thinned training set
  RunQueue runs;
};

static void start_imbalance_runs(AppState& app) {
  ImbalanceQuestion& q = app.chapters.get<ImbalanceQuestion>();
  if (!app.data.train || !app.data.test) return;
  ImbalanceRuns made = imbalance_runs(q, *app.data.train, *app.data.test);
  q.before = made.before;
  q.kept = made.kept;
  q.ran_digit = q.digit;
  q.runs.clear();
  for (RunSpec& spec : made.runs) q.runs.add(std::move(spec));
}

namespace {

void digit_scores(const ImbalanceQuestion& q, float width) {
  char recall[32], precision[32];
  std::snprintf(recall, sizeof recall, "recall of %d", q.ran_digit);
  std::snprintf(precision, sizeof precision, "precision of %d", q.ran_digit);
  // One cell: field 0 the run's name (in its colour), 1 its training digits, 2 and on its scores.
  auto cell = [&q](const Run& run, int index, int field) {
    const RunScore* s = run.score("test");
    const auto digit = static_cast<std::size_t>(q.ran_digit);
    if (field == 0) {
      cell_text_colored(ImGui::ColorConvertU32ToFloat4(series_color(index)), "%s", run.spec.label.c_str());
    } else if (field == 1) {
      cell_text("%s", thousands(run.train_count).c_str());
    } else if (!s) {
      cell_text_disabled("-");
    } else if (field == 2) {
      cell_text("%.3f", s->report.recall[digit]);
    } else if (field == 3) {
      cell_text("%.3f", s->report.precision[digit]);
    } else {
      cell_text("%.2f%%", 100 * s->accuracy);
    }
  };
  const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit |
                                ImGuiTableFlags_NoHostExtendX;
  const int runs = static_cast<int>(q.runs.runs().size());
  // A run a row while that fits the line; on a phone a run a column, as the chapters' runs
  // tables, with short names for the rows (the digit said above) and each run's name on
  // two lines where it has a "+".
  const bool turned = !fitted_table_fits("imbalance");
  if (turned) ImGui::TextDisabled("Digit %d's recall and precision, and the accuracy on all ten:", q.ran_digit);
  const std::vector<std::string> fields = turned ? std::vector<std::string>{"", "digits", "recall", "precision", "accuracy"}
                                                 : std::vector<std::string>{"run", "training digits", recall, precision,
                                                                            "accuracy"};
  if (turned) ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, ImVec2(3, ImGui::GetStyle().CellPadding.y));  // four columns on 360 px
  items_table("imbalance", fields, runs, [&](int item, int field, bool on_side) {
    const Run& run = *q.runs.runs()[static_cast<std::size_t>(item)];
    if (field > 0 || !on_side) return cell(run, item, field);
    std::string label = run.spec.label;
    if (const std::size_t plus = label.find(" + "); plus != std::string::npos) label.replace(plus, 1, "\n");
    cell_text_colored(ImGui::ColorConvertU32ToFloat4(series_color(item)), "%s", label.c_str());
  }, flags);
  if (turned) ImGui::PopStyleVar();
  std::vector<float> xs, rs, ps;
  for (int i = 0; i < runs; ++i) {
    const RunScore* s = q.runs.runs()[static_cast<std::size_t>(i)]->score("test");
    if (!s) continue;
    xs.push_back(static_cast<float>(i));
    rs.push_back(static_cast<float>(s->report.recall[static_cast<std::size_t>(q.ran_digit)]));
    ps.push_back(static_cast<float>(s->report.precision[static_cast<std::size_t>(q.ran_digit)]));
  }
  if (xs.empty()) return;
  char title[96];
  // The values' names only where each bar has room for them (the title says which is which).
  const bool named = width >= 560;
  std::snprintf(title, sizeof title, named ? "digit %d: recall (left bar) and precision (right bar) per run"
                                           : "digit %d: recall (left), precision (right)", q.ran_digit);
  Plot p = begin_category_plot("imbalance-bars", ImVec2(width, 200), {"full pool", "thinned", "thinned + balanced"}, 0, 1, title);
  for (std::size_t k = 0; k < xs.size(); ++k) {
    plot_bars(p, {xs[k] - 0.17f}, {rs[k]}, 0.3f, series_color(static_cast<int>(k)), named ? "recall %.2f" : "%.2f");
    plot_bars(p, {xs[k] + 0.17f}, {ps[k]}, 0.3f, (series_color(static_cast<int>(k)) & 0x00FFFFFF) | 0x90000000,
              named ? "precision %.2f" : "%.2f");
  }
}

// Where the rare digit's test images went, per run: its confusion-matrix row.
void rows_of_digit(const ImbalanceQuestion& q) {
  for (const auto& run : q.runs.runs()) {
    const RunScore* s = run->score("test");
    if (!s) continue;
    std::string text = run->spec.label + ": ";
    for (int p = 0; p < 10; ++p) {
      const long long n = s->confusion(q.ran_digit, p);
      if (n == 0) continue;
      // A no-break space inside each pair: a phone wrapped between "6" and "x7".
      text += (p == q.ran_digit ? "[" : "") + std::to_string(p) + (p == q.ran_digit ? "]" : "") + "\u00A0x" + std::to_string(n) + "  ";
    }
    text.erase(text.find_last_not_of(' ') + 1);  // trailing spaces would count in the line's width
    ImGui::TextUnformatted(text.c_str());
  }
}

// The rare digit's recall in the three runs, and how many test images of it they were
// scored on (0 if a run does not say).
bool recalls(const ImbalanceQuestion& q, double out[3], long long* images = nullptr) {
  if (q.runs.runs().size() != 3 || !q.runs.finished()) return false;
  for (int i = 0; i < 3; ++i) {
    const RunScore* s = q.runs.runs()[static_cast<std::size_t>(i)]->score("test");
    if (!s) return false;
    const auto digit = static_cast<std::size_t>(q.ran_digit);
    out[i] = s->report.recall[digit];
    if (images) *images = digit < s->report.support.size() ? s->report.support[digit] : 0;
  }
  return true;
}

Takeaway takeaway_of(const ImbalanceQuestion& q) {
  double r[3];
  long long images = 0;
  if (!recalls(q, r, &images)) return {};
  return imbalance_takeaway(q.ran_digit, r[0], r[1], r[2], images);
}

}  // namespace

static void draw_imbalance(AppState& app) {
  ImbalanceQuestion& q = app.chapters.get<ImbalanceQuestion>();
  if (!question_prompt("imbalance", imbalance_question_text(), q.guess)) return;
  if (!digits_ready(app)) return;
  next_labelled_item("rare digit", 180, true);
  ImGui::SliderInt("rare digit", &q.digit, 0, 9);
  float percent = 100.0f * q.keep;  // shown as a percent, as the note speaks of it
  next_labelled_item("share kept", 180);
  if (ImGui::SliderFloat("share kept", &percent, 0.0f, 100.0f, "%.0f%%")) q.keep = std::round(percent) / 100.0f;
  next_labelled_item("pool", 180);
  count_slider("pool", &q.subset, 500, 10000);
  next_labelled_item("max_iter", 180);
  count_slider("max_iter", &q.max_iter, 10, 1000);
  ImGui::BeginDisabled(q.runs.busy());
  if (ImGui::Button(kRunButton)) start_imbalance_runs(app);
  ImGui::EndDisabled();
  if (q.before > 0) {
    same_line_if_room(ImGui::CalcTextSize("0000 of the pool's 00000 images of 0 kept").x);
    ImGui::Text("%d of the pool's %d images of %d kept", q.kept, q.before, q.ran_digit);
  }
  precomputed_note(app, q.runs, same_settings(q, ImbalanceExperiment{}), kRunButton);
  run_queue_progress(q.runs);
  double r[3];
  if (recalls(q, r)) question_takeaway(takeaway_of(q), imbalance_question_text(), q.guess);
  digit_scores(q, std::max(300.0f, ImGui::GetContentRegionAvail().x));
  if (q.runs.finished()) {
    ImGui::TextDisabled("Where the test images of %d went ([%d]: read right; any other digit d: read as d):", q.ran_digit, q.ran_digit);
    rows_of_digit(q);
  }
  const int scored = std::min(kExperimentTestDigits, app.data.test->size());  // test_digits() takes as many
  // The share to try next: 20% from the default 5% (or anything under 20), else back to 5%.
  const int kept_percent = static_cast<int>(std::lround(100 * q.keep)), other_percent = kept_percent >= 20 ? 5 : 20;
  note(("With few examples of a digit, the model learns that guessing it rarely pays: its recall falls while "
       "its precision can even rise. class_weight=\"balanced\" weighs each example by the inverse of its "
       "class's share, so the few rare ones count as much as a full class: part of the recall comes back, "
       "usually at some cost in precision. No weighting can show the model ways of writing the digit that it "
       "never saw: set the share kept to " + std::to_string(other_percent) + "% instead of " +
       std::to_string(kept_percent) + "% and compare. All three models use MinMaxScaler + "
       "PCA 30 + degree-2 features and are scored on the same " + thousands(scored) + " test digits, a sample that keeps "
       "MNIST's own uneven shares of the ten digits (it is not balanced).").c_str());
}

static void imbalance_json(JsonWriter& j, const AppState& app) {
  const ImbalanceQuestion& q = app.chapters.get<ImbalanceQuestion>();
  j.begin_object().key("digit").value(q.digit).key("ran_digit").value(q.ran_digit)
      .key("keep").value(static_cast<double>(q.keep)).key("kept").value(q.kept)
      .key("before").value(q.before).key("busy").value(q.runs.busy()).key("recall").begin_array();
  for (const auto& run : q.runs.runs()) {
    const RunScore* s = run->score("test");
    if (s) j.value(s->report.recall[static_cast<std::size_t>(q.ran_digit)]); else j.null();
  }
  j.end_array().key("precomputed").value(q.runs.precomputed());
  double r[3];
  const bool scored = recalls(q, r);
  const Takeaway t = scored ? takeaway_of(q) : Takeaway{};
  question_json(j, imbalance_question_text(), q.guess, scored ? &t : nullptr);
  j.key("runs");
  runs_json(j, q.runs);
  j.end_object();
}


// [SECTION] Registry entry (chapter_registry.cpp)

static bool advance_imbalance(AppState& app, double budget_seconds) {
  return advance_runs(app, app.chapters.get<ImbalanceQuestion>().runs, budget_seconds);
}

static bool apply_setting(AppState& app, const Setting& s) {
  ImbalanceQuestion& q = app.chapters.get<ImbalanceQuestion>();
  if (!s.is_number) return false;
  if (s.key == "digit") q.digit = s.rounded(0, 9);
  else if (s.key == "subset") q.subset = s.rounded(100, 60000);
  else if (s.key == "max_iter") q.max_iter = s.rounded(1, 5000);
  else if (s.key == "keep") q.keep = s.clamped(0.0f, 1.0f);
  else return false;
  return true;
}

// Its URL keys that differ from the defaults, for the page's address.
static void write_settings(const AppState& app, std::vector<KeyValue>& out) {
  const ImbalanceQuestion& q = app.chapters.get<ImbalanceQuestion>();
  const ImbalanceExperiment defaults;
  write_if_changed(out, "digit", q.digit, defaults.digit);
  write_if_changed(out, "keep", q.keep, defaults.keep);
  write_if_changed(out, "subset", q.subset, defaults.subset);
  write_if_changed(out, "max_iter", q.max_iter, defaults.max_iter);
}

static int* guess(AppState& app) { return &app.chapters.get<ImbalanceQuestion>().guess; }

static void install_results(AppState& app) {
  ImbalanceQuestion& q = app.chapters.get<ImbalanceQuestion>();
  if (same_settings(q, ImbalanceExperiment{})) install_precomputed(q.runs, app.chapters.precomputed, "imbalance");
}

ChapterDef imbalance_question() {
  ChapterDef c;
  c.key = "imbalance";
  c.title = "Imbalance";
  c.group = PanelGroup::Questions;
  c.lesson =
      "Question: what if one digit is rare? Remove most of its training examples: does the model still find that "
      "digit as often? And how much does giving the rare examples more weight (class_weight balanced) win back?";
  c.make_state = state_of<ImbalanceQuestion>;
  c.draw = draw_imbalance;
  c.json = imbalance_json;
  c.advance = advance_imbalance;
  c.start = start_imbalance_runs;
  c.apply_setting = apply_setting;
  c.write_settings = write_settings;
  c.guess = guess;
  c.install_precomputed = install_results;
  return c;
}

}  // namespace digitlab::app
