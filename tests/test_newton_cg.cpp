// Newton-CG: the Hessian-vector product against finite differences of the gradient,
// the minimizer on problems whose optimum is known, and the same optimum as L-BFGS on
// a small logistic regression.
#include <catch2/catch.hpp>

#include <cmath>

#include "core/linear_model/lbfgs.hpp"
#include "core/linear_model/logistic_objective.hpp"
#include "core/linear_model/logistic_regression.hpp"
#include "core/linear_model/newton_cg.hpp"
#include "test_support.hpp"

using namespace digitlab;
using namespace digitlab::testing;

namespace {

Eigen::VectorXd wavy_vector(Eigen::Index size, double phase) {
  Eigen::VectorXd v(size);
  for (Eigen::Index i = 0; i < size; ++i) v(i) = 0.5 * std::cos(1.3 * static_cast<double>(i) + phase);
  return v;
}

// H v against (g(theta + h v) - g(theta - h v)) / 2h: the gradient is exact for the
// objective's float32 products, so central differences agree to about 1e-3 relative.
void check_hessian_product(LogisticObjective& objective, const Eigen::VectorXd& theta, const Eigen::VectorXd& v) {
  objective.remember_probabilities();
  Eigen::VectorXd grad, hv, g_plus, g_minus;
  objective.evaluate(theta, grad);
  objective.hessian_product(v, hv);
  const double h = 1e-3;
  objective.evaluate(theta + h * v, g_plus);
  objective.evaluate(theta - h * v, g_minus);
  const Eigen::VectorXd numeric = (g_plus - g_minus) / (2 * h);
  REQUIRE(hv.size() == theta.size());
  for (Eigen::Index i = 0; i < hv.size(); ++i) {
    INFO("parameter " << i);
    CHECK(hv(i) == Approx(numeric(i)).epsilon(2e-3).margin(2e-3));
  }
  // Not a product that happens to be small: the direction has real curvature.
  CHECK(hv.norm() > 0.1);
}

Eigen::VectorXd minimize_newton(LogisticObjective& objective, NewtonCgMinimizer& newton) {
  objective.remember_probabilities();
  Eigen::VectorXd grad, hv;
  newton.start(Eigen::VectorXd::Zero(objective.parameter_count()));
  while (newton.status() == NewtonCgStatus::Evaluate) {
    if (newton.request() == NewtonCgRequest::Gradient) {
      const double f = objective.evaluate(newton.point(), grad);
      newton.tell_gradient(f, grad);
    } else {
      objective.hessian_product(newton.hessian_vector(), hv);
      newton.tell_hessian_product(hv);
    }
  }
  return newton.best();
}

}  // namespace

TEST_CASE("softmax Hessian-vector product matches finite differences of the gradient", "[newton_cg]") {
  Matrix X = wavy_features(40, 4, 0.2f);
  Labels y(40);
  for (int i = 0; i < 40; ++i) y[static_cast<std::size_t>(i)] = i % 3;
  Eigen::VectorXf w = Eigen::VectorXf::LinSpaced(40, 0.5f, 2.0f);  // uneven sample weights
  LogisticObjective objective(X, y, w, 3, LossKind::Softmax, 0.7);
  check_hessian_product(objective, wavy_vector(objective.parameter_count(), 0.4),
                        wavy_vector(objective.parameter_count(), 2.1));
}

TEST_CASE("sigmoid Hessian-vector product matches finite differences of the gradient", "[newton_cg]") {
  Matrix X = wavy_features(30, 5, 1.0f);
  Labels y(30);
  for (int i = 0; i < 30; ++i) y[static_cast<std::size_t>(i)] = (i * 7) % 3 == 0 ? 1 : 0;
  LogisticObjective objective(X, y, Eigen::VectorXf::Ones(30), 1, LossKind::Sigmoid, 0.3);
  check_hessian_product(objective, wavy_vector(objective.parameter_count(), 1.0),
                        wavy_vector(objective.parameter_count(), 0.3));
}

TEST_CASE("degree-2 features: the Hessian-vector product matches finite differences", "[newton_cg]") {
  // Blocks of the expansion are made on the fly (quadratic_block.hpp), as in the page.
  Matrix Z = wavy_features(50, 3, 0.5f);
  Labels y(50);
  for (int i = 0; i < 50; ++i) y[static_cast<std::size_t>(i)] = (i * 5) % 4;
  LogisticObjective objective(expanded_features(Z, PolynomialFeatures(2)), y, Eigen::VectorXf::Ones(50), 4,
                              LossKind::Softmax, 1.0);
  REQUIRE(objective.feature_count() == 3 + 6);
  check_hessian_product(objective, wavy_vector(objective.parameter_count(), 0.9),
                        wavy_vector(objective.parameter_count(), 1.7));
}

