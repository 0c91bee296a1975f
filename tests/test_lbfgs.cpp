#include <catch2/catch.hpp>

#include <cmath>

#include "core/linear_model/lbfgs.hpp"

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
