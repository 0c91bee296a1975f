// Question: "What does test_size change?" One pool of training digits split at several
// test sizes, each with several seeds (train_test_split(test_size, random_state=42, 43,
// ...)); each split trains the same pipeline and is scored on both its parts. Each size
// shows the mean over the seeds with a bar from the lowest to the highest, so the gap
// between the parts (overfitting) and the spread of a small test part both show.
#include <cstdlib>
#include <sstream>
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/chapters/chapter_precomputed.hpp"
#include "app/chapters/chapters.hpp"
#include "app/widgets/layout.hpp"
#include "app/widgets/widgets.hpp"
#include "app/widgets/glossary_ui.hpp"
#include "app/chapters/question_prompt.hpp"

namespace digitlab::app {

// The chapter's run button, which the precomputed note names.
constexpr const char* kRunButton = "Split, train and score";

struct TestSizeQuestion : ChapterData, TestSizeExperiment {
  int guess = kNoGuess;  // an index into test_size_question_text().options (questions.hpp)
  TestSizeExperiment ran;  // the settings of the runs in `runs` (the defaults for a precomputed result)
  RunQueue runs;
};

static void start_test_size_runs(AppState& app) {
  TestSizeQuestion& q = app.chapters.get<TestSizeQuestion>();
  if (!app.data.train) return;
  q.runs.clear();
  q.ran = q;
  for (RunSpec& spec : test_size_runs(q, *app.data.train)) q.runs.add(std::move(spec));
}

namespace {

constexpr const char* kHeaders[] = {"test_size", "train / test digits", "splits", "train accuracy",
                                    "test accuracy (mean +- sd)", "test min - max"};

// One size's cell of column `field` (kHeaders).
void point_cell(const TestSizePoint& p, int pool, int field) {
  const int test = static_cast<int>(std::ceil(p.size * pool - 1e-9));  // scikit-learn's ceil
  switch (field) {
    case 0: cell_text("%.2g", p.size); return;
    case 1: cell_text("%s\u00a0/\u00a0%s", thousands(pool - test).c_str(), thousands(test).c_str()); return;  // one word: never "1000 /" then "1000"
    case 2: cell_text("%d", p.test.n); return;
    case 3: if (p.train.n) cell_text("%.2f%%", 100 * p.train.mean); else cell_text_disabled("-"); return;
    case 4:  // one split has no spread to show (its sd is not 0, just unmeasured)
      if (p.test.n > 1) cell_text("%.2f%%\u00a0+-\u00a0%.2f", 100 * p.test.mean, 100 * p.test.sd);  // one word
      else if (p.test.n == 1) cell_text("%.2f%%", 100 * p.test.mean);
      else cell_text_disabled("-");
      return;
    default: if (p.test.n) cell_text("%.2f - %.2f%%", 100 * p.test.min, 100 * p.test.max); else cell_text_disabled("-");
  }
}

// Every column while the table fits the line. On a phone four (no splits, no min - max: the
// plot draws each size's lowest and highest split), tighter, under a row of names that wrap
// (a table's own header row clips them).
void table(const std::vector<TestSizePoint>& points, int pool) {
  const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit |
                                ImGuiTableFlags_NoHostExtendX;
  const bool narrow = !fitted_table_fits("test-size");
  const std::vector<int> fields = narrow ? std::vector<int>{0, 1, 3, 4} : std::vector<int>{0, 1, 2, 3, 4, 5};
  if (narrow) ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, ImVec2(3, ImGui::GetStyle().CellPadding.y));  // "test_size" whole
  const bool shown = begin_fitted_table(narrow ? "test-size-narrow" : "test-size", static_cast<int>(fields.size()), flags);
  if (narrow) ImGui::PopStyleVar();
  if (!shown) return;
  if (narrow) {
    for (int field : fields) fitted_column((std::string("##") + kHeaders[field]).c_str());
    ImGui::TableNextRow();
    for (int field : fields) {
      ImGui::TableNextColumn();
      cell_text_unformatted(kHeaders[field]);
    }
  } else {
    for (int field : fields) fitted_column(kHeaders[field]);
    ImGui::TableHeadersRow();
  }
  for (const TestSizePoint& p : points) {
    ImGui::TableNextRow();
    for (int field : fields) {
      ImGui::TableNextColumn();
      point_cell(p, pool, field);
    }
  }
  end_fitted_table();
}

void plot(const std::vector<TestSizePoint>& points, ImVec2 size) {
  std::vector<float> xs, train, test;
  float low = 100;
  for (const TestSizePoint& p : points) {
    if (p.test.n == 0 || p.train.n == 0) continue;
    xs.push_back(static_cast<float>(p.size));
    train.push_back(static_cast<float>(100 * p.train.mean));
    test.push_back(static_cast<float>(100 * p.test.mean));
    low = std::min({low, static_cast<float>(100 * p.train.min), static_cast<float>(100 * p.test.min)});
  }
  const float y0 = std::max(0.0f, std::floor((low - 2) / 5) * 5);
  Plot pl = begin_plot("test-size-plot", size, 0, 1, y0, 100.5f,
                       "mean accuracy over the splits; bars from the lowest to the highest split",
                       "test_size (share of the pool held out)", "%");
  for (const TestSizePoint& p : points) {
    if (p.test.n == 0 || p.train.n == 0) continue;
    const float x = static_cast<float>(p.size);
    for (const auto& [spread, color] : {std::pair<const Spread*, ImU32>{&p.test, series_color(0)}, {&p.train, series_color(1)}}) {
      const ImVec2 a = pl.at(x, static_cast<float>(100 * spread->min)), b = pl.at(x, static_cast<float>(100 * spread->max));
      pl.draw->AddLine(a, b, color, 1.5f);
      plot_mark_segment(pl, a, b);
      pl.draw->AddLine(ImVec2(a.x - 4, a.y), ImVec2(a.x + 4, a.y), color, 1.5f);
      pl.draw->AddLine(ImVec2(b.x - 4, b.y), ImVec2(b.x + 4, b.y), color, 1.5f);
    }
  }
  plot_line(pl, xs, train, series_color(1));
  plot_line(pl, xs, test, series_color(0));
  plot_points(pl, xs, train, {series_color(1)});
  plot_points(pl, xs, test, {series_color(0)});
  plot_legend(pl, {{"train part", series_color(1)}, {"test part", series_color(0)}}, Corner::Best);
}

}  // namespace

