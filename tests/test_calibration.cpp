#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include "app/logic/calibration_summary.hpp"
#include "app/logic/glossary.hpp"
#include "core/data/row_source.hpp"
#include "core/metrics/calibration.hpp"
#include "core/metrics/temperature_scaling.hpp"

using namespace digitlab;

namespace {

// Four digits, three classes; no probability sits on a bin edge (0.7f is 0.69999999,
// which would fall in the 60-70% bin).
Eigen::MatrixXf four_digits() {
  Eigen::MatrixXf p(4, 3);
  p << 0.72f, 0.17f, 0.11f,  // true 0: predicted 0 at 72%
      0.23f, 0.46f, 0.31f,   // true 2: predicted 1 at 46% (wrong)
      0.06f, 0.13f, 0.81f,   // true 2: predicted 2 at 81%
      0.34f, 0.44f, 0.22f;   // true 1: predicted 1 at 44%
  return p;
}
const Labels kFourLabels = {0, 2, 2, 1};

}  // namespace

TEST_CASE("ECE of the top class, by hand", "[calibration]") {
  // Top probabilities and hits: 0.72 right (bin 70-80%), 0.46 wrong and 0.44 right (bin
  // 40-50%), 0.81 right (bin 80-90%). Per bin, share * |frequency - mean confidence|:
  //   70-80%: 1/4 * |1 - 0.72|          = 0.07
  //   80-90%: 1/4 * |1 - 0.81|          = 0.0475
  //   40-50%: 2/4 * |0.5 - (0.46+0.44)/2| = 0.5 * 0.05 = 0.025
  //   ECE = 0.07 + 0.0475 + 0.025 = 0.1425
  const ReliabilityDiagram d = top_class_reliability(four_digits(), kFourLabels);
  REQUIRE(d.bins.size() == 10);
  CHECK(d.samples == 4);
  CHECK(d.ece == Approx(0.1425).margin(1e-6));
  CHECK(d.bins[4].count == 2);
  CHECK(d.bins[4].mean_confidence == Approx(0.45).margin(1e-6));
  CHECK(d.bins[4].frequency == 0.5);
  CHECK(d.bins[7].frequency == 1.0);
  CHECK(d.bins[0].count == 0);
  CHECK(d.bins[9].lower == Approx(0.9));
  CHECK(d.bins[9].upper == 1.0);
}

TEST_CASE("ECE of one class against the rest, by hand", "[calibration]") {
  // Class 2's probabilities: 0.11 (not a 2, bin 10-20%), 0.31 (a 2, bin 30-40%),
  // 0.81 (a 2, bin 80-90%), 0.22 (not a 2, bin 20-30%); one digit per bin, each 1/4:
  //   1/4 * (0.11 + 0.69 + 0.19 + 0.22) = 1/4 * 1.21 = 0.3025
  const ReliabilityDiagram d = class_reliability(four_digits(), kFourLabels, 2);
  CHECK(d.ece == Approx(0.3025).margin(1e-6));
  CHECK(d.bins[3].frequency == 1.0);
  CHECK(d.bins[2].frequency == 0.0);
  CHECK(d.bins[5].count == 0);
}

TEST_CASE("a probability of exactly 1 is in the last bin; perfect calibration has ECE 0", "[calibration]") {
  // Half the digits said 25% and a quarter of those right; the other half said 100%, all right.
  const std::vector<double> confidence = {0.25, 0.25, 0.25, 0.25, 1.0, 1.0, 1.0, 1.0};
  const std::vector<char> hit = {1, 0, 0, 0, 1, 1, 1, 1};
  const ReliabilityDiagram d = reliability(confidence, hit, 4);
  CHECK(d.bins[3].count == 4);
  CHECK(d.bins[1].count == 4);
  CHECK(d.ece == 0.0);
}

TEST_CASE("log-loss, by hand", "[calibration]") {
  // -(ln 0.72 + ln 0.31 + ln 0.81 + ln 0.44) / 4
  //   = (0.328504 + 1.171183 + 0.210721 + 0.820981) / 4 = 0.632847
  // (tests/reference/calibration_reference.py, in float64 from the float32 values: 0.6328471467)
  CHECK(log_loss(four_digits(), kFourLabels) == Approx(0.6328471467).margin(1e-7));
  // A certain mistake costs -ln(1e-15) = 34.539, not infinity.
  Eigen::MatrixXf sure(1, 2);
  sure << 1.0f, 0.0f;
  CHECK(log_loss(sure, {1}) == Approx(34.5387764).margin(1e-6));
}