namespace {

// f = sum_i s_i (x_i - c_i)^2 / 2, H = diag(s): the minimizer on it from 0.
NewtonCgMinimizer minimize_quadratic(const Eigen::VectorXd& s, const Eigen::VectorXd& c, NewtonCgSettings settings) {
  NewtonCgMinimizer newton(settings);
  newton.start(Eigen::VectorXd::Zero(s.size()));
  while (newton.status() == NewtonCgStatus::Evaluate) {
    if (newton.request() == NewtonCgRequest::Gradient) {
      const Eigen::VectorXd diff = newton.point() - c;
      const Eigen::VectorXd g = s.cwiseProduct(diff);
      newton.tell_gradient(0.5 * diff.dot(g), g);
    } else {
      newton.tell_hessian_product(s.cwiseProduct(newton.hessian_vector()));
    }
  }
  return newton;
}

}  // namespace

TEST_CASE("Newton-CG on f = |x - c|^2: one CG step, one Newton step", "[newton_cg]") {
  // By hand: H = 2I, g(0) = -2c. CG from 0: p = 2c, Hp = 4c, curvature p.Hp = 8|c|^2,
  // step |g|^2 / 8|c|^2 = 1/2, so the solution is c and the residual -2c + 4c/2 = 0:
  // CG stops after one Hessian pass; the unit step lands on c, where g = 0.
  const Eigen::VectorXd c = Eigen::Vector3d(1.0, -2.0, 0.5);
  NewtonCgSettings s;
  s.tol = 1e-12;
  s.ftol = 0;
  const NewtonCgMinimizer newton = minimize_quadratic(Eigen::VectorXd::Constant(3, 2.0), c, s);
  CHECK(newton.status() == NewtonCgStatus::Converged);
  CHECK(newton.best().isApprox(c, 1e-12));
  CHECK(newton.iterations() == 1);
  CHECK(newton.gradient_passes() == 2);  // at 0, then at c
  CHECK(newton.hessian_passes() == 1);
  CHECK(newton.passes() == 3);
}

TEST_CASE("Newton-CG: the forcing term leaves CG loose far from the optimum", "[newton_cg]") {
  // H = diag(1..5), c_i = i: g(0) = -(1, 4, 9, 16, 25), sum |g| = 55, so CG stops once
  // sum |r| <= min(0.5, sqrt(55)) * 55 = 27.5 (scikit-learn's rule): the first Newton
  // step is inexact, and it takes several iterations, each a gradient pass (the unit
  // step is always taken on a quadratic), to reach the optimum.
  const Eigen::VectorXd scale = Eigen::VectorXd::LinSpaced(5, 1, 5);
  NewtonCgSettings s;
  s.tol = 1e-9;
  s.ftol = 0;  // exact arithmetic here: the gradient rule alone
  const NewtonCgMinimizer newton = minimize_quadratic(scale, scale, s);
  CHECK(newton.status() == NewtonCgStatus::Converged);
  CHECK(newton.best().isApprox(scale, 1e-8));
  CHECK(newton.iterations() > 1);
  CHECK(newton.gradient_passes() == newton.iterations() + 1);
  CHECK(newton.hessian_passes() >= newton.iterations());

  NewtonCgSettings one = s;
  one.max_iter = 1;
  const NewtonCgMinimizer first = minimize_quadratic(scale, scale, one);
  CHECK(first.status() == NewtonCgStatus::MaxIter);
  // CG's first step by hand: p = -g = (1, 4, 9, 16, 25), Hp = (1, 8, 27, 64, 125),
  // |g|^2 = 979, p.Hp = 1 + 32 + 243 + 1024 + 3125 = 4425, alpha = 979 / 4425 = 0.2212;
  // r = g + alpha Hp = (-0.78, -2.23, -3.03, -1.84, 2.66), sum |r| = 10.5 <= 27.5: CG
  // stops there, and the unit step lands on alpha p.
  CHECK(first.hessian_passes() == 1);
  const Eigen::VectorXd p = scale.cwiseProduct(scale);
  CHECK(first.best().isApprox(979.0 / 4425.0 * p, 1e-12));
}