static void draw_test_size(AppState& app) {
  TestSizeQuestion& q = app.chapters.get<TestSizeQuestion>();
  if (!question_prompt("test_size", test_size_question_text(), q.guess)) return;
  if (!digits_ready(app)) return;
  note("One pool of training digits, split by train_test_split(test_size, random_state) at each size with "
       "several seeds; every split trains MinMaxScaler + PCA 30 + degree-2 features and is scored on both parts.");
  terms_row(app.glossary, {Term::TestSize, Term::MinMaxScaler, Term::PolynomialFeatures});
  next_labelled_item("pool of digits", 160, true);
  count_slider("pool of digits", &q.pool, 500, 10000);
  next_labelled_item("max_iter", 160);
  count_slider("max_iter", &q.max_iter, 10, 1000);
  next_labelled_item("seeds per size", 160);
  ImGui::SliderInt("seeds per size", &q.seeds, 1, 10);
  same_line_if_room(ImGui::CalcTextSize(kRunButton).x + 2 * ImGui::GetStyle().FramePadding.x);
  ImGui::BeginDisabled(q.runs.busy());
  if (ImGui::Button(kRunButton)) start_test_size_runs(app);
  ImGui::EndDisabled();
  precomputed_note(app, q.runs, same_settings(q, TestSizeExperiment{}), kRunButton);
  run_queue_progress(q.runs);
  const TestSizeExperiment& shown = q.ran;
  const std::vector<TestSizePoint> points = test_size_points(shown, q.runs);
  ImGui::BeginGroup();
  table(points, std::min(shown.pool, app.data.train->size()));
  ImGui::EndGroup();
  if (!q.runs.empty()) {
    same_line_if_room(300, 20);  // the plot beside the table while 300 px are left, else below
    plot(points, ImVec2(std::max(300.0f, ImGui::GetContentRegionAvail().x), 260));
  }
  if (q.runs.finished()) question_takeaway(test_size_takeaway(points), test_size_question_text(), q.guess);
  note(test_size_note(points, std::min(shown.pool, app.data.train->size())).c_str());
}

