#include "core/preprocessing/pca.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <string>

#include "core/kernels/cross_products.hpp"

namespace digitlab {

// The solver is work in progress, not part of a fitted PCA's value.
PCA::PCA(const PCA& other)
    : n_components_(other.n_components_),
      seen_(other.seen_),
      sum_(other.sum_),
      cross_(other.cross_),
      partial_cross_(other.partial_cross_),
      partial_rows_(other.partial_rows_),
      pixel_cross_(other.pixel_cross_),
      pixel_scale_(other.pixel_scale_),
      pixel_offset_(other.pixel_offset_),
      mean_(other.mean_),
      components_(other.components_),
      explained_variance_(other.explained_variance_),
      total_variance_(other.total_variance_) {}

PCA& PCA::operator=(const PCA& other) {
  if (this != &other) *this = PCA(other);
  return *this;
}

PCA::~PCA() = default;

PCA& PCA::fit(const Matrix& X) {
  begin_fit(static_cast<int>(X.cols()));
  constexpr Eigen::Index kBlock = 4096;
  for (Eigen::Index r = 0; r < X.rows(); r += kBlock)
    fit_partial(X.middleRows(r, std::min(kBlock, X.rows() - r)));
  return finish_fit();
}

void PCA::begin_fit(int n_features) {
  seen_ = 0;
  sum_ = Eigen::VectorXd::Zero(n_features);
  cross_ = Eigen::MatrixXd::Zero(n_features, n_features);
  partial_cross_ = Eigen::MatrixXf::Zero(n_features, n_features);
  partial_rows_ = 0;
  pixel_cross_.resize(0, 0);
  pixel_scale_.resize(0);
  pixel_offset_.resize(0);
  components_.resize(0, 0);
  solver_.reset();
}

void PCA::begin_fit_pixels(int n_features, Eigen::VectorXd scale, Eigen::VectorXd offset) {
  assert(scale.size() == n_features && offset.size() == n_features && "PCA::begin_fit_pixels: a scale and offset per column");
  begin_fit(n_features);
  partial_cross_.resize(0, 0);
  pixel_cross_ = IntLower::Zero(n_features, n_features);
  pixel_scale_ = std::move(scale);
  pixel_offset_ = std::move(offset);
}

void PCA::fit_partial_pixels(const Eigen::Ref<const PixelMatrix>& rows) {
  assert(pixel_scale_.size() > 0 && rows.cols() == sum_.size() && "PCA::fit_partial_pixels: call begin_fit_pixels first");
  for (Eigen::Index r0 = 0; r0 < rows.rows(); r0 += kMaxExactRows) {
    const Eigen::Index count = std::min(kMaxExactRows, rows.rows() - r0);
    if (partial_rows_ + count > kMaxExactRows) flush_cross();
    accumulate_pixel_cross_products(rows.middleRows(r0, count), pixel_cross_);
    partial_rows_ += count;
  }
  sum_ += rows.cast<double>().colwise().sum().transpose();
  seen_ += rows.rows();
}

void PCA::add_pixel_sums(const PixelSums& other) {
  assert(pixel_scale_.size() > 0 && "PCA::add_pixel_sums: call begin_fit_pixels first");
  const Eigen::Index d = sum_.size();
  if (other.rows < 1 || other.sum.size() != d || other.lower.rows() != d || other.lower.cols() != d)
    throw DataError("PCA: sums of other rows that do not fit this data's " + std::to_string(d) + " columns");
  cross_.triangularView<Eigen::Lower>() += other.lower;
  sum_ += other.sum;
  seen_ += other.rows;
}

PixelSums pixel_sums(const Eigen::Ref<const PixelMatrix>& rows) {
  const auto d = static_cast<int>(rows.cols());
  PCA pca(1);
  pca.begin_fit_pixels(d, Eigen::VectorXd::Ones(d), Eigen::VectorXd::Zero(d));
  // In blocks, as PipelineFitJob feeds them: in wasm a function runs as its first, quick
  // compile until a later call finds the optimized one (V8 has no on-stack replacement
  // for wasm), so one call over every row ran at that first compile's speed: measured in
  // Chromium, a shard's worker answered for its 29,000 rows in 0.78 s with one call, in
  // 0.45 s with blocks of 1,024 (both with the copy of its rows into fresh memory).
  constexpr Eigen::Index kBlock = 1024;
  for (Eigen::Index r0 = 0; r0 < rows.rows(); r0 += kBlock)
    pca.fit_partial_pixels(rows.middleRows(r0, std::min(kBlock, rows.rows() - r0)));
  return pca.take_pixel_sums();
}

PixelSums PCA::take_pixel_sums() {
  flush_cross();
  PixelSums sums;
  sums.rows = seen_;
  sums.sum = std::move(sum_);
  sums.lower = std::move(cross_);
  begin_fit(0);
  return sums;
}

void PCA::fit_partial(const Eigen::Ref<const Matrix>& rows) {
  assert(rows.cols() == sum_.size() && "PCA::fit_partial: call begin_fit with the feature count");
  // Float products over a few thousand rows, then into the double total.
  accumulate_cross_products(rows, partial_cross_);
  partial_rows_ += rows.rows();
  if (partial_rows_ >= 4096) flush_cross();
  sum_ += rows.cast<double>().colwise().sum().transpose();
  seen_ += rows.rows();
}

void PCA::flush_cross() {
  if (partial_rows_ == 0) return;
  if (pixel_scale_.size() > 0) {
    cross_.triangularView<Eigen::Lower>() += pixel_cross_.cast<double>();
    pixel_cross_.setZero();
  } else {
    cross_.triangularView<Eigen::Lower>() += partial_cross_.cast<double>();
    partial_cross_.setZero();
  }
  partial_rows_ = 0;
}

void PCA::begin_decomposition() {
  const Eigen::Index d = sum_.size();
  if (seen_ < 2) throw DataError("PCA: needs at least 2 samples");
  if (n_components_ < 1 || n_components_ > d)
    throw DataError("PCA: n_components must be 1 to " + std::to_string(d) + ", got " + std::to_string(n_components_));
  flush_cross();
  partial_cross_.resize(0, 0);
  pixel_cross_.resize(0, 0);
  const double n = static_cast<double>(seen_);
  Eigen::VectorXd mean = sum_ / n;
  Eigen::MatrixXd full = cross_.selfadjointView<Eigen::Lower>();
  Eigen::MatrixXd covariance = (full - n * mean * mean.transpose()) / (n - 1.0);
  if (pixel_scale_.size() > 0) {  // of the raw pixels: to the scaled rows'
    covariance = pixel_scale_.asDiagonal() * covariance * pixel_scale_.asDiagonal();
    mean = pixel_scale_.cwiseProduct(mean) + pixel_offset_;
  }
  total_variance_ = covariance.trace();
  mean_ = mean.cast<float>();
  cross_.resize(0, 0);
  solver_ = std::make_unique<TopEigenSolver>(std::move(covariance), n_components_);
}

double PCA::step_decomposition(double budget_seconds) {
  assert(solver_ && "PCA::step_decomposition before begin_decomposition");
  const double progress = solver_->step(budget_seconds);
  if (!solver_->done()) return progress;
  const Eigen::MatrixXd& vectors = solver_->eigenvectors();
  explained_variance_ = solver_->eigenvalues().cwiseMax(0.0);
  components_.resize(n_components_, vectors.rows());
  for (int k = 0; k < n_components_; ++k) {
    Eigen::VectorXd v = vectors.col(k);
    Eigen::Index largest;
    v.cwiseAbs().maxCoeff(&largest);
    if (v(largest) < 0) v = -v;  // deterministic sign: largest loading positive
    components_.row(k) = v.cast<float>().transpose();
  }
  solver_.reset();
  return 1.0;
}

PCA& PCA::finish_fit() {
  begin_decomposition();
  while (decomposing()) step_decomposition(1e9);
  return *this;
}

Matrix PCA::transform(const Matrix& X) const {
  assert(fitted() && "PCA::transform before fit");
  if (X.cols() != mean_.size()) throw DataError("PCA: feature count differs from fit");
  return (X.rowwise() - mean_.transpose()) * components_.transpose();
}

Matrix PCA::inverse_transform(const Matrix& Z) const {
  assert(fitted() && "PCA::inverse_transform before fit");
  return (Z * components_).rowwise() + mean_.transpose();
}

Eigen::VectorXd PCA::explained_variance_ratio() const {
  return total_variance_ > 0 ? Eigen::VectorXd(explained_variance_ / total_variance_) : explained_variance_;
}

PCA PCA::from_fitted(Eigen::VectorXf mean, Matrix components, Eigen::VectorXd explained_variance,
                     double total_variance) {
  if (components.rows() == 0 || mean.size() == 0 || components.cols() != mean.size() ||
      explained_variance.size() != components.rows())
    throw DataError("PCA: " + std::to_string(components.rows()) + " components of " + std::to_string(components.cols()) +
                    " values for a mean of " + std::to_string(mean.size()) + " and " +
                    std::to_string(explained_variance.size()) + " variances");
  if (!std::isfinite(total_variance) || total_variance < 0) throw DataError("PCA: the total variance is not finite and non-negative");
  PCA pca(static_cast<int>(components.rows()));
  pca.mean_ = std::move(mean);
  pca.components_ = std::move(components);
  pca.explained_variance_ = std::move(explained_variance);
  pca.total_variance_ = total_variance;
  return pca;
}

}  // namespace digitlab
