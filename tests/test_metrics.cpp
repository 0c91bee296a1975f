#include <catch2/catch.hpp>

#include "core/metrics/metrics.hpp"

using namespace digitlab;

TEST_CASE("the tutorial's worked example: precision 90/100, recall 90/120, F1 0.818", "[metrics]") {
  // 120 true "3"s of which 90 predicted 3; 10 other digits predicted 3 -> 100 predicted 3.
  Labels truth, predicted;
  for (int i = 0; i < 120; ++i) { truth.push_back(3); predicted.push_back(i < 90 ? 3 : 5); }
  for (int i = 0; i < 10; ++i) { truth.push_back(5); predicted.push_back(3); }
  ClassReport r = classification_report(confusion_matrix(truth, predicted, 10));
  CHECK(r.precision[3] == Approx(0.90));
  CHECK(r.recall[3] == Approx(0.75));
  CHECK(r.f1[3] == Approx(2 * 0.9 * 0.75 / 1.65));
  CHECK(r.f1[3] == Approx(0.818).margin(5e-4));
}

TEST_CASE("the tutorial's medical 2x2 matrix: TP 50, FN 10, FP 5, TN 35", "[metrics]") {
  // Class 1 = has the disease. Rows true, columns predicted.
  Labels truth, predicted;
  auto add = [&](int t, int p, int n) { for (int i = 0; i < n; ++i) { truth.push_back(t); predicted.push_back(p); } };
  add(1, 1, 50);
  add(1, 0, 10);
  add(0, 1, 5);
  add(0, 0, 35);
  ConfusionMatrix cm = confusion_matrix(truth, predicted, 2);
  CHECK(cm(1, 1) == 50);
  CHECK(cm(1, 0) == 10);
  CHECK(cm(0, 1) == 5);
  CHECK(accuracy(cm) == Approx(0.85));
  ClassReport r = classification_report(cm);
  CHECK(r.precision[1] == Approx(50.0 / 55));
  CHECK(r.recall[1] == Approx(50.0 / 60));
  CHECK(r.support[0] == 40);
  CHECK(r.macro.recall == Approx((50.0 / 60 + 35.0 / 40) / 2));
  CHECK(r.weighted.recall == Approx(0.85));  // weighted recall is accuracy
}

TEST_CASE("zero_division decides classes never predicted or never present", "[metrics]") {
  ConfusionMatrix cm = confusion_matrix({0, 0, 1}, {0, 0, 0}, 3);
  ClassReport zero = classification_report(cm, 0.0);
  CHECK(zero.precision[1] == 0.0);  // class 1 never predicted
  CHECK(zero.recall[2] == 0.0);     // class 2 never present
  ClassReport one = classification_report(cm, 1.0);
  CHECK(one.precision[1] == 1.0);
  CHECK(one.f1[2] == 1.0);
  CHECK_THAT(to_text(zero), Catch::Contains("macro avg") && Catch::Contains("weighted avg"));
  CHECK_THROWS_AS(confusion_matrix({0, 1}, {0}, 2), DataError);
}

TEST_CASE("most confused pairs come largest first", "[metrics]") {
  ConfusionMatrix cm = confusion_matrix({5, 5, 5, 3, 8, 8}, {8, 8, 5, 5, 5, 8}, 10);
  std::vector<Confusion> pairs = most_confused_pairs(cm, 2);
  REQUIRE(pairs.size() == 2);
  CHECK(pairs[0].true_class == 5);
  CHECK(pairs[0].predicted_class == 8);
  CHECK(pairs[0].count == 2);
}
