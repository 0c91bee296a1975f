#include "core/preprocessing/top_eigen.hpp"

#include <algorithm>
#include <chrono>
#include <cassert>
#include <cstdint>

namespace digitlab {

TopEigenSolver::TopEigenSolver(Eigen::MatrixXd symmetric, int k, double tolerance, int max_iterations)
    : matrix_(std::move(symmetric)), k_(k), tolerance_(tolerance), max_iterations_(max_iterations) {
  const auto d = static_cast<int>(matrix_.rows());
  assert(k >= 1 && k <= d && "TopEigenSolver: k must be 1..d");
  const int m = std::min(d, k + std::max(10, k / 2));
  if (3 * m >= d || d <= 64) return;  // dense() on the first step
  // A fixed pseudo-random start (an LCG, identical in every build), orthonormalized.
  Eigen::MatrixXd start(d, m);
  std::uint64_t state = 12345;
  for (Eigen::Index j = 0; j < start.cols(); ++j)
    for (Eigen::Index i = 0; i < start.rows(); ++i) {
      state = state * 6364136223846793005ull + 1442695040888963407ull;
      start(i, j) = static_cast<double>(state >> 11) / 9007199254740992.0 - 0.5;
    }
  basis_ = Eigen::HouseholderQR<Eigen::MatrixXd>(start).householderQ() * Eigen::MatrixXd::Identity(d, m);
  filtered_ = basis_;  // the first product is A V, for Rayleigh-Ritz
}

void TopEigenSolver::dense() {
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(matrix_);
  values_ = eigen.eigenvalues().reverse().head(k_);
  vectors_ = eigen.eigenvectors().rightCols(k_).rowwise().reverse();
  done_ = true;
}

double TopEigenSolver::step(double budget_seconds) {
  using Clock = std::chrono::steady_clock;
  const auto started = Clock::now();
  const auto spent = [&] { return std::chrono::duration<double>(Clock::now() - started).count(); };
  while (!done_) {
    const double before = spent();
    step_once();
    const double now = spent();
    if (now + (now - before) >= budget_seconds) break;
  }
  return progress();
}

double TopEigenSolver::progress() const {
  return done_ ? 1.0 : std::min(0.99, static_cast<double>(iterations_) / std::max(1, max_iterations_));
}

void TopEigenSolver::step_once() {
  if (done_) return;
  if (basis_.size() == 0) {
    dense();
    return;
  }
  // A product's columns; the filter's next term (cheap) in the unit of its last ones,
  // a Rayleigh-Ritz step in a unit of its own.
  if (!product_unit() && (degree_ == 0 || product_columns_ < basis_.cols())) return;
  product_columns_ = 0;
  ++products_;
  if (degree_ == 0) {
    rayleigh_ritz();
    return;
  }
  Eigen::MatrixXd next = chebyshev_next(product_, filtered_, before_, cut_);
  before_ = std::move(filtered_);
  filtered_ = std::move(next);
  if (++degree_ < kFilterDegree) return;
  // Filtered: the next basis, and A V for its Rayleigh-Ritz step.
  basis_ = Eigen::HouseholderQR<Eigen::MatrixXd>(filtered_).householderQ() *
           Eigen::MatrixXd::Identity(matrix_.rows(), basis_.cols());
  filtered_ = basis_;
  degree_ = 0;
}

bool TopEigenSolver::product_unit() {
  const Eigen::Index m = basis_.cols();
  if (product_columns_ >= m) return true;
  if (product_columns_ == 0) product_.resize(matrix_.rows(), m);
  const Eigen::Index count = std::min<Eigen::Index>(kColumnsPerStep, m - product_columns_);
  product_.middleCols(product_columns_, count).noalias() = matrix_ * filtered_.middleCols(product_columns_, count);
  product_columns_ += count;
  return false;
}

void TopEigenSolver::rayleigh_ritz() {
  const Eigen::Index m = basis_.cols();
  ++iterations_;
  // H = V^T A V, and V rotated to H's eigenvectors.
  Eigen::MatrixXd projected = basis_.transpose() * product_;
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> small(0.5 * (projected + projected.transpose()));
  Eigen::MatrixXd rotation = small.eigenvectors().rowwise().reverse();  // descending
  Eigen::VectorXd ritz = small.eigenvalues().reverse();
  Eigen::MatrixXd ritz_vectors = basis_ * rotation;
  Eigen::MatrixXd applied = product_ * rotation;  // A times each Ritz vector

  // Converged when every wanted Ritz pair has a small residual ||A v - theta v||.
  const double scale = std::max(std::abs(ritz(0)), 1e-300);
  double worst = 0.0;
  for (int i = 0; i < k_; ++i)
    worst = std::max(worst, (applied.col(i) - ritz(i) * ritz_vectors.col(i)).norm() / scale);
  values_ = ritz.head(k_);
  vectors_ = ritz_vectors.leftCols(k_);
  if (worst <= tolerance_ || iterations_ >= max_iterations_) {
    done_ = true;
    return;
  }
  // The filter damps [0, c], c the smallest Ritz value (no larger than the m-th
  // eigenvalue). Where that is about 0 (a matrix of rank under m) there is nothing to
  // damp: a plain step, the next basis A V orthonormalized.
  cut_ = ritz(m - 1);
  if (!(cut_ > 1e-12 * scale) || kFilterDegree < 2) {
    basis_ = Eigen::HouseholderQR<Eigen::MatrixXd>(applied).householderQ() *
             Eigen::MatrixXd::Identity(matrix_.rows(), m);
    filtered_ = basis_;
    return;
  }
  basis_ = std::move(ritz_vectors);
  before_ = basis_;                                // T_0(L) V
  filtered_ = chebyshev_first(applied, basis_, cut_);  // T_1(L) V
  degree_ = 1;
}

Eigen::MatrixXd chebyshev_first(const Eigen::MatrixXd& a_v, const Eigen::MatrixXd& v, double c) {
  return (2.0 / c) * a_v - v;
}

Eigen::MatrixXd chebyshev_next(const Eigen::MatrixXd& a_t, const Eigen::MatrixXd& t, const Eigen::MatrixXd& before, double c) {
  return 2.0 * ((2.0 / c) * a_t - t) - before;
}

}  // namespace digitlab
