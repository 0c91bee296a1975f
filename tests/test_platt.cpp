// Platt scaling per class (core/metrics/platt_scaling.hpp) and the Evaluate summary's
// one-vs-rest path. Reference figures: tests/reference/platt_reference.py, run once.
#include <catch2/catch.hpp>

#include <random>

#include "app/logic/calibration_summary.hpp"
#include "core/data/row_source.hpp"
#include "core/metrics/calibration.hpp"
#include "core/metrics/platt_scaling.hpp"

using namespace digitlab;

namespace {

// The temperature test's twelve digits and four classes (tests/test_calibration.cpp).
Eigen::MatrixXf twelve_digits() {
  Eigen::MatrixXf z(12, 4);
  z << 3.1f, -0.4f, 0.2f, -1.0f, 0.5f, 2.2f, -0.3f, 0.1f, -1.2f, 0.4f, 2.8f, 0.0f, 0.3f, 0.1f, -0.5f, 1.9f,
      2.4f, 1.9f, -0.2f, -0.8f, -0.6f, 2.7f, 0.9f, -1.1f, 0.2f, -0.3f, 1.1f, 1.4f, 1.7f, -1.5f, 0.6f, 0.8f,
      -0.9f, 0.3f, -0.1f, 2.5f, 1.2f, 1.5f, 0.4f, -0.2f, 0.0f, 0.9f, 3.3f, -0.7f, 2.0f, -0.2f, -0.6f, 0.5f;
  return z;
}
const Labels kTwelveLabels = {0, 1, 2, 1, 1, 1, 2, 0, 3, 0, 2, 3};

}  // namespace

TEST_CASE("Platt: one binary problem against scikit-learn and a second minimiser", "[platt]") {
  // /usr/bin/python3 tests/reference/platt_reference.py (scikit-learn 1.2.1, scipy 1.10.1):
  //   f = [-2.0, -1.3, -0.4, 0.1, 0.3, 0.9, 1.6, 2.2] (float32), positive = [0,0,1,0,1,0,1,1]
  //   A, B = sklearn.calibration._sigmoid_calibration(f, positive); a, b = -A, -B
  //     -> a = 0.6405735673, b = -0.1172166538 (its BFGS stops at gradient ~1e-5)
  //   scipy Nelder-Mead then BFGS (gtol 1e-12) on the same smoothed-target loss
  //     -> a = 0.6405766874, b = -0.1172119868 (gradient ~3e-8)
  Eigen::VectorXf f(8);
  f << -2.0f, -1.3f, -0.4f, 0.1f, 0.3f, 0.9f, 1.6f, 2.2f;
  const PlattFit fit = fit_platt(f, {0, 0, 1, 0, 1, 0, 1, 1});
  CHECK(fit.converged);
  CHECK(fit.positives == 4);
  CHECK(fit.negatives == 4);
  CHECK(fit.a == Approx(0.6405766874).margin(1e-6));
  CHECK(fit.b == Approx(-0.1172119868).margin(1e-6));
  CHECK(fit.a == Approx(0.6405735673).margin(2e-5));  // scikit-learn's, to its own tolerance
  CHECK(fit.b == Approx(-0.1172166538).margin(2e-5));
  CHECK(platt_probability(fit, 0.0) == Approx(1 / (1 + std::exp(0.1172119868))).margin(1e-6));
}

TEST_CASE("Platt per class: four classes against scikit-learn", "[platt]") {
  // tests/reference/platt_reference.py, class k against the rest (a = -A, b = -B of
  // _sigmoid_calibration(z[:, k], y == k); the second minimiser agrees to 1e-6):
  //   class 0: a = 0.7387453198 b = -1.7354902983
  //   class 1: a = 0.9955345692 b = -1.4518249030
  //   class 2: a = 1.1893801557 b = -2.0169027072
  //   class 3: a = 0.6686933327 b = -1.7771968126
  const std::vector<PlattFit> fits = fit_platt_per_class(twelve_digits(), kTwelveLabels);
  REQUIRE(fits.size() == 4);
  const double a[] = {0.7387453198, 0.9955345692, 1.1893801557, 0.6686933327};
  const double b[] = {-1.7354902983, -1.4518249030, -2.0169027072, -1.7771968126};
  for (int k = 0; k < 4; ++k) {
    INFO("class " << k);
    CHECK(fits[k].converged);
    CHECK(fits[k].a == Approx(a[k]).margin(5e-6));
    CHECK(fits[k].b == Approx(b[k]).margin(5e-6));
  }
  CHECK(fits[1].positives == 4);
  CHECK(fits[1].negatives == 8);
}

