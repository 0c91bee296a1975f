// SAG: its automatic step worked by hand, the same optimum as L-BFGS (an independent
// method: the objective is strictly convex, so both must land on its one minimum) for
// softmax, sigmoid and degree-2 features, and the trainer's passes and stops.
#include <catch2/catch.hpp>

#include <cmath>

#include "core/linear_model/lbfgs.hpp"
#include "core/linear_model/logistic_objective.hpp"
#include "core/linear_model/logistic_regression.hpp"
#include "core/linear_model/sag_descent.hpp"
#include "test_support.hpp"

using namespace digitlab;
using namespace digitlab::testing;

namespace {

Eigen::VectorXd lbfgs_optimum(LogisticObjective& objective, double& value) {
  LbfgsSettings s;
  s.max_iter = 5000;
  s.gtol = 1e-9;
  s.ftol = 0;  // the gradient rule alone: as close to the optimum as float32 products allow
  LbfgsMinimizer lbfgs(s);
  lbfgs.start(Eigen::VectorXd::Zero(objective.parameter_count()));
  Eigen::VectorXd grad;
  while (lbfgs.status() == LbfgsStatus::Evaluate) lbfgs.tell(objective.evaluate(lbfgs.point(), grad), grad);
  value = lbfgs.best_value();
  return lbfgs.best();
}

// Runs SAG to a tight tol and checks it against L-BFGS: the objective within 1e-6
// relative, the penalized weights within 1e-3 (intercepts too: the penalty on W and the
// data fix them here).
void check_same_optimum(LogisticObjective& objective) {
  double lbfgs_value = 0;
  const Eigen::VectorXd lbfgs = lbfgs_optimum(objective, lbfgs_value);
  SagDescent sag(objective, Eigen::VectorXd::Zero(objective.parameter_count()), {20000, 1e-8, 3});
  while (sag.status() == DescentStatus::Running) sag.step(64);
  INFO(sag.message() << " after " << sag.epoch() << " epochs; sag " << sag.loss() << " lbfgs " << lbfgs_value);
  REQUIRE(sag.status() == DescentStatus::Converged);
  CHECK(std::abs(sag.loss() - lbfgs_value) <= 1e-6 * std::abs(lbfgs_value));
  const Eigen::Index dk = objective.feature_count() * objective.n_outputs();
  INFO("largest weight difference " << (sag.best().head(dk) - lbfgs.head(dk)).cwiseAbs().maxCoeff());
  CHECK((sag.best().head(dk) - lbfgs.head(dk)).cwiseAbs().maxCoeff() < 1e-3);
  // Each epoch is followed by a pass measuring the objective; the first pass measures the start.
  CHECK(sag.passes() == 2 * sag.epoch() + 1);
}

}  // namespace

TEST_CASE("SAG's step is scikit-learn's 1 / (0.25 (max s_i |x_i|^2 + 1) + alpha / n)", "[sag]") {
  // By hand: rows (1, 2) and (3, 0), weights 1 and 0.5: s_i |x_i|^2 = 5 and 4.5, so the
  // largest is 5; alpha = 1 / C = 1 over n = 2 rows: L = 0.25 * 6 + 0.5 = 2, step 1/2.
  Matrix X(2, 2);
  X << 1, 2, 3, 0;
  Eigen::VectorXf w(2);
  w << 1.0f, 0.5f;
  LogisticObjective plain(X, Labels{0, 1}, w, 1, LossKind::Sigmoid, 1.0);
  CHECK(SagDescent(plain, Eigen::VectorXd::Zero(plain.parameter_count()), {}).step_size() == Approx(0.5));
  // Degree 2 of (1, 2): (1, 2, 1, 2, 4), |.|^2 = 26; of (3, 0): (3, 0, 9, 0, 0), 90 * 0.5 = 45.
  // L = 0.25 * 46 + 0.5 = 12, step 1/12.
  LogisticObjective poly(expanded_features(X, PolynomialFeatures(2)), Labels{0, 1}, w, 1, LossKind::Sigmoid, 1.0);
  CHECK(SagDescent(poly, Eigen::VectorXd::Zero(poly.parameter_count()), {}).step_size() == Approx(1.0 / 12));
}

TEST_CASE("SAG reaches L-BFGS's optimum: softmax with uneven sample weights", "[sag]") {
  Matrix X = wavy_features(120, 5, 0.3f);
  Labels y(120);
  for (int i = 0; i < 120; ++i) y[static_cast<std::size_t>(i)] = (i * 7 + i / 11) % 3;
  LogisticObjective objective(X, y, Eigen::VectorXf::LinSpaced(120, 0.5f, 2.0f), 3, LossKind::Softmax, 1.0);
  check_same_optimum(objective);
}

TEST_CASE("SAG reaches L-BFGS's optimum: one sigmoid", "[sag]") {
  Matrix X = wavy_features(80, 4, 1.1f);
  Labels y(80);
  for (int i = 0; i < 80; ++i) y[static_cast<std::size_t>(i)] = (i * 7) % 3 == 0 ? 1 : 0;
  LogisticObjective objective(X, y, Eigen::VectorXf::Ones(80), 1, LossKind::Sigmoid, 0.5);
  check_same_optimum(objective);
}

TEST_CASE("SAG reaches L-BFGS's optimum: degree-2 features made row by row", "[sag]") {
  Matrix Z = wavy_features(90, 3, 0.5f);
  Labels y(90);
  for (int i = 0; i < 90; ++i) y[static_cast<std::size_t>(i)] = (i * 5) % 4;
  LogisticObjective objective(expanded_features(Z, PolynomialFeatures(2)), y, Eigen::VectorXf::Ones(90), 4,
                              LossKind::Softmax, 1.0);
  check_same_optimum(objective);
}

TEST_CASE("the trainer fits with sag, counts its passes and stops at max_iter", "[sag]") {
  Matrix X = wavy_features(90, 4, 0.6f);
  Labels y(90);
  for (int i = 0; i < 90; ++i) y[static_cast<std::size_t>(i)] = (i * 7 + i / 11) % 3;
  LogisticRegressionSettings s;
  s.solver = Solver::Sag;
  s.max_iter = 3;
  LogisticRegressionTrainer short_run(s, X, y);
  while (!short_run.done()) short_run.step(1.0);
  CHECK(short_run.progress().status == TrainingStatus::MaxIter);
  CHECK(short_run.progress().iteration == 3);
  CHECK(short_run.progress().passes == 7);  // the start, then 3 epochs each measured
  CHECK(short_run.progress().message.find("max_iter=3") != std::string::npos);

  s.max_iter = 5000;
  s.tol = 1e-6;
  LogisticRegressionTrainer sag(s, X, y);
  while (!sag.done()) sag.step(1.0);
  s.solver = Solver::Lbfgs;
  LogisticRegressionTrainer lbfgs(s, X, y);
  while (!lbfgs.done()) lbfgs.step(1.0);
  INFO(sag.progress().message << " / " << lbfgs.progress().message);
  REQUIRE(sag.progress().converged());
  CHECK(sag.progress().loss == Approx(lbfgs.progress().loss).epsilon(1e-5));
  CHECK(sag.model().predict(X) == lbfgs.model().predict(X));
  // The loss curve starts at the untrained loss, ln 3 per row, and never rises much.
  REQUIRE(!sag.loss_history().empty());
  CHECK(sag.loss_history().front() == Approx(std::log(3.0)).epsilon(1e-6));
}
