#include <catch2/catch.hpp>

#include <cmath>

#include "core/linear_model/feature_spread.hpp"
#include "core/linear_model/lbfgs.hpp"
#include "test_support.hpp"

using namespace digitlab;

namespace {

double rosenbrock(const Eigen::VectorXd& x, Eigen::VectorXd& g) {
  const double a = 1 - x(0), b = x(1) - x(0) * x(0);
  g.resize(2);
  g(0) = -2 * a - 400 * x(0) * b;
  g(1) = 200 * b;
  return a * a + 100 * b * b;
}

LbfgsStatus run(LbfgsMinimizer& lbfgs, const Eigen::VectorXd& x0) {
  lbfgs.start(x0);
  Eigen::VectorXd g;
  while (lbfgs.status() == LbfgsStatus::Evaluate) lbfgs.tell(rosenbrock(lbfgs.point(), g), g);
  return lbfgs.status();
}

}  // namespace

TEST_CASE("L-BFGS finds Rosenbrock's minimum at (1, 1)", "[lbfgs]") {
  LbfgsSettings s;
  s.max_iter = 500;
  s.gtol = 1e-8;
  s.ftol = 0;
  LbfgsMinimizer lbfgs(s);
  CHECK(run(lbfgs, Eigen::Vector2d(-1.2, 1.0)) == LbfgsStatus::Converged);
  CHECK(lbfgs.best()(0) == Approx(1.0).epsilon(1e-6));
  CHECK(lbfgs.best()(1) == Approx(1.0).epsilon(1e-6));
  CHECK(lbfgs.iterations() < 100);
}

TEST_CASE("L-BFGS minimizes a quadratic exactly and reports max_iter honestly", "[lbfgs]") {
  // f = sum_i i (x_i - i)^2 / 2 over 5 coordinates: minimum at x_i = i.
  auto quadratic = [](const Eigen::VectorXd& x, Eigen::VectorXd& g) {
    Eigen::VectorXd scale = Eigen::VectorXd::LinSpaced(5, 1, 5);
    Eigen::VectorXd diff = x - scale;
    g = scale.cwiseProduct(diff);
    return 0.5 * diff.dot(g);
  };
  LbfgsSettings s;
  s.gtol = 1e-9;
  s.ftol = 0;
  LbfgsMinimizer lbfgs(s);
  lbfgs.start(Eigen::VectorXd::Zero(5));
  Eigen::VectorXd g;
  while (lbfgs.status() == LbfgsStatus::Evaluate) lbfgs.tell(quadratic(lbfgs.point(), g), g);
  CHECK(lbfgs.status() == LbfgsStatus::Converged);
  CHECK(lbfgs.best().isApprox(Eigen::VectorXd::LinSpaced(5, 1, 5), 1e-8));

  s.max_iter = 2;
  LbfgsMinimizer short_run(s);
  short_run.start(Eigen::VectorXd::Zero(5));
  while (short_run.status() == LbfgsStatus::Evaluate) short_run.tell(quadratic(short_run.point(), g), g);
  CHECK(short_run.status() == LbfgsStatus::MaxIter);
  CHECK(short_run.iterations() == 2);
  CHECK_THAT(short_run.message(), Catch::Contains("max_iter=2"));
  // The best point so far is better than the start.
  Eigen::VectorXd unused;
  CHECK(quadratic(short_run.best(), unused) < quadratic(Eigen::VectorXd::Zero(5), unused));
}

TEST_CASE("L-BFGS steps back from points where f is not finite", "[lbfgs]") {
  // f = x^2 - log(1 - x) is defined only for x < 1; the first steps overshoot.
  auto f = [](const Eigen::VectorXd& x, Eigen::VectorXd& g) {
    g.resize(1);
    if (x(0) >= 1) {
      g(0) = 0;
      return std::numeric_limits<double>::quiet_NaN();
    }
    g(0) = 2 * x(0) + 1 / (1 - x(0));
    return x(0) * x(0) - std::log(1 - x(0));
  };
  LbfgsSettings s;
  s.gtol = 1e-10;
  LbfgsMinimizer lbfgs(s);
  lbfgs.start(Eigen::VectorXd::Constant(1, -20.0));
  Eigen::VectorXd g;
  while (lbfgs.status() == LbfgsStatus::Evaluate) lbfgs.tell(f(lbfgs.point(), g), g);
  // Minimum where 2x (1 - x) = -1: x = (1 - sqrt(3)) / 2.
  CHECK(lbfgs.best()(0) == Approx((1 - std::sqrt(3.0)) / 2).epsilon(1e-6));
}

// Worked by hand: 2 x 20 pairs x 8 bytes x p <= 64 MB holds up to p = 209,715. The page's
// problems: (495 + 1) x 10 parameters for PCA 30 + degree 2, (1,325 + 1) x 10 for PCA 50 +
// degree 2; degree 2 on the 784 pixels has 784 + 784 x 785 / 2 = 308,504 features.
TEST_CASE("L-BFGS keeps 20 correction pairs where they take at most 64 MB, else 10", "[lbfgs]") {
  CHECK(lbfgs_memory(4960) == 20);
  CHECK(lbfgs_memory(13260) == 20);
  CHECK(lbfgs_memory(209715) == 20);
  CHECK(lbfgs_memory(209716) == 10);
  CHECK(lbfgs_memory((308504 + 1) * 10) == 10);
}