TEST_CASE("answering only when sure, by hand", "[calibration]") {
  // At 50%: 0.72 and 0.81 answered, both right. At 45%: also 0.46 (true 2, said 1).
  const AnsweredDigits half = answer_when_sure(four_digits(), kFourLabels, 0.5);
  CHECK(half.answered == 2);
  CHECK(half.correct == 2);
  CHECK(half.total == 4);
  const AnsweredDigits lower = answer_when_sure(four_digits(), kFourLabels, 0.45);
  CHECK(lower.answered == 3);
  CHECK(lower.correct == 2);
  CHECK(lower.confusion(2, 1) == 1);
  CHECK(lower.confusion.sum() == 3);
}

TEST_CASE("temperature: two scores and a 3-to-1 split have T = 2 / ln 3", "[calibration]") {
  // Every digit has scores (2, 0); three are class 0, one class 1. The loss is least when
  // softmax(z / T)_0 = 1 / (1 + e^(-2/T)) equals the observed 3/4:
  //   e^(-2/T) = 1/3  =>  T = 2 / ln 3 = 1.8204784533
  Eigen::MatrixXf z(4, 2);
  z << 2, 0, 2, 0, 2, 0, 2, 0;
  const TemperatureFit fit = fit_temperature(z, {0, 0, 0, 1});
  CHECK(fit.temperature == Approx(1.8204784533).margin(1e-8));
  CHECK_FALSE(fit.hit_bound);
  // At T = 1: p_0 = 1 / (1 + e^-2) = 0.880797; loss = -(3 ln 0.880797 + ln 0.119203) / 4 = 0.626928
  CHECK(fit.log_loss_before == Approx(0.6269280110).margin(1e-8));
  // At the fitted T: p = (3/4, 1/4); loss = -(3 ln 0.75 + ln 0.25) / 4 = 0.562335
  CHECK(fit.log_loss_after == Approx(0.5623351446).margin(1e-8));
}

TEST_CASE("temperature against a brute-force grid", "[calibration]") {
  // Twelve digits, four classes. Reference: tests/reference/calibration_reference.py, run
  // once (Python 3.11, float64): a log-spaced grid of 20,001 temperatures over [0.01, 100]
  // refined twice around its best point gave T = 0.900953569, log-loss 0.7475115831 at T = 1
  // and 0.7437442598 at T.
  Eigen::MatrixXf z(12, 4);
  z << 3.1f, -0.4f, 0.2f, -1.0f, 0.5f, 2.2f, -0.3f, 0.1f, -1.2f, 0.4f, 2.8f, 0.0f, 0.3f, 0.1f, -0.5f, 1.9f,
      2.4f, 1.9f, -0.2f, -0.8f, -0.6f, 2.7f, 0.9f, -1.1f, 0.2f, -0.3f, 1.1f, 1.4f, 1.7f, -1.5f, 0.6f, 0.8f,
      -0.9f, 0.3f, -0.1f, 2.5f, 1.2f, 1.5f, 0.4f, -0.2f, 0.0f, 0.9f, 3.3f, -0.7f, 2.0f, -0.2f, -0.6f, 0.5f;
  const Labels y = {0, 1, 2, 1, 1, 1, 2, 0, 3, 0, 2, 3};
  const TemperatureFit fit = fit_temperature(z, y);
  CHECK(fit.temperature == Approx(0.900953569).margin(1e-6));
  CHECK(fit.log_loss_before == Approx(0.7475115831).margin(1e-8));
  CHECK(fit.log_loss_after == Approx(0.7437442598).margin(1e-8));
  // And by this file's own grid, through the probabilities rather than the scores: no
  // temperature on it does better than the fit.
  for (double t = 0.5; t <= 2.0; t += 0.01)
    CHECK(log_loss(softmax_with_temperature(z, t), y) >= fit.log_loss_after - 1e-6);
}

