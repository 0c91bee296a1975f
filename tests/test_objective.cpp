#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>

#include "core/kernels/linear_kernels.hpp"
#include "core/linear_model/logistic_objective.hpp"
#include "core/kernels/float_buffer.hpp"
#include "core/kernels/linear_block.hpp"
#include "core/kernels/quadratic_block.hpp"

using namespace digitlab;

namespace {

Matrix random_features(int n, int d, unsigned seed) {
  Matrix X(n, d);
  for (int r = 0; r < n; ++r)
    for (int c = 0; c < d; ++c) X(r, c) = std::sin(0.37f * (r + 1) * (c + 2) + static_cast<float>(seed));
  return X;
}

// Central differences of f along each coordinate (double-precision parameters; the
// float32 products limit the agreement to about 1e-3 relative).
void check_gradient(LogisticObjective& objective, const Eigen::VectorXd& theta) {
  Eigen::VectorXd grad;
  objective.evaluate(theta, grad);
  Eigen::VectorXd scratch;
  for (Eigen::Index i = 0; i < theta.size(); ++i) {
    const double h = 1e-3;
    Eigen::VectorXd plus = theta, minus = theta;
    plus(i) += h;
    minus(i) -= h;
    const double numeric = (objective.evaluate(plus, scratch) - objective.evaluate(minus, scratch)) / (2 * h);
    INFO("parameter " << i);
    CHECK(grad(i) == Approx(numeric).epsilon(2e-3).margin(2e-3));
  }
}

}  // namespace

TEST_CASE("softmax loss: value at zero is sum of weights times log K", "[objective]") {
  Matrix X = random_features(12, 3, 1);
  Labels y = {0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3};
  Eigen::VectorXf w = Eigen::VectorXf::Constant(12, 0.5f);
  LogisticObjective objective(X, y, w, 4, LossKind::Softmax, 1.0);
  Eigen::VectorXd grad;
  CHECK(objective.evaluate(Eigen::VectorXd::Zero(objective.parameter_count()), grad) == Approx(12 * 0.5 * std::log(4.0)));
}

TEST_CASE("softmax loss gradient matches finite differences", "[objective]") {
  Matrix X = random_features(30, 4, 2);
  Labels y;
  for (int i = 0; i < 30; ++i) y.push_back((i * 7) % 3);
  Eigen::VectorXf w = balanced_sample_weights(y, 3);
  LogisticObjective objective(X, y, w, 3, LossKind::Softmax, 0.7);
  Eigen::VectorXd theta(objective.parameter_count());
  for (Eigen::Index i = 0; i < theta.size(); ++i) theta(i) = 0.3 * std::cos(1.1 * i);
  check_gradient(objective, theta);
}

TEST_CASE("sigmoid loss gradient matches finite differences", "[objective]") {
  Matrix X = random_features(25, 5, 3);
  Labels y;
  for (int i = 0; i < 25; ++i) y.push_back(i % 3 == 0 ? 1 : 0);
  LogisticObjective objective(X, y, Eigen::VectorXf::Ones(25), 1, LossKind::Sigmoid, 2.0);
  Eigen::VectorXd theta(objective.parameter_count());
  for (Eigen::Index i = 0; i < theta.size(); ++i) theta(i) = 0.5 * std::sin(0.7 * i + 0.2);
  check_gradient(objective, theta);
}

TEST_CASE("sigmoid loss stays finite for huge scores", "[objective]") {
  Matrix X = Matrix::Constant(2, 1, 1000.0f);
  LogisticObjective objective(X, {0, 1}, Eigen::VectorXf::Ones(2), 1, LossKind::Sigmoid, 0.0);
  Eigen::VectorXd theta(2);
  theta << 1.0, 0.0;  // z = 1000 for both rows
  Eigen::VectorXd grad;
  // Row 0 (y=0) costs log(1+e^1000) = 1000, row 1 (y=1) costs ~0.
  CHECK(objective.evaluate(theta, grad) == Approx(1000.0));
  CHECK(grad.allFinite());
}