// LbfgsScaling is T T^T for the change of variables w = u / sigma, b = b' - u . mu / sigma
// (per output): here T is written out as a matrix from that definition and multiplied.
TEST_CASE("L-BFGS's feature scaling applies T T^T of the standardizing change of variables", "[lbfgs]") {
  LbfgsScaling scaling;
  scaling.inv_sigma = Eigen::Vector3d(0.5, 2.0, 0.1);
  const Eigen::Vector3d mu(3.0, -1.0, 20.0);
  scaling.shift = mu.cwiseProduct(scaling.inv_sigma);
  scaling.outputs = 2;
  const int d = 3, k = 2, p = (d + 1) * k;
  Eigen::MatrixXd T = Eigen::MatrixXd::Zero(p, p);  // theta = T u, both laid out W then b
  for (int c = 0; c < k; ++c) {
    for (int j = 0; j < d; ++j) {
      T(c * d + j, c * d + j) = scaling.inv_sigma(j);            // w = u / sigma
      T(k * d + c, c * d + j) = -mu(j) * scaling.inv_sigma(j);   // b = b' - u . mu / sigma
    }
    T(k * d + c, k * d + c) = 1.0;
  }
  Eigen::VectorXd q(p);
  q << 1.0, -2.0, 0.5, 3.0, 0.25, -1.5, 0.7, -0.3;
  const Eigen::VectorXd expected = T * T.transpose() * q;
  scaling.apply(q);
  for (int i = 0; i < p; ++i) CHECK(q(i) == Approx(expected(i)).epsilon(1e-12));
}

// A penalized least-squares fit (weights w, intercept b) on three features whose spreads
// differ by 4,000 times and one of which sits far from 0, as degree-2 products of PCA
// scores do: the scaled run lands on the normal equations' exact minimum, in under a
// third of the plain run's evaluations (10 against 38 when written).
TEST_CASE("L-BFGS with feature scaling reaches the same minimum in fewer evaluations", "[lbfgs]") {
  const int n = 200, d = 3;
  Eigen::MatrixXd X(n, d);
  Eigen::VectorXd t(n);
  for (int r = 0; r < n; ++r) {
    X(r, 0) = std::sin(0.3 * r);
    X(r, 1) = 100.0 + 40.0 * std::cos(0.7 * r);
    X(r, 2) = 0.01 * std::sin(1.1 * r + 0.4);
    t(r) = 0.5 * X(r, 0) - 0.02 * X(r, 1) + 30.0 * X(r, 2) + 1.0 + 0.1 * std::sin(5.0 * r);
  }
  const auto f = [&](const Eigen::VectorXd& theta, Eigen::VectorXd& g) {  // theta = (w, b)
    const Eigen::VectorXd e = X * theta.head(d) + Eigen::VectorXd::Constant(n, theta(d)) - t;
    g.resize(d + 1);
    g.head(d) = 2.0 * X.transpose() * e + 2.0 * 0.01 * theta.head(d);
    g(d) = 2.0 * e.sum();
    return e.squaredNorm() + 0.01 * theta.head(d).squaredNorm();
  };
  Eigen::MatrixXd A(n, d + 1);
  A << X, Eigen::VectorXd::Ones(n);
  Eigen::MatrixXd normal = A.transpose() * A;
  normal.diagonal().head(d).array() += 0.01;
  const Eigen::VectorXd exact = normal.ldlt().solve(A.transpose() * t);

  LbfgsSettings s;
  s.max_iter = 5000;
  s.gtol = 1e-6;
  s.ftol = 0;
  const auto minimize = [&](bool scaled) {
    LbfgsMinimizer lbfgs(s);
    if (scaled) {
      LbfgsScaling scaling;
      const Eigen::VectorXd mean = X.colwise().mean().transpose();
      scaling.inv_sigma = ((X.rowwise() - mean.transpose()).colwise().squaredNorm().transpose() / n)
                              .cwiseSqrt().cwiseInverse();
      scaling.shift = mean.cwiseProduct(scaling.inv_sigma);
      scaling.outputs = 1;
      lbfgs.set_scaling(scaling);
    }
    lbfgs.start(Eigen::VectorXd::Zero(d + 1));
    Eigen::VectorXd g;
    while (lbfgs.status() == LbfgsStatus::Evaluate) lbfgs.tell(f(lbfgs.point(), g), g);
    return lbfgs;
  };
  const LbfgsMinimizer plain = minimize(false), scaled = minimize(true);
  INFO("evaluations: scaled " << scaled.evaluations() << ", plain " << plain.evaluations());
  CHECK(scaled.status() == LbfgsStatus::Converged);
  for (int i = 0; i <= d; ++i) CHECK(scaled.best()(i) == Approx(exact(i)).epsilon(1e-5).margin(1e-8));
  CHECK(scaled.evaluations() * 3 < plain.evaluations());
}

