#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "core/kernels/cross_products.hpp"
#include "core/kernels/pixel_cross_products.hpp"
#include "core/preprocessing/pca.hpp"
#include "core/preprocessing/polynomial_features.hpp"
#include "core/preprocessing/top_eigen.hpp"
#include "core/preprocessing/scalers.hpp"

using namespace digitlab;

namespace {

Matrix matrix(int rows, int cols, std::initializer_list<float> values) {
  Matrix m(rows, cols);
  auto it = values.begin();
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) m(r, c) = *it++;
  return m;
}

}  // namespace

TEST_CASE("StandardScaler: (x - mean) / population std, constant columns kept finite", "[scalers]") {
  // Column 0: 1, 2, 3 -> mean 2, std sqrt(2/3). Column 1 constant 5.
  Matrix X = matrix(3, 2, {1, 5, 2, 5, 3, 5});
  StandardScaler s;
  Matrix Z = s.fit(X).transform(X);
  CHECK(s.mean()(0) == Approx(2.0));
  CHECK(s.scale()(0) == Approx(std::sqrt(2.0 / 3.0)));
  CHECK(s.scale()(1) == Approx(1.0));
  CHECK(Z(0, 0) == Approx(-1.0 / std::sqrt(2.0 / 3.0)));
  CHECK(Z(2, 1) == Approx(0.0));
  CHECK(s.inverse_transform(Z).isApprox(X, 1e-6f));
  CHECK_THROWS_AS(s.transform(Matrix::Zero(1, 3)), DataError);
}

TEST_CASE("MinMaxScaler: (x - min) / (max - min)", "[scalers]") {
  Matrix X = matrix(3, 2, {0, 7, 255, 7, 51, 7});
  MinMaxScaler m;
  Matrix U = m.fit(X).transform(X);
  CHECK(U(1, 0) == Approx(1.0));
  CHECK(U(2, 0) == Approx(0.2));
  CHECK(U(0, 1) == Approx(0.0));  // constant column: range 1, value - min = 0
  CHECK(m.inverse_transform(U).isApprox(X, 1e-6f));
  // Test data outside the training range maps outside [0, 1], as scikit-learn's does.
  CHECK(m.transform(matrix(1, 2, {510, 7}))(0, 0) == Approx(2.0));
}

TEST_CASE("PCA of points on a line finds the line; all components reconstruct", "[pca]") {
  // Points (t, 2t) for t = -2..2: covariance [[2.5, 5], [5, 10]], eigenvalues 12.5 and 0,
  // first direction (1, 2)/sqrt(5).
  Matrix X = matrix(5, 2, {-2, -4, -1, -2, 0, 0, 1, 2, 2, 4});
  X.rowwise() += Eigen::RowVector2f(10, 20);
  PCA pca(1);
  pca.fit(X);
  CHECK(pca.explained_variance()(0) == Approx(12.5));
  CHECK(pca.explained_variance_ratio()(0) == Approx(1.0));
  CHECK(pca.components()(0, 0) == Approx(1.0 / std::sqrt(5.0)));
  CHECK(pca.components()(0, 1) == Approx(2.0 / std::sqrt(5.0)));
  CHECK(pca.transform(X)(4, 0) == Approx(2.0 * std::sqrt(5.0)));
  CHECK(pca.inverse_transform(pca.transform(X)).isApprox(X, 1e-5f));
}