TEST_CASE("a pass in slices equals one pass; batches sum to the whole", "[objective]") {
  Matrix X = random_features(50, 3, 4);
  Labels y;
  for (int i = 0; i < 50; ++i) y.push_back(i % 3);
  LogisticObjective objective(X, y, Eigen::VectorXf::Ones(50), 3, LossKind::Softmax, 1.0);
  Eigen::VectorXd theta = Eigen::VectorXd::LinSpaced(objective.parameter_count(), -0.5, 0.5);
  Eigen::VectorXd whole, sliced, batch_a, batch_b, penalty = Eigen::VectorXd::Zero(theta.size());
  const double f = objective.evaluate(theta, whole);
  objective.begin(theta);
  int slices = 0;
  while (!objective.pass_done()) {
    objective.accumulate(7);
    ++slices;
  }
  CHECK(slices == 8);
  CHECK(objective.finish(sliced) == Approx(f));
  CHECK(sliced.isApprox(whole, 1e-6));

  std::vector<int> first, second;
  for (int i = 0; i < 50; ++i) (i < 20 ? first : second).push_back(i);
  const double fa = objective.batch_loss(theta, first, batch_a);
  const double fb = objective.batch_loss(theta, second, batch_b);
  const double fp = objective.add_penalty(theta, penalty);
  CHECK(fa + fb + fp == Approx(f));
  CHECK((batch_a + batch_b + penalty).isApprox(whole, 1e-5));
}

TEST_CASE("balanced weights are n / (classes * count)", "[objective]") {
  // 6 samples: four of class 0, two of class 1 -> 6/(2*4) = 0.75 and 6/(2*2) = 1.5.
  Eigen::VectorXf w = balanced_sample_weights({0, 0, 0, 0, 1, 1}, 2);
  CHECK(w(0) == Approx(0.75));
  CHECK(w(5) == Approx(1.5));
  CHECK(w.sum() == Approx(6.0));
}

TEST_CASE("the softmax exponential is accurate over its whole range", "[objective]") {
  Eigen::MatrixXf m(7, 3);
  for (Eigen::Index i = 0; i < m.size(); ++i) m(i) = -0.37f * static_cast<float>(i * i);  // 0 down to -148
  Eigen::MatrixXf e = m;
  exp_nonpositive(e);
  for (Eigen::Index i = 0; i < m.size(); ++i) {
    INFO("x = " << m(i));
    const double expected = std::exp(static_cast<double>(m(i)));
    if (expected < 1e-37) CHECK(e(i) < 1e-37f);  // underflow to 0 (or a denormal)
    else CHECK(e(i) == Approx(expected).epsilon(3e-7));
  }
}

TEST_CASE("degree-2 products made from z equal the products with the expanded features", "[objective]") {
  // The reference is the expanded matrix times W in double precision; the block
  // computes from z (in wasm, and natively with AVX-512 or AVX2, without ever
  // expanding), in float. One block is loaded again and again, as the objective does: a
  // shape seen before (its padding kept), then smaller ones; 50 base features make
  // segments longer than 32 lanes, 13 outputs groups of 10 and 3 (AVX-512) or 5, 5 and 3
  // (AVX2).
  struct Shape { int rows, base, outputs; };
  QuadraticBlock block;
  int seed = 3;
  for (const Shape shape : {Shape{300, 7, 3}, Shape{257, 30, 10}, Shape{257, 30, 10}, Shape{250, 30, 10},
                            Shape{100, 50, 13}, Shape{5, 4, 1}, Shape{128, 3, 6}}) {
    INFO(shape.rows << " rows, " << shape.base << " base features, " << shape.outputs << " outputs");
    const Matrix Z = random_features(shape.rows, shape.base, static_cast<unsigned>(seed++));
    const Matrix X = PolynomialFeatures(2).transform(Z);
    const Eigen::MatrixXf W = Eigen::MatrixXf::Random(X.cols(), shape.outputs);
    const Eigen::RowVectorXf b = Eigen::RowVectorXf::Random(shape.outputs);
    const Eigen::MatrixXf G = Eigen::MatrixXf::Random(shape.rows, shape.outputs);

    block.load(Z);
    REQUIRE(block.feature_count() == X.cols());
    Eigen::MatrixXf S;
    block.scores(W, b, S);
    const Eigen::MatrixXd S_expected =
        (X.cast<double>() * W.cast<double>()).rowwise() + b.cast<double>();
    CHECK((S.cast<double>() - S_expected).cwiseAbs().maxCoeff() < 1e-4 * (1.0 + S_expected.cwiseAbs().maxCoeff()));

    Eigen::MatrixXf grad = Eigen::MatrixXf::Ones(X.cols(), shape.outputs);  // adds to what is there
    block.accumulate_gradient(G, grad);
    const Eigen::MatrixXd grad_expected = 1.0 + (X.cast<double>().transpose() * G.cast<double>()).array();
    CHECK((grad.cast<double>() - grad_expected).cwiseAbs().maxCoeff() <
          1e-4 * (1.0 + grad_expected.cwiseAbs().maxCoeff()));
  }
}

