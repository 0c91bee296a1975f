#include <catch2/catch.hpp>

#include <cmath>

#include "core/tutorial/sigmoid_simulation.hpp"

using namespace digitlab;

TEST_CASE("the sigmoid and its inverse at points known by hand", "[sigmoid_sim]") {
  CHECK(logistic(0) == 0.5);
  CHECK(logistic(std::log(3.0)) == Approx(0.75));  // 1 / (1 + 1/3)
  CHECK(logistic(-std::log(3.0)) == Approx(0.25));
  CHECK(logistic(1000) == 1.0);
  CHECK(logistic(-1000) == 0.0);  // no overflow, no NaN
  CHECK(logit(0.75) == Approx(std::log(3.0)));
  CHECK(logit(0.5) == 0.0);
}

TEST_CASE("z = X w + b row by row", "[sigmoid_sim]") {
  Eigen::MatrixXd X(3, 3);
  X << 1, 2, 3, 0, 0, 0, -1, 0, 1;
  const Eigen::VectorXd w = Eigen::Vector3d(0.5, -1, 2);
  const Eigen::VectorXd z = linear_scores(X, w, 0.25);
  CHECK(z(0) == Approx(4.75));  // 0.5 - 2 + 6 + 0.25
  CHECK(z(1) == Approx(0.25));
  CHECK(z(2) == Approx(1.75));  // -0.5 + 2 + 0.25
}

TEST_CASE("a threshold's predictions and accuracy", "[sigmoid_sim]") {
  const Eigen::VectorXd y_hat = Eigen::Vector4d(0.9, 0.6, 0.4, 0.2);
  const Labels labels = {1, 0, 1, 0};
  ThresholdOutcome half = apply_threshold(y_hat, labels, 0.5);  // predicts 1 1 0 0
  CHECK(half.predicted_positive == 2);
  CHECK(half.correct == 2);
  CHECK(half.accuracy == 0.5);
  ThresholdOutcome low = apply_threshold(y_hat, labels, 0.3);  // predicts 1 1 1 0
  CHECK(low.predicted_positive == 3);
  CHECK(low.accuracy == 0.75);
}

TEST_CASE("histogram bins, with outliers in the end bins", "[sigmoid_sim]") {
  Eigen::VectorXd v(6);
  v << -10, -1, 0, 0.5, 1.9, 10;
  CHECK(histogram(v, -2, 2, 4) == std::vector<int>{1, 1, 2, 2});
}

TEST_CASE("the tutorial's simulation: 100 samples, 3 features, repeatable", "[sigmoid_sim]") {
  SigmoidSimulation a = simulate_logistic(100, 3, 42), b = simulate_logistic(100, 3, 42);
  REQUIRE(a.X.rows() == 100);
  REQUIRE(a.X.cols() == 3);
  CHECK(a.z.size() == 100);
  CHECK(a.X == b.X);
  CHECK(a.labels == b.labels);
  CHECK(a.z.isApprox(linear_scores(a.X, a.weights, a.bias)));
  for (Eigen::Index i = 0; i < 100; ++i) {
    CHECK(a.y_hat(i) > 0.0);
    CHECK(a.y_hat(i) < 1.0);
  }
  // Weight scale 0 squeezes every z to 0: every y_hat is 0.5.
  SigmoidSimulation flat = simulate_logistic(100, 3, 42, 0.0);
  CHECK(flat.z.cwiseAbs().maxCoeff() == 0.0);
  CHECK(flat.y_hat.minCoeff() == 0.5);
  CHECK(simulate_logistic(100, 3, 43).X != a.X);
}