TEST_CASE("PCA with every component is a rotation: reconstructs any data", "[pca]") {
  Matrix X(40, 6);
  for (int r = 0; r < 40; ++r)
    for (int c = 0; c < 6; ++c) X(r, c) = std::sin(1.7f * r + 0.9f * c * c) * (c + 1);
  PCA pca(6);
  pca.fit(X);
  CHECK(pca.inverse_transform(pca.transform(X)).isApprox(X, 1e-4f));
  CHECK(pca.explained_variance_ratio().sum() == Approx(1.0));
  // Components orthonormal, variances non-increasing.
  Eigen::MatrixXf gram = pca.components() * pca.components().transpose();
  CHECK(gram.isApprox(Eigen::MatrixXf::Identity(6, 6), 1e-4f));
  for (int k = 1; k < 6; ++k) CHECK(pca.explained_variance()(k) <= pca.explained_variance()(k - 1));
  // Blockwise fitting gives the same answer as one pass.
  PCA blockwise(3);
  blockwise.begin_fit(6);
  blockwise.fit_partial(X.topRows(13));
  blockwise.fit_partial(X.bottomRows(27));
  blockwise.finish_fit();
  PCA whole(3);
  whole.fit(X);
  CHECK(blockwise.transform(X).isApprox(whole.transform(X), 1e-4f));
  CHECK_THROWS_AS(PCA(7).fit(X), DataError);
}

TEST_CASE("polynomial features: scikit-learn's count and order", "[poly]") {
  CHECK(PolynomialFeatures::output_count(30, 2) == 495);
  CHECK(PolynomialFeatures::output_count(2, 2) == 5);
  CHECK(PolynomialFeatures::output_count(784, 1) == 784);
  // [a, b] -> [a, b, a^2, ab, b^2]
  Matrix X = matrix(2, 2, {2, 3, -1, 4});
  Matrix P = PolynomialFeatures(2).transform(X);
  REQUIRE(P.cols() == 5);
  CHECK(P.row(0) == Eigen::RowVectorXf((Eigen::RowVectorXf(5) << 2, 3, 4, 6, 9).finished()));
  CHECK(P.row(1) == Eigen::RowVectorXf((Eigen::RowVectorXf(5) << -1, 4, 1, -4, 16).finished()));
  // Three inputs: x0x0, x0x1, x0x2, x1x1, x1x2, x2x2 after the linear terms.
  Matrix Y = matrix(1, 3, {2, 3, 5});
  Matrix Q = PolynomialFeatures(2).transform(Y);
  CHECK(Q.row(0) == Eigen::RowVectorXf((Eigen::RowVectorXf(9) << 2, 3, 5, 4, 6, 10, 9, 15, 25).finished()));
}

TEST_CASE("subspace iteration finds the same top eigenpairs as the dense solver", "[pca]") {
  // A 120 x 120 covariance with a smoothly decaying spectrum, like MNIST's.
  const int d = 120;
  Eigen::MatrixXd basis = Eigen::HouseholderQR<Eigen::MatrixXd>(
                              Eigen::MatrixXd::NullaryExpr(d, d, [](Eigen::Index i, Eigen::Index j) {
                                return std::sin(0.3 * i * i + 1.7 * j + 0.1 * i * j);
                              }))
                              .householderQ();
  Eigen::VectorXd spectrum(d);
  for (int i = 0; i < d; ++i) spectrum(i) = 100.0 * std::pow(0.93, i);
  Eigen::MatrixXd covariance = basis * spectrum.asDiagonal() * basis.transpose();

  TopEigenSolver iterative(covariance, 10);
  int steps = 0;
  while (iterative.step(0.0) < 1.0) ++steps;  // a zero budget: one unit per step
  CHECK(steps > 1);  // it really iterated (the dense path takes one step)
  CHECK(iterative.done());
  for (int k = 0; k < 10; ++k) {
    CHECK(iterative.eigenvalues()(k) == Approx(spectrum(k)).epsilon(1e-8));
    // Same direction up to sign.
    CHECK(std::abs(iterative.eigenvectors().col(k).dot(basis.col(k))) == Approx(1.0).epsilon(1e-6));
  }
  // The Chebyshev filter earns its keep: fewer products than plain subspace iteration
  // (the textbook loop below, from a start of its own) needs to the same residuals.
  // On this spectrum (0.93^i, k = 10, m = 20) the plain loop needs 26 products, the
  // filtered one 16.
  int plain_products = 0;
  {
    Eigen::MatrixXd V = Eigen::HouseholderQR<Eigen::MatrixXd>(Eigen::MatrixXd::NullaryExpr(d, 20, [](Eigen::Index i, Eigen::Index j) {
                          return std::cos(1.3 * i + 0.7 * j * j);
                        })).householderQ() * Eigen::MatrixXd::Identity(d, 20);
    for (double worst = 1.0; worst > 1e-9 && plain_products < 1000;) {
      const Eigen::MatrixXd AV = covariance * V;
      ++plain_products;
      Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> small(V.transpose() * AV);
      const Eigen::MatrixXd rotation = small.eigenvectors().rowwise().reverse();
      const Eigen::VectorXd ritz = small.eigenvalues().reverse();
      const Eigen::MatrixXd applied = AV * rotation, vectors = V * rotation;
      worst = 0.0;
      for (int k = 0; k < 10; ++k) worst = std::max(worst, (applied.col(k) - ritz(k) * vectors.col(k)).norm() / ritz(0));
      V = Eigen::HouseholderQR<Eigen::MatrixXd>(applied).householderQ() * Eigen::MatrixXd::Identity(d, 20);
    }
  }
  INFO("plain " << plain_products << " products, filtered " << iterative.products());
  CHECK(iterative.products() < plain_products * 3 / 4);

  TopEigenSolver dense(covariance, 60);  // a large share of d: dense in one step
  CHECK(dense.step(0.0) == 1.0);
  CHECK(dense.done());
  CHECK(dense.eigenvalues()(59) == Approx(spectrum(59)).epsilon(1e-8));
}