TEST_CASE("an objective on degree-2 features equals one on the expanded matrix", "[objective]") {
  const Matrix Z = random_features(700, 6, 5);
  const Matrix X = PolynomialFeatures(2).transform(Z);
  Labels y(700);
  for (int i = 0; i < 700; ++i) y[static_cast<std::size_t>(i)] = (i * 7) % 4;
  const Eigen::VectorXf weights = balanced_sample_weights(y, 4);
  LogisticObjective expanded(X, y, weights, 4, LossKind::Softmax, 0.5);
  LogisticObjective from_z(expanded_features(Z, PolynomialFeatures(2)), y, weights, 4, LossKind::Softmax, 0.5);
  const Eigen::VectorXd theta = Eigen::VectorXd::Random(expanded.parameter_count()) * 0.3;
  Eigen::VectorXd grad_expanded, grad_from_z;
  const double f = expanded.evaluate(theta, grad_expanded);
  CHECK(from_z.evaluate(theta, grad_from_z) == Approx(f).epsilon(1e-6));
  CHECK(grad_from_z.isApprox(grad_expanded, 1e-5));
}

TEST_CASE("plain-feature products equal X W and X^T G, with empty features skipped", "[objective]") {
  // Columns that are zero in every row, or only in some panels of 128 rows (as MNIST's
  // border pixels are), and row counts around the panel size; the reference is double.
  struct Shape { int rows, features, outputs; };
  for (const Shape shape : {Shape{300, 40, 10}, Shape{128, 9, 3}, Shape{7, 5, 1}, Shape{129, 13, 6}}) {
    INFO(shape.rows << " rows, " << shape.features << " features, " << shape.outputs << " outputs");
    Matrix X = random_features(shape.rows, shape.features, 9);
    X.col(0).setZero();
    X.col(shape.features - 1).head(std::min(shape.rows, 128)).setZero();
    for (int r = 0; r < shape.rows; ++r)
      for (int c = 0; c < shape.features; ++c)
        if ((r + 2 * c) % 3 == 0) X(r, c) = 0.0f;
    const Eigen::MatrixXf W = Eigen::MatrixXf::Random(shape.features, shape.outputs);
    const Eigen::RowVectorXf b = Eigen::RowVectorXf::Random(shape.outputs);
    const Eigen::MatrixXf G = Eigen::MatrixXf::Random(shape.rows, shape.outputs);

    LinearBlock block;
    block.load(X);
    Eigen::MatrixXf S;
    block.scores(W, b, S);
    const Eigen::MatrixXd S_expected = (X.cast<double>() * W.cast<double>()).rowwise() + b.cast<double>();
    CHECK((S.cast<double>() - S_expected).cwiseAbs().maxCoeff() < 1e-4 * (1.0 + S_expected.cwiseAbs().maxCoeff()));

    Eigen::MatrixXf grad = Eigen::MatrixXf::Ones(shape.features, shape.outputs);  // adds to what is there
    block.accumulate_gradient(G, grad);
    const Eigen::MatrixXd grad_expected = 1.0 + (X.cast<double>().transpose() * G.cast<double>()).array();
    CHECK((grad.cast<double>() - grad_expected).cwiseAbs().maxCoeff() <
          1e-4 * (1.0 + grad_expected.cwiseAbs().maxCoeff()));
    CHECK(grad.row(0).isApproxToConstant(1.0f));  // an empty feature gets no gradient
  }
}

// The kernels' buffers start on a cache line (float_buffer.hpp says why), whatever was
// allocated before them and whatever their size, and copy and grow as vectors do.
TEST_CASE("float buffers start on a 64-byte line", "[objective]") {
  std::vector<char> before(13);  // a small allocation first, so the next is not fresh
  for (std::size_t size : {1u, 3u, 17u, 128u, 1000u, 65537u}) {
    FloatBuffer buffer(size, 1.5f);
    INFO("size " << size);
    CHECK(reinterpret_cast<std::uintptr_t>(buffer.data()) % 64 == 0);
    buffer.resize(size * 3 + 1, 2.0f);
    CHECK(reinterpret_cast<std::uintptr_t>(buffer.data()) % 64 == 0);
    CHECK(buffer[0] == 1.5f);
    CHECK(buffer.back() == 2.0f);
    const FloatBuffer copy = buffer;
    CHECK(reinterpret_cast<std::uintptr_t>(copy.data()) % 64 == 0);
    CHECK(copy == buffer);
  }
}
