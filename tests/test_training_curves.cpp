// The Train panel's curve axes and the settled rule's window (app/logic/training_curves),
// on values worked out by hand.
#include <catch2/catch.hpp>

#include <cmath>

#include "app/logic/training_curves.hpp"

using namespace digitlab::app;

TEST_CASE("training curves: the loss on whole powers of ten around its values", "[training_curves]") {
  // 2.3 (log10 0.36) down to 0.0155 (log10 -1.81): from 0.01 to 10.
  const LossAxis a = loss_axis({2.3f, 0.5f, 0.0155f});
  REQUIRE(a.log10_values.size() == 3);
  CHECK(a.log10_values[0] == Approx(std::log10(2.3)));
  CHECK(a.log10_values[2] == Approx(std::log10(0.0155)));
  CHECK(a.y0 == -2);
  CHECK(a.y1 == 1);
  // One value, a whole power: still one power of ten tall. Not a number: left out.
  const LossAxis one = loss_axis({0.1f, NAN, 0.0f});
  CHECK(one.y0 == -1);
  CHECK(one.y1 == 0);
  CHECK(std::isnan(one.log10_values[1]));
  CHECK(std::isnan(one.log10_values[2]));  // log(0): no point
  CHECK(loss_axis({}).y0 < loss_axis({}).y1);
}

TEST_CASE("training curves: the accuracy zooms once most passes lie near the best", "[training_curves]") {
  // 20 passes: 10, 50, then 18 at 97.0-97.9. Best 97.9: 2 points under is 95.9, down to
  // a half point 95.5; 18 of 20 (90%) at or above it: zoomed, to 97.9 + 0.25 up to 98.5.
  std::vector<float> p = {10, 50};
  for (int i = 0; i < 18; ++i) p.push_back(97.0f + 0.05f * static_cast<float>(i));
  const AccuracyAxis a = accuracy_axis(p);
  CHECK(a.zoomed);
  CHECK(a.y0 == 95.5f);
  CHECK(a.y1 == 98.5f);
  CHECK(a.passes_below == 2);  // the climb's first two passes are not drawn
  CHECK(std::isnan(a.shown[0]));
  CHECK(std::isnan(a.shown[1]));
  CHECK(a.shown[2] == 97.0f);

  // 19 passes: too few to zoom; the axis from the lowest value's ten.
  p.pop_back();
  const AccuracyAxis few = accuracy_axis(p);
  CHECK_FALSE(few.zoomed);
  CHECK(few.y0 == 10);
  CHECK(few.y1 == 100);
  CHECK(few.shown == p);

  // 20 passes but only half near the best: the whole climb stays in view.
  std::vector<float> half(10, 40.0f);
  for (int i = 0; i < 10; ++i) half.push_back(90.0f);
  const AccuracyAxis climbing = accuracy_axis(half);
  CHECK_FALSE(climbing.zoomed);
  CHECK(climbing.y0 == 40);
  // A short curve at 100% throughout (a small slice): from 90, not an empty 100..100.
  CHECK(accuracy_axis(std::vector<float>(5, 100.0f)).y0 == 90);

  // A best of 99.9: the top stays at 100. A later dip under y0 stays (drawn on the edge).
  std::vector<float> top(30, 99.9f);
  top[0] = 5;
  top[20] = 96;
  const AccuracyAxis high = accuracy_axis(top);
  CHECK(high.zoomed);
  CHECK(high.y0 == 97.5f);
  CHECK(high.y1 == 100);
  CHECK(high.passes_below == 1);
  CHECK(high.shown[20] == 96);
}