TEST_CASE("subspace iteration on a matrix of rank under its block size still finds the top eigenpairs", "[pca]") {
  // Rank 6 in 100 dimensions, k = 3 on m = 13 vectors: the smallest Ritz values are 0, so
  // the filter has nothing to damp and plain steps are taken (top_eigen.cpp).
  const int d = 100;
  const Eigen::MatrixXd basis = Eigen::HouseholderQR<Eigen::MatrixXd>(
                                    Eigen::MatrixXd::NullaryExpr(d, d, [](Eigen::Index i, Eigen::Index j) {
                                      return std::sin(0.7 * i * j + 0.2 * i + 1.1 * j);
                                    }))
                                    .householderQ();
  Eigen::VectorXd spectrum = Eigen::VectorXd::Zero(d);
  spectrum.head(6) << 9.0, 7.0, 5.0, 3.0, 2.0, 1.0;
  const Eigen::MatrixXd covariance = basis * spectrum.asDiagonal() * basis.transpose();
  TopEigenSolver solver(covariance, 3);
  while (!solver.done()) solver.step(0.0);
  for (int k = 0; k < 3; ++k) {
    CHECK(solver.eigenvalues()(k) == Approx(spectrum(k)).epsilon(1e-8));
    CHECK(std::abs(solver.eigenvectors().col(k).dot(basis.col(k))) == Approx(1.0).epsilon(1e-6));
  }
  CHECK(solver.iterations() > 1);
  CHECK(solver.products() == solver.iterations());  // plain steps: one product each
}

TEST_CASE("the eigen solver's filter terms are the Chebyshev polynomials of (2 / c) A - I", "[pca]") {
  // On a diagonal A each column is scaled by T_j((2 / c) lambda - 1): with c = 2 and
  // lambda = 0, 1, 2, 6 that is x = -1, 0, 1, 5, so T_2 = 2x^2 - 1 = 1, -1, 1, 49 and
  // T_3 = 4x^3 - 3x = -1, 0, 1, 485 (worked by hand).
  const double c = 2.0;
  const Eigen::MatrixXd A = Eigen::Vector4d(0.0, 1.0, 2.0, 6.0).asDiagonal();
  const Eigen::MatrixXd v = Eigen::MatrixXd::Identity(4, 4);
  const Eigen::MatrixXd t1 = chebyshev_first(A * v, v, c);
  const Eigen::MatrixXd t2 = chebyshev_next(A * t1, t1, v, c);
  const Eigen::MatrixXd t3 = chebyshev_next(A * t2, t2, t1, c);
  CHECK(t1.isApprox(Eigen::Vector4d(-1.0, 0.0, 1.0, 5.0).asDiagonal().toDenseMatrix()));
  CHECK(t2.isApprox(Eigen::Vector4d(1.0, -1.0, 1.0, 49.0).asDiagonal().toDenseMatrix()));
  CHECK(t3.isApprox(Eigen::Vector4d(-1.0, 0.0, 1.0, 485.0).asDiagonal().toDenseMatrix()));
}

