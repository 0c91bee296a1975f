// Platt scaling per class (core/metrics/platt_scaling.hpp). Reference figures:
// tests/reference/platt_reference.py, run once.
#include <catch2/catch.hpp>

#include <cmath>

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
