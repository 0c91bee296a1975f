// Question: "How does the threshold affect the results; can a class's own threshold
// help it?" One digit against the rest with the page's model: call a test digit a "d"
// when the model's probability for d reaches the threshold, and watch precision and
// recall trade places.
#include <algorithm>
#include <cstdio>

#include "app/chapters/chapters.hpp"
#include "app/widgets/layout.hpp"
#include "app/widgets/glossary_ui.hpp"
#include "app/chapters/question_prompt.hpp"

namespace digitlab::app {

struct ThresholdQuestion : ChapterData {
  int guess = kNoGuess;
  int digit = 8;
  float threshold = 0.5f;
  int swept_evaluation = -1;  // EvalState::number of the evaluation the sweep was computed from
  int swept_digit = -1;
  std::vector<ThresholdPoint> sweep;
  ThresholdPoint current;
  BinaryScores argmax;  // the usual rule: the most probable digit
};

namespace {

void update_sweep(AppState& app) {
  ThresholdQuestion& q = app.chapters.get<ThresholdQuestion>();
  const EvaluationJob* job = app.eval.job.get();
  if (q.swept_evaluation == app.eval.number && q.swept_digit == q.digit) return;
  const Eigen::VectorXf p = job->probabilities().col(q.digit);
  q.sweep = threshold_sweep(p, job->labels(), q.digit, even_thresholds(0.01, 0.99, 99));
  q.argmax = binary_scores(one_vs_rest(app.eval.confusion, q.digit));
  q.swept_evaluation = app.eval.number;
  q.swept_digit = q.digit;
}

void curves(const ThresholdQuestion& q, float width, float height, const Row& row) {
  std::vector<float> ts, precision, recall, f1;
  for (const ThresholdPoint& p : q.sweep) {
    ts.push_back(static_cast<float>(p.threshold));
    precision.push_back(static_cast<float>(p.scores.precision));
    recall.push_back(static_cast<float>(p.scores.recall));
    f1.push_back(static_cast<float>(p.scores.f1));
  }
  const float low = std::min({*std::min_element(precision.begin(), precision.end()),
                              *std::min_element(recall.begin(), recall.end())});
  // The lowest value rounded down to a twentieth: 0.88 starts the axes at 0.85, not 0.80,
  // which on a phone left the dots crowded in the top corner.
  const float y0 = std::max(0.0f, std::floor(low * 20 - 0.2f) / 20);
  Plot a = begin_plot("threshold-curves", ImVec2(width, height), 0, 1, y0, 1.0f, "precision, recall and F1 by threshold",
                      "threshold", "");
  plot_line(a, ts, precision, series_color(0));
  plot_line(a, ts, recall, series_color(1));
  plot_line(a, ts, f1, series_color(2), 1.5f);
  plot_vline(a, q.threshold, IM_COL32(230, 230, 230, 220));
  plot_legend(a, {{"precision", series_color(0)}, {"recall", series_color(1)}, {"F1", series_color(2)}}, Corner::Best);

  row.next();
  Plot b = begin_plot("threshold-pr", ImVec2(width, height), y0, 1.0f, y0, 1.0f,
                      "precision against recall (each dot a threshold)", "recall", "precision");
  std::vector<ImU32> colors(recall.size(), IM_COL32(150, 150, 160, 255));
  plot_points(b, recall, precision, colors, 2.5f);
  plot_points(b, {static_cast<float>(q.current.scores.recall)}, {static_cast<float>(q.current.scores.precision)},
              {series_color(3)}, 6.0f);
  plot_points(b, {static_cast<float>(q.argmax.recall)}, {static_cast<float>(q.argmax.precision)},
              {IM_COL32(255, 255, 255, 255)}, 4.5f);
  plot_legend(b, {{"this threshold", series_color(3)}, {"most probable digit", IM_COL32(255, 255, 255, 255)}}, Corner::Best);
}

// The digit's scores at 0.5 and 0.2 with the page's model: the question's result.
Takeaway threshold_result(const AppState& app, int digit) {
  const std::vector<ThresholdPoint> two = threshold_sweep(app.eval.job->probabilities().col(digit),
                                                          app.eval.job->labels(), digit, {0.5, 0.2});
  return threshold_takeaway(digit, 0.5, two[0].scores, 0.2, two[1].scores);
}

bool evaluated(const AppState& app) { return app.eval.ready && app.eval.job && app.eval.digits; }

}  // namespace

static void draw_threshold(AppState& app) {
  ThresholdQuestion& q = app.chapters.get<ThresholdQuestion>();
  if (!question_prompt("threshold", threshold_question_text(), q.guess)) return;
  if (!evaluated(app)) {
    ImGui::TextDisabled("Waiting for the page's model to be evaluated on the %s.", evaluated_items(app).c_str());
    return;
  }
  evaluated_on_note(app);
  next_labelled_item("digit", 220, true);
  ImGui::SliderInt("digit", &q.digit, 0, 9);
  next_labelled_item("threshold", 220);
  ImGui::SliderFloat("threshold", &q.threshold, 0.01f, 0.99f, "%.2f");
  glossary_tooltip(app.glossary, Term::Threshold);
  update_sweep(app);
  q.current = threshold_sweep(app.eval.job->probabilities().col(q.digit), app.eval.job->labels(), q.digit,
                              {static_cast<double>(q.threshold)}).front();
  const BinaryCounts& c = q.current.counts;
  const char* a = q.digit == 8 ? "an" : "a";  // "an 8", "a 3"
  // No-break spaces (U+00A0) keep each name with its number when a phone wraps the line.
  ImGui::Text("Called %s %d when P(%d)\u00a0>=\u00a0%.2f:  TP\u00a0%s  FP\u00a0%s  FN\u00a0%s  TN\u00a0%s  ->  "
              "precision\u00a0%.3f, recall\u00a0%.3f, F1\u00a0%.3f",
              a, q.digit, q.digit, q.threshold, thousands(c.tp).c_str(), thousands(c.fp).c_str(), thousands(c.fn).c_str(),
              thousands(c.tn).c_str(), q.current.scores.precision, q.current.scores.recall, q.current.scores.f1);
  ImGui::TextDisabled("The usual rule (the most probable digit): precision %.3f, recall %.3f, F1 %.3f", q.argmax.precision,
                      q.argmax.recall, q.argmax.f1);
  question_takeaway(threshold_result(app, q.digit), threshold_question_text(), q.guess);
  // The two plots side by side when each gets 260 px, else one above the other.
  const Row row({260.0f, 260.0f});
  const float w = row.side_by_side() ? (Row::rest() - ImGui::GetStyle().ItemSpacing.x) / 2 : Row::rest();
  const float h = std::clamp(ImGui::GetContentRegionAvail().y - 70, 220.0f, 420.0f);
  curves(q, w, row.side_by_side() ? h : std::min(h, std::max(220.0f, w)), row);
  const int d = q.digit;
  char text[1100];
  std::snprintf(text, sizeof text,
                "A low threshold calls more images %s %d: it misses fewer (recall up) and raises more false alarms "
                "(precision down); a high one the reverse. This is one yes-or-no question, \"is it %s %d?\", asked of "
                "P(%d) alone: it does not by itself give one answer out of ten, since an image can pass several digits' "
                "thresholds or none, and a rule is still needed for those (for example: the most probable digit among "
                "those that pass). Under such a rule, an image that moves into column %d leaves another column, so the "
                "precision and recall of that other digit change too, not only %d's. The counts here are on the %s, "
                "to show the trade-off. To choose a threshold to use, pick it on digits kept out of training (as the "
                "Train panel's validation slice is), then score that one choice on the test digits: a threshold picked "
                "by watching the test digits flatters their score.",
                a, d, a, d, d, d, d, evaluated_items(app).c_str());
  note(text);
}

static void threshold_json(JsonWriter& j, const AppState& app) {
  const ThresholdQuestion& q = app.chapters.get<ThresholdQuestion>();
  j.begin_object().key("digit").value(q.digit).key("threshold").value(static_cast<double>(q.threshold))
      .key("ready").value(!q.sweep.empty());
  if (!q.sweep.empty()) {
    const BinaryCounts& c = q.current.counts;
    j.key("tp").value(c.tp).key("fp").value(c.fp).key("fn").value(c.fn).key("tn").value(c.tn)
        .key("precision").value(q.current.scores.precision).key("recall").value(q.current.scores.recall)
        .key("f1").value(q.current.scores.f1);
  }
  const bool ready = evaluated(app);
  const Takeaway t = ready ? threshold_result(app, q.digit) : Takeaway{};
  question_json(j, threshold_question_text(), q.guess, ready ? &t : nullptr);
  j.end_object();
}


// [SECTION] Registry entry (chapter_registry.cpp)

static bool apply_setting(AppState& app, const Setting& s) {
  ThresholdQuestion& q = app.chapters.get<ThresholdQuestion>();
  if (!s.is_number) return false;
  if (s.key == "threshold") q.threshold = s.clamped(0.01f, 0.99f);
  else if (s.key == "digit") q.digit = s.rounded(0, 9);
  else return false;
  return true;
}

// Its URL keys that differ from the defaults, for the page's address.
static void write_settings(const AppState& app, std::vector<KeyValue>& out) {
  const ThresholdQuestion& q = app.chapters.get<ThresholdQuestion>();
  const ThresholdQuestion defaults;
  write_if_changed(out, "digit", q.digit, defaults.digit);
  write_if_changed(out, "threshold", q.threshold, defaults.threshold);
}

static int* guess(AppState& app) { return &app.chapters.get<ThresholdQuestion>().guess; }

ChapterDef threshold_question() {
  ChapterDef c;
  c.key = "threshold";
  c.title = "Threshold";
  c.group = PanelGroup::Questions;
  c.lesson =
      "Question: instead of always taking the most likely digit, call a picture a certain digit once its "
      "probability passes a threshold of your choice. What do a lower and a higher threshold do to the pictures "
      "missed and to the false alarms?";
  c.make_state = state_of<ThresholdQuestion>;
  c.draw = draw_threshold;
  c.json = threshold_json;
  c.apply_setting = apply_setting;
  c.write_settings = write_settings;
  c.guess = guess;
  return c;
}

std::pair<int, float> threshold_question_choice(AppState& app) {
  const ThresholdQuestion& q = app.chapters.get<ThresholdQuestion>();
  return {q.digit, q.threshold};
}

}  // namespace digitlab::app
