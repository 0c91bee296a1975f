#include <catch2/catch.hpp>

#include "core/metrics/binary_metrics.hpp"

using namespace digitlab;

TEST_CASE("the tutorial's medical example: TP 50, FN 10, FP 5, TN 35", "[binary]") {
  ConfusionMatrix cm(2, 2);
  cm << 35, 5,  // true negative: 35 right, 5 false alarms
      10, 50;   // true positive: 10 missed, 50 found
  const BinaryCounts c = one_vs_rest(cm, 1);
  CHECK(c.tp == 50);
  CHECK(c.fn == 10);
  CHECK(c.fp == 5);
  CHECK(c.tn == 35);
  const BinaryScores s = binary_scores(c);
  CHECK(s.accuracy == Approx(0.85));
  CHECK(s.precision == Approx(50.0 / 55));
  CHECK(s.recall == Approx(50.0 / 60));
  CHECK(s.f1 == Approx(100.0 / 115));  // 2TP / (2TP + FP + FN)
  CHECK(s.specificity == Approx(35.0 / 40));
}

TEST_CASE("one class against the rest of a 3x3 matrix", "[binary]") {
  ConfusionMatrix cm(3, 3);
  cm << 5, 1, 0,
      2, 7, 1,
      0, 3, 4;
  const BinaryCounts c = one_vs_rest(cm, 1);
  CHECK(c.tp == 7);
  CHECK(c.fn == 3);   // row 1 without the diagonal
  CHECK(c.fp == 4);   // column 1 without the diagonal
  CHECK(c.tn == 9);   // 23 - 7 - 3 - 4
  CHECK(binary_scores(BinaryCounts{}).precision == 0.0);
  CHECK(binary_scores(BinaryCounts{}, 1.0).recall == 1.0);
}

TEST_CASE("a threshold sweep trades recall for precision", "[binary]") {
  Eigen::VectorXf p(5);
  p << 0.9f, 0.8f, 0.3f, 0.6f, 0.1f;
  const Labels y = {8, 3, 8, 8, 1};
  const auto sweep = threshold_sweep(p, y, 8, {0.2, 0.5, 0.95});
  REQUIRE(sweep.size() == 3);
  // 0.2: yes for 0.9, 0.8, 0.3, 0.6 -> tp 3, fp 1 (the 3), fn 0, tn 1.
  CHECK(sweep[0].counts.tp == 3);
  CHECK(sweep[0].counts.fp == 1);
  CHECK(sweep[0].scores.recall == 1.0);
  CHECK(sweep[0].scores.precision == Approx(0.75));
  // 0.5: yes for 0.9, 0.8, 0.6 -> tp 2, fp 1, fn 1 (0.3), tn 1.
  CHECK(sweep[1].counts.tp == 2);
  CHECK(sweep[1].counts.fn == 1);
  CHECK(sweep[1].scores.precision == Approx(2.0 / 3));
  CHECK(sweep[1].scores.recall == Approx(2.0 / 3));
  // 0.95: nothing is an 8.
  CHECK(sweep[2].counts.fn == 3);
  CHECK(sweep[2].counts.tn == 2);
  CHECK(sweep[2].scores.precision == 0.0);
  CHECK_THROWS_AS(threshold_sweep(p, {8, 3}, 8, {0.5}), DataError);
  CHECK(even_thresholds(0, 1, 5) == std::vector<double>{0, 0.25, 0.5, 0.75, 1});
}
