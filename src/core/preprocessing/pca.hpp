// Principal component analysis from the covariance matrix.
//
//   PCA pca(30);
//   Matrix Z = pca.fit(X).transform(X);          // n x 30
//   Matrix R = pca.inverse_transform(Z);         // reconstructions, n x 784
//   pca.explained_variance_ratio();              // 30 shares of the total variance
//
// Why covariance, not an SVD of X: the covariance is a sum over samples, built in row
// blocks (fit_partial) that a browser frame loop can advance a slice at a time; after
// it the cost no longer depends on n. Its top eigenvectors come from TopEigenSolver,
// also a step at a time:
//   pca.begin_fit(784);  pca.fit_partial(block) ...;  pca.begin_decomposition();
//   while (pca.decomposing()) pca.step_decomposition(0.010);
//
// From 8-bit pixels, the covariance of the scaled rows a * x + b (a scaler's transform,
// per column) is sum over the raw pixels, exact in integers (pixel_cross_products.hpp),
// scaled by a_i a_j at the end; the offsets b do not change a covariance:
//   pca.begin_fit_pixels(784, a, b);  pca.fit_partial_pixels(pixel_block) ...;
#pragma once

#include <memory>

#include "core/kernels/pixel_cross_products.hpp"
#include "core/preprocessing/top_eigen.hpp"
#include "core/common/types.hpp"

namespace digitlab {

// The raw sums a pixel-mode fit takes from rows of 8-bit pixels: their count, each
// column's sum and the lower triangle of the sum of x x^T, all exact integers (in
// doubles: 255^2 * 2^37 rows before one would round).
struct PixelSums {
  long long rows = 0;
  Eigen::VectorXd sum;
  Eigen::MatrixXd lower;  // d x d, the lower triangle used (the rest 0)
};
PixelSums pixel_sums(const Eigen::Ref<const PixelMatrix>& rows);

class PCA {
 public:
  explicit PCA(int n_components = 0) : n_components_(n_components) {}
  PCA(const PCA& other);
  PCA& operator=(const PCA& other);
  PCA(PCA&&) noexcept = default;
  PCA& operator=(PCA&&) noexcept = default;
  ~PCA();

  PCA& fit(const Matrix& X);
  // Blockwise fit: begin, feed row blocks, then decompose a step at a time.
  void begin_fit(int n_features);
  void fit_partial(const Eigen::Ref<const Matrix>& rows);
  // The same fit of the rows scale * x + offset, fed raw 8-bit rows x.
  void begin_fit_pixels(int n_features, Eigen::VectorXd scale, Eigen::VectorXd offset);
  void fit_partial_pixels(const Eigen::Ref<const PixelMatrix>& rows);
  // Rows summed elsewhere (another worker: pixel_sums() below), added to this fit's sums.
  // Integer sums, so the order rows are added in does not change a bit of the result.
  // Throws DataError unless the sums are of as many columns and at least one row.
  void add_pixel_sums(const PixelSums& other);
  // This fit's raw sums so far (pixel mode), handed over; the PCA is left empty.
  PixelSums take_pixel_sums();
  void begin_decomposition();
  // Works on the eigenvectors for about budget_seconds; returns progress 0..1 (1 once fitted).
  double step_decomposition(double budget_seconds);
  bool decomposing() const { return solver_ != nullptr; }
  PCA& finish_fit();          // begin_decomposition + every step

  Matrix transform(const Matrix& X) const;
  Matrix inverse_transform(const Matrix& Z) const;
  bool fitted() const { return components_.rows() > 0; }

  int n_components() const { return n_components_; }
  const Eigen::VectorXf& mean() const { return mean_; }
  const Matrix& components() const { return components_; }  // k x d, orthonormal rows
  const Eigen::VectorXd& explained_variance() const { return explained_variance_; }
  Eigen::VectorXd explained_variance_ratio() const;
  double total_variance() const { return total_variance_; }  // trace of the covariance
  // A fitted PCA from its learned values (a model file). Throws DataError unless there
  // is at least one component, each as long as the mean, with one variance each, and a
  // finite non-negative total.
  static PCA from_fitted(Eigen::VectorXf mean, Matrix components, Eigen::VectorXd explained_variance,
                         double total_variance);

 private:
  int n_components_;
  long long seen_ = 0;
  Eigen::VectorXd sum_;
  Eigen::MatrixXd cross_;  // lower triangle of the sum of x x^T
  Eigen::MatrixXf partial_cross_;  // the same over the last few blocks, in float
  long long partial_rows_ = 0;
  // Pixel mode: cross_ and sum_ hold the raw pixels' sums, these map them to scaled rows.
  IntLower pixel_cross_;  // the last few blocks' exact sums
  Eigen::VectorXd pixel_scale_, pixel_offset_;
  std::unique_ptr<TopEigenSolver> solver_;

  void flush_cross();
  Eigen::VectorXf mean_;
  Matrix components_;
  Eigen::VectorXd explained_variance_;
  double total_variance_ = 0.0;
};

}  // namespace digitlab
