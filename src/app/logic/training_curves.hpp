// The axes of the Train panel's two curves and what the settled-accuracy rule is watching,
// worked out from the run's values. No ImGui: tests/test_training_curves.cpp checks it.
//
// Why: on a 0..1 axis both curves are flat after a few dozen passes, while the loss goes on
// falling tenfold and the accuracy moves by single digits of the validation slice. The
// loss gets a powers-of-ten axis; the accuracy, once most of it lies near its best, an
// axis of those few points, so the rule's window (shaded) and its change can be seen.
//
//   const LossAxis l = loss_axis(t.loss_curve);              // log10 values, whole powers
//   const AccuracyAxis a = accuracy_axis(percents);          // 0..100, or zoomed near the top
//   const RuleWindow w = rule_window(percents, first, last); // the passes the rule compares
#pragma once

#include <string>
#include <vector>

namespace digitlab::app {

struct LossAxis {
  std::vector<float> log10_values;  // NaN where a value is not a positive number
  float y0 = -1, y1 = 1;            // whole powers of ten around them, at least one apart
};
LossAxis loss_axis(const std::vector<float>& losses);

// percents: the validation accuracy after each pass, in percent.
struct AccuracyAxis {
  float y0 = 0, y1 = 100;
  bool zoomed = false;
  int passes_below = 0;  // zoomed: the leading passes under y0, left out of the line
  std::vector<float> shown;  // the values to draw: those leading passes NaN
};
// Zooms once there are at least 20 values and at least 60% of them lie within 2 points of
// the best: y0 is 2 points under the best, down to a half point, y1 a quarter point over
// it, up to a half point (at most 100).
AccuracyAxis accuracy_axis(const std::vector<float>& percents);

// The settled rule's window on the curve (validation_watch.hpp: indices of its oldest and
// newest value, -1 before it holds a whole window), as passes (the curve's first value is
// pass `first_pass`'s), with the curve's lowest and highest value there and their
// difference in points. For the rule's own change, the curve is its averages
// (ValidationWatch::rule_average_by_pass), in percent.
struct RuleWindow {
  bool shown = false;
  int first_pass = 0, last_pass = 0;
  float low = 0, high = 0;
  float change_points() const { return high - low; }
};
RuleWindow rule_window(const std::vector<float>& percents, int first, int last, int first_pass = 1);

// Where the run is, for the words: still training, stopped by this rule, or ended by
// another (scikit-learn's rule, Stop, an error).
enum class RunEnd { Running, Settled, Other };

// The line under the accuracy curve for a run under the settled rule: how it reads the
// shaded window, e.g. "Settled-accuracy rule: over the last 50 passes that moved the model
// (shaded: from the average after pass 120 to after pass 170), the validation accuracy's
// 10-pass average (the thick green line) changed by 0.15 point (97.80% to 97.95%); it stops the
// run once that is under 0.1 point." `window`: the rule's passes, `tolerance_points` its
// tolerance, `average` the values it averages (1: none, "the validation accuracy");
// `one_vs_rest`: it watches the last class's problem only.
std::string rule_window_text(const RuleWindow& w, int window, double tolerance_points, RunEnd end,
                             bool one_vs_rest = false, int average = 1);

}  // namespace digitlab::app