TEST_CASE("training curves: the settled rule's window, its range and its words", "[training_curves]") {
  // Indices 2..5 of the curve hold the window: passes 3 to 6, 97.80 to 97.95.
  const std::vector<float> p = {50, 97.0f, 97.85f, 97.8f, 97.95f, 97.9f};
  const RuleWindow w = rule_window(p, 2, 5);
  REQUIRE(w.shown);
  CHECK(w.first_pass == 3);
  CHECK(w.last_pass == 6);
  CHECK(w.low == 97.8f);
  CHECK(w.high == 97.95f);
  CHECK(w.change_points() == Approx(0.15).margin(1e-4));  // float percents
  const std::string moving = rule_window_text(w, 3, 0.05, RunEnd::Running);
  CHECK(moving.find("over the last 3 passes that moved the model") != std::string::npos);
  CHECK(moving.find("after pass 3 to after pass 6") != std::string::npos);
  CHECK(moving.find("changed by 0.15 point (97.80% to 97.95%); it stops the run once that is under 0.05 point.") !=
        std::string::npos);

  const RuleWindow flat = rule_window({97.9f, 97.9f, 97.9f}, 0, 2);
  const std::string stopped = rule_window_text(flat, 2, 0.05, RunEnd::Settled);
  CHECK(stopped.find("changed by 0.00 point (97.90% throughout), under 0.05 point. That stopped the run.") !=
        std::string::npos);

  // A curve that starts at pass 11 (the page's thread scores once its slice is ready).
  const RuleWindow later = rule_window(p, 2, 5, 11);
  CHECK(later.first_pass == 13);
  CHECK(later.last_pass == 16);

  // No window yet (-1), or one off the curve: nothing shaded, the rule described.
  CHECK_FALSE(rule_window(p, -1, -1).shown);
  CHECK_FALSE(rule_window(p, 2, 6).shown);
  CHECK(rule_window_text(RuleWindow(), 50, 0.05, RunEnd::Running).find("after 51 passes that moved the model") !=
        std::string::npos);
  CHECK(rule_window_text(RuleWindow(), 50, 0.05, RunEnd::Running, true)
            .find("moved the model in the last one-vs-rest problem") != std::string::npos);

  // Ended by another rule (scikit-learn's, Stop): no promise of a stop to come.
  const std::string other = rule_window_text(w, 3, 0.05, RunEnd::Other);
  CHECK(other.find("changed by 0.15 point (97.80% to 97.95%), not under 0.05 point. Another rule ended the run") !=
        std::string::npos);
  CHECK(other.find("it stops the run once") == std::string::npos);
  // On the pass scikit-learn's rule ended it, the window may be under the tolerance too.
  CHECK(rule_window_text(flat, 2, 0.05, RunEnd::Other).find(", under 0.05 point. Another rule ended the run") !=
        std::string::npos);
  // Ends that round apart at two decimals get a third: their difference reads as the change.
  const RuleWindow close = rule_window({96.575f, 96.665f}, 0, 1);
  CHECK(rule_window_text(close, 1, 0.1, RunEnd::Settled).find("changed by 0.09 point (96.575% to 96.665%), under 0.1 point") !=
        std::string::npos);
  // One digit of 2,000 in float percents (93.55f, 93.6f: 0.049995) is not under 0.05.
  const RuleWindow digit = rule_window({93.55f, 93.6f}, 0, 1);
  CHECK(digit.change_points() < 0.05f);
  CHECK(rule_window_text(digit, 1, 0.05, RunEnd::Other).find("not under 0.05 point") != std::string::npos);
  CHECK(rule_window_text(RuleWindow(), 50, 0.05, RunEnd::Other).find("the run ended before 51 passes") !=
        std::string::npos);

  // The page's rule compares 10-pass averages (the curve handed in is theirs): its words
  // name the average and the line that draws it, and it needs 50 + 10 passes.
  CHECK(rule_window_text(w, 3, 0.05, RunEnd::Running, false, 10) ==
        "Settled-accuracy rule: over the last 3 passes that moved the model (shaded: from the average after pass 3 to "
        "after pass 6), the validation accuracy's 10-pass average (the thick green line) changed by 0.15 point (97.80% to "
        "97.95%); it stops the run once that is under 0.05 point.");
  CHECK(rule_window_text(RuleWindow(), 50, 0.1, RunEnd::Running, false, 10) ==
        "Settled-accuracy rule: after 60 passes that moved the model, it starts comparing the validation accuracy's "
        "10-pass average (the thick green line) over the last 50 of them (shaded from then on) and stops the run once it "
        "changed by less than 0.1 point.");
  CHECK(rule_window_text(RuleWindow(), 50, 0.1, RunEnd::Other, false, 10).find("the run ended before 60 passes") !=
        std::string::npos);
}