TEST_CASE("Platt: rows divided by their sum, and the arg-max can move", "[platt]") {
  const Eigen::MatrixXf z = twelve_digits();
  const Eigen::MatrixXf p = platt_probabilities(z, fit_platt_per_class(z, kTwelveLabels));
  for (Eigen::Index i = 0; i < p.rows(); ++i) CHECK(p.row(i).sum() == Approx(1.0f).margin(1e-6));
  // From the reference script: digit 4 (scores 2.4, 1.9, -0.2, -0.8) goes from class 0 to
  // 1 (0.3910381555, 0.4668944439, ...); digit 6 (0.2, -0.3, 1.1, 1.4) from 3 to 2.
  CHECK(p(4, 0) == Approx(0.3910381555).margin(1e-5));
  CHECK(p(4, 1) == Approx(0.4668944439).margin(1e-5));
  CHECK(p(6, 2) == Approx(0.3476713226).margin(1e-5));
  CHECK(p(6, 3) == Approx(0.3175391387).margin(1e-5));
  Eigen::Index from_z, from_p;
  for (Eigen::Index i = 0; i < p.rows(); ++i) {
    z.row(i).maxCoeff(&from_z);
    p.row(i).maxCoeff(&from_p);
    INFO("digit " << i);
    CHECK((from_z != from_p) == (i == 4 || i == 6));
  }
  // Every sigmoid underflowing to 0: a uniform row, as scikit-learn gives.
  std::vector<PlattFit> far(2);
  far[0].b = far[1].b = -2000;
  Eigen::MatrixXf zero(1, 2);
  zero << 0, 0;
  const Eigen::MatrixXf uniform = platt_probabilities(zero, far);
  CHECK(uniform(0, 0) == 0.5f);
  CHECK(uniform(0, 1) == 0.5f);
}

TEST_CASE("Platt: scores that separate the class perfectly still give finite a and b", "[platt]") {
  // Smoothed targets 2/3 and 1/3 for one digit each: the fit stops at p = 2/3 and 1/3.
  Eigen::VectorXf f(2);
  f << 1.0f, -1.0f;
  const PlattFit fit = fit_platt(f, {1, 0});
  CHECK(fit.converged);
  CHECK(platt_probability(fit, 1.0) == Approx(2.0 / 3).margin(1e-8));
  CHECK(platt_probability(fit, -1.0) == Approx(1.0 / 3).margin(1e-8));
  CHECK(fit.a == Approx(std::log(2.0)).margin(1e-8));  // sigmoid(a) = 2/3 => a = ln 2
  CHECK(fit.b == Approx(0.0).margin(1e-8));
}

namespace {

// Four overlapping clouds in two dimensions (seeded).
void clouds(int n, unsigned seed, Matrix& X, Labels& y) {
  std::mt19937 random(seed);
  std::normal_distribution<float> noise(0.0f, 1.0f);
  const float centres[4][2] = {{0, 0}, {2, 0}, {1, 1.7f}, {3, 2}};
  X.resize(n, 2);
  y.resize(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    const int k = i % 4;
    y[static_cast<std::size_t>(i)] = k;
    X(i, 0) = centres[k][0] + noise(random);
    X(i, 1) = centres[k][1] + noise(random);
  }
}

}  // namespace

TEST_CASE("the Evaluate panel's summary for one-vs-rest: Platt per class on the held-out digits", "[platt]") {
  Matrix X_fit, X_held, X_test;
  Labels y_fit, y_held, y_test;
  clouds(400, 1, X_fit, y_fit);
  clouds(400, 2, X_held, y_held);
  clouds(800, 3, X_test, y_test);
  PipelineSettings settings;
  settings.model.multi_class = MultiClass::OneVsRest;
  Pipeline model(settings);
  model.fit(X_fit, y_fit);
  EvaluationJob test(model, rows_of(X_test), y_test), held(model, rows_of(X_held), y_held);
  while (!test.done()) test.step(1.0);
  while (!held.done()) held.step(1.0);

  using digitlab::app::CalibrationMethod;
  const auto c = digitlab::app::summarize_calibration(test, &held, false);
  REQUIRE(c.fitted());
  CHECK(c.method == CalibrationMethod::Platt);
  CHECK(c.held_out_digits == 400);
  REQUIRE(c.platt.size() == 4);
  const std::vector<PlattFit> direct = fit_platt_per_class(held.scores(), y_held);
  for (int k = 0; k < 4; ++k) CHECK(c.platt[k].a == direct[k].a);
  // The calibrated probabilities of the test digits, and what follows from them.
  const Eigen::MatrixXf p = platt_probabilities(test.scores(), direct);
  CHECK(c.calibrated.isApprox(p));
  CHECK(c.log_loss_after == Approx(log_loss(p, y_test)));
  CHECK(c.log_loss_before == Approx(log_loss(test.probabilities(), y_test)));
  CHECK(c.held_out_log_loss_after < c.held_out_log_loss_before);
  CHECK(c.after[0].ece == top_class_reliability(p, y_test).ece);
  long long changed = 0;
  for (Eigen::Index i = 0; i < p.rows(); ++i) {
    Eigen::Index best;
    p.row(i).maxCoeff(&best);
    changed += best != test.predictions()[static_cast<std::size_t>(i)];
  }
  CHECK(c.predictions_changed == changed);
  CHECK(c.confusion_after.sum() == 800);
  CHECK(c.confusion_after.rowwise().sum() == test.confusion().rowwise().sum());
  // Moved predictions move cells: the matrices differ by at most two cells per change.
  CHECK((c.confusion_after - test.confusion()).cwiseAbs().sum() <= 2 * changed);
  if (changed == 0) CHECK(c.confusion_after == test.confusion());

  const auto none = digitlab::app::summarize_calibration(test, nullptr, false, "No held-out digits here.");
  CHECK_FALSE(none.fitted());
  CHECK(none.method == CalibrationMethod::None);
  CHECK(none.no_fit_reason.rfind("No held-out digits here.", 0) == 0);
}