TEST_CASE("Newton-CG stops at max_iter and says so", "[newton_cg]") {
  Matrix X = wavy_features(60, 4, 0.1f);
  Labels y(60);
  for (int i = 0; i < 60; ++i) y[static_cast<std::size_t>(i)] = i % 3;
  LogisticObjective objective(X, y, Eigen::VectorXf::Ones(60), 3, LossKind::Softmax, 0.01);
  NewtonCgSettings s;
  s.max_iter = 1;
  s.tol = 1e-12;
  s.ftol = 0;
  NewtonCgMinimizer newton(s);
  minimize_newton(objective, newton);
  CHECK(newton.status() == NewtonCgStatus::MaxIter);
  CHECK(newton.iterations() == 1);
  CHECK(newton.message().find("max_iter=1") != std::string::npos);
}

TEST_CASE("Newton-CG reaches L-BFGS's optimum on a small softmax problem", "[newton_cg]") {
  Matrix X = wavy_features(120, 5, 0.3f);
  Labels y(120);
  for (int i = 0; i < 120; ++i) y[static_cast<std::size_t>(i)] = (i * 7 + i / 11) % 3;
  LogisticObjective objective(X, y, Eigen::VectorXf::Ones(120), 3, LossKind::Softmax, 1.0);

  // Both with scikit-learn's tol and scipy's ftol: the float32 products' rounding
  // keeps the gradient near 1e-3 here, and the relative decrease rule stops both.
  LbfgsSettings ls;
  ls.max_iter = 1000;
  LbfgsMinimizer lbfgs(ls);
  lbfgs.start(Eigen::VectorXd::Zero(objective.parameter_count()));
  Eigen::VectorXd grad;
  while (lbfgs.status() == LbfgsStatus::Evaluate) lbfgs.tell(objective.evaluate(lbfgs.point(), grad), grad);
  REQUIRE(lbfgs.status() == LbfgsStatus::Converged);

  NewtonCgSettings ns;
  NewtonCgMinimizer newton(ns);
  const Eigen::VectorXd theta = minimize_newton(objective, newton);
  REQUIRE(newton.status() == NewtonCgStatus::Converged);
  INFO("newton " << newton.best_value() << " lbfgs " << lbfgs.best_value());
  CHECK(std::abs(newton.best_value() - lbfgs.best_value()) <= 1e-6 * std::abs(lbfgs.best_value()));
  // The weights (the intercepts are defined up to a common shift, the penalized
  // weights are not): close, as a strictly convex problem's unique optimum.
  const Eigen::Index dk = objective.feature_count() * 3;
  INFO("largest weight difference " << (theta.head(dk) - lbfgs.best().head(dk)).cwiseAbs().maxCoeff());
  CHECK((theta.head(dk) - lbfgs.best().head(dk)).cwiseAbs().maxCoeff() < 1e-3);
  CHECK(newton.passes() == newton.gradient_passes() + newton.hessian_passes());
  CHECK(newton.hessian_passes() >= newton.iterations());
}

TEST_CASE("the trainer fits with newton-cg and counts its passes", "[newton_cg]") {
  Matrix X = wavy_features(90, 4, 0.6f);
  Labels y(90);
  for (int i = 0; i < 90; ++i) y[static_cast<std::size_t>(i)] = (i * 7 + i / 11) % 3;
  LogisticRegressionSettings s;
  s.solver = Solver::NewtonCg;
  s.max_iter = 100;
  LogisticRegressionTrainer newton(s, X, y);
  while (!newton.done()) newton.step(1.0);
  s.solver = Solver::Lbfgs;
  LogisticRegressionTrainer lbfgs(s, X, y);
  while (!lbfgs.done()) lbfgs.step(1.0);
  INFO(newton.progress().message << " / " << lbfgs.progress().message);
  REQUIRE(newton.progress().converged());
  // These labels carry no signal, so the loss is flat at the optimum: L-BFGS's last line
  // search may find no decrease the float32 products can resolve (it did in wasm with
  // relaxed SIMD), an honest ending at the same optimum, checked by the loss below.
  REQUIRE((lbfgs.progress().converged() || lbfgs.progress().status == TrainingStatus::LineSearchFailed));
  CHECK(newton.progress().loss == Approx(lbfgs.progress().loss).epsilon(1e-6));
  // Every Newton iteration costs a gradient pass and at least one Hessian pass.
  CHECK(newton.progress().passes >= 2 * newton.progress().iteration + 1);
  CHECK(lbfgs.progress().passes == lbfgs.progress().evaluations);
  CHECK(newton.model().predict(X) == lbfgs.model().predict(X));
}