TEST_CASE("cross products of sparse rows equal X^T X", "[pca]") {
  // Rows with empty columns (as MNIST's borders are) and a count that is not a multiple
  // of the wasm kernel's 128-row panels; the reference is X^T X in double.
  for (const int rows : {1, 127, 300}) {
    INFO(rows << " rows");
    Matrix X = Matrix::Zero(rows, 37);
    for (int r = 0; r < rows; ++r)
      for (int c = 3; c < 37; ++c)
        if ((r * 7 + c * 3) % 5 < 2 && c != 20) X(r, c) = static_cast<float>(std::cos(0.1 * r + c));
    Eigen::MatrixXf lower = Eigen::MatrixXf::Constant(37, 37, 1.0f);  // adds to what is there
    accumulate_cross_products(X, lower);
    const Eigen::MatrixXd expected = 1.0 + (X.cast<double>().transpose() * X.cast<double>()).array();
    double worst = 0;
    for (int i = 0; i < 37; ++i)
      for (int j = 0; j <= i; ++j) worst = std::max(worst, std::abs(lower(i, j) - expected(i, j)));
    CHECK(worst < 1e-4 * expected.cwiseAbs().maxCoeff());
    CHECK(lower(0, 0) == 1.0f);  // an empty column's products stay as they were
  }
}

TEST_CASE("cross products of 8-bit pixel rows are exact", "[pca]") {
  // Empty columns (MNIST's borders), 255s (the largest products), and counts around the
  // wasm kernel's 128-row panels; the reference is the integer sum, worked out here in
  // 64 bits. An odd column count leaves a last panel column without a partner.
  // Columns 36-39 are dense 255s and 253s: over 1,000 rows their sums pass 2^24, where
  // a float sum would round.
  for (const int rows : {1, 127, 128, 129, 300, 1000}) {
    INFO(rows << " rows");
    PixelMatrix X = PixelMatrix::Zero(rows, 41);
    for (int r = 0; r < rows; ++r)
      for (int c = 2; c < 41; ++c)
        if (c >= 36 && c < 40) X(r, c) = static_cast<std::uint8_t>(r % 3 == 0 ? 253 : 255);
        else if ((r * 7 + c * 3) % 5 < 3 && c != 20) X(r, c) = static_cast<std::uint8_t>((r * 31 + c * 17) % 7 == 0 ? 255 : (r * 13 + c * 29) % 256);
    IntLower lower = IntLower::Constant(41, 41, 3);  // adds to what is there
    accumulate_pixel_cross_products(X, lower);
    long long mismatches = 0;
    for (int i = 0; i < 41; ++i)
      for (int j = 0; j <= i; ++j) {
        long long expected = 3;
        for (int r = 0; r < rows; ++r) expected += static_cast<long long>(X(r, i)) * X(r, j);
        mismatches += lower(i, j) != expected;
      }
    CHECK(mismatches == 0);
    CHECK(lower(0, 0) == 3);  // an empty column's products stay as they were
    CHECK(lower(0, 40) == 3);  // above the diagonal: untouched
  }
}