// feature_spread reads every ceil(n / 8192)-th row of degree-2 features: 20,000 rows give rows 0, 3, 6, ...
// (6,667 of them). Checked against the degree-2 features made whole by
// PolynomialFeatures::transform from those rows, mean and variance column by column.
// Then lbfgs_scaling's spreads, worked by hand: a softmax of 10 classes has p (1 - p) =
// 0.09 at the start, so with alpha 2 and 900 digits the penalty's share of the curvature
// is 2 / 81 = 0.0247 of a variance; a sigmoid's p (1 - p) is 0.25 (2 / 225); a column that
// never varies is scaled by the penalty alone.
TEST_CASE("feature_spread and lbfgs_scaling: every third row's degree-2 features, and the penalty's floor", "[lbfgs]") {
  Matrix base = digitlab::testing::wavy_features(20000, 4, 0.2f);
  base.col(3).setZero();  // its square and products never vary
  const FeatureSpread spread = feature_spread(expanded_features(base, PolynomialFeatures(2)));
  Matrix picked((20000 + 2) / 3, 4);
  for (Eigen::Index r = 0; r < picked.rows(); ++r) picked.row(r) = base.row(3 * r);
  const Eigen::MatrixXd features = PolynomialFeatures(2).transform(picked).cast<double>();
  REQUIRE(spread.mean.size() == 14);
  REQUIRE(spread.variance.size() == 14);
  const LbfgsScaling softmax = lbfgs_scaling(spread, 10, 2.0, 900.0);
  const LbfgsScaling sigmoid = lbfgs_scaling(spread, 1, 2.0, 900.0);
  CHECK(softmax.outputs == 10);
  CHECK(sigmoid.outputs == 1);
  for (Eigen::Index j = 0; j < features.cols(); ++j) {
    const double mean = features.col(j).mean();
    const double variance = (features.col(j).array() - mean).square().mean();
    INFO("feature " << j << ": mean " << mean << ", variance " << variance);
    CHECK(spread.mean(j) == Approx(mean).epsilon(1e-6).margin(1e-9));
    CHECK(spread.variance(j) == Approx(variance).epsilon(1e-5).margin(1e-9));
    CHECK(softmax.inv_sigma(j) == Approx(1.0 / std::sqrt(variance + 2.0 / 81.0)).epsilon(1e-5));
    CHECK(sigmoid.inv_sigma(j) == Approx(1.0 / std::sqrt(variance + 2.0 / 225.0)).epsilon(1e-5));
    CHECK(softmax.shift(j) == Approx(mean * softmax.inv_sigma(j)).epsilon(1e-12).margin(1e-12));
  }
  CHECK(softmax.inv_sigma(3) == Approx(std::sqrt(81.0 / 2.0)));  // x4 itself: always 0
}

// Degree 1 reads every row, not every third: a pixel inked in one digit of 20,000 (row 1,
// which a stride of 3 skips) has mean 10 / 20,000 = 5e-4 and variance 100 / 20,000 -
// (5e-4)^2 = 4.99975e-3, worked by hand; a sample would have read it as never inked.
TEST_CASE("feature_spread reads every row of degree-1 features, so a rarely inked pixel keeps its spread", "[lbfgs]") {
  Matrix base = digitlab::testing::wavy_features(20000, 3, 0.2f);
  base.col(2).setZero();
  base(1, 2) = 10.0f;
  const FeatureSpread spread = feature_spread(features_of(base));
  REQUIRE(spread.variance.size() == 3);
  CHECK(spread.mean(2) == Approx(5e-4).epsilon(1e-9));
  CHECK(spread.variance(2) == Approx(4.99975e-3).epsilon(1e-9));
  const Eigen::MatrixXd all = base.cast<double>();
  for (Eigen::Index j = 0; j < 2; ++j) {
    const double mean = all.col(j).mean();
    CHECK(spread.mean(j) == Approx(mean).epsilon(1e-9).margin(1e-12));
    CHECK(spread.variance(j) == Approx((all.col(j).array() - mean).square().mean()).epsilon(1e-6));
  }
}

// Degree 2 on 1,000 inputs is 501,500 features: feature_spread then reads 2 rows a block
// (at most 4 MB), here 11 rows in 6 blocks, the last one short; the same means and
// variances as the features made whole.
TEST_CASE("feature_spread reads wide features a few rows at a time", "[lbfgs]") {
  const Matrix base = digitlab::testing::wavy_features(11, 1000, 0.1f);
  const FeatureSpread spread = feature_spread(expanded_features(base, PolynomialFeatures(2)));
  const Eigen::MatrixXd features = PolynomialFeatures(2).transform(base).cast<double>();
  REQUIRE(spread.mean.size() == features.cols());
  const Eigen::VectorXd mean = features.colwise().mean().transpose();
  const Eigen::VectorXd variance = (features.rowwise() - mean.transpose()).colwise().squaredNorm().transpose() / 11.0;
  CHECK((spread.mean - mean).cwiseAbs().maxCoeff() < 1e-6);
  CHECK((spread.variance - variance).cwiseAbs().maxCoeff() < 1e-6);
}