static void test_size_json(JsonWriter& j, const AppState& app) {
  const TestSizeQuestion& q = app.chapters.get<TestSizeQuestion>();
  const TestSizeExperiment& shown = q.ran;
  const std::vector<TestSizePoint> points = test_size_points(shown, q.runs);
  j.begin_object().key("pool").value(q.pool).key("seeds").value(q.seeds).key("sizes").begin_array();
  for (double s : q.sizes) j.value(s);
  j.end_array().key("busy").value(q.runs.busy()).key("precomputed").value(q.runs.precomputed());
  j.key("error_bars").value("min-max over the seeds").key("points").begin_array();
  for (const TestSizePoint& p : points) {
    j.begin_object().key("size").value(p.size).key("splits").value(p.test.n);
    for (const auto& [name, s] : {std::pair<const char*, const Spread*>{"test", &p.test}, {"train", &p.train}})
      j.key(name).begin_object().key("mean").value(s->mean).key("sd").value(s->sd).key("min").value(s->min)
          .key("max").value(s->max).end_object();
    j.end_object();
  }
  j.end_array();
  const Takeaway t = test_size_takeaway(points);
  question_json(j, test_size_question_text(), q.guess, q.runs.finished() ? &t : nullptr);
  j.key("runs");
  runs_json(j, q.runs);
  j.end_object();
}


// [SECTION] Registry entry (chapter_registry.cpp)

static bool advance_test_size(AppState& app, double budget_seconds) {
  return advance_runs(app, app.chapters.get<TestSizeQuestion>().runs, budget_seconds);
}

static bool apply_setting(AppState& app, const Setting& s) {
  TestSizeQuestion& q = app.chapters.get<TestSizeQuestion>();
  if (!s.is_number && s.key == "sizes") {
    std::vector<double> sizes;
    std::stringstream list(s.value);
    for (std::string part; std::getline(list, part, ',');) {
      char* end = nullptr;
      const double x = std::strtod(part.c_str(), &end);
      if (!part.empty() && *end == '\0' && x > 0 && x < 1) sizes.push_back(x);
    }
    if (sizes.empty()) return false;
    q.sizes = sizes;
    return true;
  }
  if (!s.is_number) return false;
  if (s.key == "subset") q.pool = s.rounded(100, 60000);
  else if (s.key == "max_iter") q.max_iter = s.rounded(1, 5000);
  else if (s.key == "seeds") q.seeds = s.rounded(1, 10);
  else return false;
  return true;
}

// Its URL keys that differ from the defaults, for the page's address.
static void write_settings(const AppState& app, std::vector<KeyValue>& out) {
  const TestSizeQuestion& q = app.chapters.get<TestSizeQuestion>();
  const TestSizeExperiment defaults;
  if (q.sizes != defaults.sizes) {
    std::string sizes;
    for (const double size : q.sizes) sizes += (sizes.empty() ? "" : ",") + number_text(size);
    out.push_back({"sizes", sizes});
  }
  write_if_changed(out, "subset", q.pool, defaults.pool);
  write_if_changed(out, "max_iter", q.max_iter, defaults.max_iter);
  write_if_changed(out, "seeds", q.seeds, defaults.seeds);
}

static int* guess(AppState& app) { return &app.chapters.get<TestSizeQuestion>().guess; }

static void install_results(AppState& app) {
  TestSizeQuestion& q = app.chapters.get<TestSizeQuestion>();
  if (same_settings(q, TestSizeExperiment{})) install_precomputed(q.runs, app.chapters.precomputed, "test_size");
}

ChapterDef test_size_question() {
  ChapterDef c;
  c.key = "test_size";
  c.title = "Test size";  // the setting it is about is scikit-learn's test_size
  c.group = PanelGroup::Questions;
  c.lesson =
      "Question: how much of the data should be kept back for testing? Split one pool in several ways and compare "
      "each model on the digits it trained on and on the ones it never saw.";
  c.make_state = state_of<TestSizeQuestion>;
  c.draw = draw_test_size;
  c.json = test_size_json;
  c.advance = advance_test_size;
  c.start = start_test_size_runs;
  c.apply_setting = apply_setting;
  c.write_settings = write_settings;
  c.guess = guess;
  c.install_precomputed = install_results;
  return c;
}

}  // namespace digitlab::app