TEST_CASE("PCA from pixels moves its integer sums on before they could overflow", "[pca]") {
  // 70,000 rows in the pipeline's 128-row blocks: a column of 255s sums 70,000 * 255^2,
  // past a 32-bit integer's 2^31 from 33,026 rows on. The scaled rows (x / 255) are 0/1
  // and r % 251 / 255; their covariance worked out here in double, from the rows.
  const int n = 70000;
  PixelMatrix X(n, 3);
  for (int r = 0; r < n; ++r) {
    X(r, 0) = 255;
    X(r, 1) = static_cast<std::uint8_t>(r % 2 ? 255 : 0);
    X(r, 2) = static_cast<std::uint8_t>(r % 251);
  }
  PCA pca(2);
  pca.begin_fit_pixels(3, Eigen::VectorXd::Constant(3, 1.0 / 255), Eigen::VectorXd::Zero(3));
  for (int r0 = 0; r0 < n; r0 += 128) pca.fit_partial_pixels(X.middleRows(r0, std::min(128, n - r0)));
  pca.finish_fit();

  const Eigen::MatrixXd scaled = X.cast<double>() / 255.0;
  const Eigen::RowVectorXd mean = scaled.colwise().mean();
  const Eigen::MatrixXd centered = scaled.rowwise() - mean;
  const Eigen::MatrixXd covariance = centered.transpose() * centered / (n - 1.0);
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> exact(covariance);
  CHECK(pca.total_variance() == Approx(covariance.trace()).epsilon(1e-9));
  CHECK(pca.explained_variance()(0) == Approx(exact.eigenvalues()(2)).epsilon(1e-9));
  CHECK(pca.explained_variance()(1) == Approx(exact.eigenvalues()(1)).epsilon(1e-9));
  CHECK(pca.mean()(0) == Approx(1.0));
  CHECK(pca.mean()(1) == Approx(mean(1)).epsilon(1e-6));
}

TEST_CASE("PCA from 8-bit pixels and a scaling equals PCA of the scaled rows", "[pca]") {
  // 600 "images" of 30 pixels with structure (a few strong directions) and empty
  // columns; MinMax's scaling (x - min) / range, as the pipeline's covariance stage feeds
  // it. The float path scales in float and sums in float within blocks: agreement to
  // float precision, not bit for bit.
  PixelMatrix X = PixelMatrix::Zero(600, 30);
  for (int r = 0; r < 600; ++r)
    for (int c = 1; c < 28; ++c)
      X(r, c) = static_cast<std::uint8_t>(
          std::clamp(127.0 + 90.0 * std::sin(0.05 * r * (1 + c % 3)) * std::cos(0.3 * c) + (r * 37 + c * 11) % 23, 0.0, 255.0));
  const Matrix raw = X.cast<float>();
  MinMaxScaler minmax;
  minmax.fit(raw);
  const Matrix scaled = minmax.transform(raw);

  PCA by_floats(5);
  by_floats.fit(scaled);
  PCA by_pixels(5);
  const Eigen::VectorXd scale = minmax.data_range().cast<double>().cwiseInverse();
  by_pixels.begin_fit_pixels(30, scale, -minmax.data_min().cast<double>().cwiseProduct(scale));
  by_pixels.fit_partial_pixels(X.topRows(250));  // in blocks, as the pipeline feeds them
  by_pixels.fit_partial_pixels(X.bottomRows(350));
  by_pixels.finish_fit();

  CHECK((by_pixels.mean() - by_floats.mean()).cwiseAbs().maxCoeff() < 1e-6f);
  CHECK(by_pixels.total_variance() == Approx(by_floats.total_variance()).epsilon(1e-6));
  for (int k = 0; k < 5; ++k) {
    INFO("component " << k);
    CHECK(by_pixels.explained_variance()(k) == Approx(by_floats.explained_variance()(k)).epsilon(1e-5));
    CHECK(std::abs(by_pixels.components().row(k).dot(by_floats.components().row(k))) == Approx(1.0).epsilon(1e-5));
  }
  CHECK(by_pixels.transform(scaled).isApprox(by_floats.transform(scaled), 1e-4f));
}