TEST_CASE("temperature: a slice the model gets all right pushes T to its bound", "[calibration]") {
  Eigen::MatrixXf z(3, 3);
  z << 2, 0, 0, 0, 2, 0, 0, 0, 2;
  const TemperatureFit fit = fit_temperature(z, {0, 1, 2});
  CHECK(fit.hit_bound);
  CHECK(fit.temperature == Approx(kMinTemperature));
  CHECK(fit.log_loss_after < fit.log_loss_before);
}

TEST_CASE("temperature never changes the predicted class", "[calibration]") {
  Eigen::MatrixXf z(3, 4);
  z << 0.3f, 0.29f, -2, 1e-3f, -5, -4.9f, -5.1f, -7, 10, 20, 30, 29.99f;
  for (double t : {0.05, 0.5, 1.0, 3.0, 50.0}) {
    const Eigen::MatrixXf p = softmax_with_temperature(z, t);
    for (Eigen::Index i = 0; i < z.rows(); ++i) {
      Eigen::Index from_scores, from_p;
      z.row(i).maxCoeff(&from_scores);
      p.row(i).maxCoeff(&from_p);
      CHECK(from_scores == from_p);
      CHECK(p.row(i).sum() == Approx(1.0f));
    }
  }
}

TEST_CASE("the Calibration section's terms are in the glossary", "[calibration]") {
  for (const char* key :
       {"calibration", "confidence", "reliability_diagram", "ece", "temperature", "platt_scaling", "log_loss"}) {
    INFO(key);
    CHECK(digitlab::app::find_term(key) != nullptr);
  }
}

namespace {

// Three overlapping clouds in two dimensions (seeded): a model cannot be sure of them all.
void clouds(int n, unsigned seed, Matrix& X, Labels& y) {
  std::mt19937 random(seed);
  std::normal_distribution<float> noise(0.0f, 1.2f);
  const float centres[3][2] = {{0, 0}, {2, 0}, {1, 1.7f}};
  X.resize(n, 2);
  y.resize(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    const int k = i % 3;
    y[static_cast<std::size_t>(i)] = k;
    X(i, 0) = centres[k][0] + noise(random);
    X(i, 1) = centres[k][1] + noise(random);
  }
}

}  // namespace

TEST_CASE("the Evaluate panel's summary: T from the held-out digits, the arg-max kept", "[calibration]") {
  Matrix X_fit, X_held, X_test;
  Labels y_fit, y_held, y_test;
  clouds(300, 1, X_fit, y_fit);
  clouds(300, 2, X_held, y_held);
  clouds(600, 3, X_test, y_test);
  PipelineSettings settings;
  settings.model.C = 1e-3;  // a strong penalty: scores shrunk, the model under-confident
  Pipeline model(settings);
  model.fit(X_fit, y_fit);
  EvaluationJob test(model, rows_of(X_test), y_test), held(model, rows_of(X_held), y_held);
  while (!test.done()) test.step(1.0);
  while (!held.done()) held.step(1.0);

  using digitlab::app::summarize_calibration;
  const auto c = summarize_calibration(test, &held, true);
  REQUIRE(c.fitted());
  CHECK(c.held_out_digits == 300);
  // The same fit as fitting the held-out scores directly, and a sharpening T < 1.
  CHECK(c.fit.temperature == fit_temperature(held.scores(), y_held).temperature);
  CHECK(c.fit.temperature < 1.0);
  CHECK(c.fit.log_loss_after <= c.fit.log_loss_before);
  CHECK(c.predictions_changed == 0);
  CHECK(c.confusion_after == test.confusion());
  REQUIRE(c.before.size() == 4);  // overall, then each class against the rest
  REQUIRE(c.after.size() == 4);
  CHECK(c.before[0].ece == top_class_reliability(test.probabilities(), y_test).ece);
  CHECK(c.log_loss_before == Approx(log_loss(test.probabilities(), y_test)).epsilon(1e-5));

  const auto shipped = summarize_calibration(test, nullptr, true, "No held-out digits here.");
  CHECK_FALSE(shipped.fitted());
  CHECK(shipped.no_fit_reason.rfind("No held-out digits here.", 0) == 0);
  CHECK(shipped.after.empty());
  CHECK(shipped.log_loss_after == shipped.log_loss_before);

  CHECK(c.method == digitlab::app::CalibrationMethod::Temperature);
  CHECK(c.held_out_log_loss_after == c.fit.log_loss_after);
}
