// Principal component analysis by the eigen-decomposition of the covariance matrix.
//
//   PCA pca(30);
//   Matrix Z = pca.fit(X).transform(X);          // n x 30
//   Matrix R = pca.inverse_transform(Z);         // reconstructions, n x 784
//   pca.explained_variance_ratio();              // 30 shares of the total variance
//
// Why covariance + eigensolver, not an SVD of X: the covariance is a sum over samples,
// so it can be built in row blocks (fit_partial) that a browser frame loop advances a
// slice at a time, and its cost after that is independent of n (784 x 784 here).
#pragma once

#include "types.hpp"

namespace digitlab {

class PCA {
 public:
  explicit PCA(int n_components = 0) : n_components_(n_components) {}

  PCA& fit(const Matrix& X);
  // Blockwise fit: begin, feed row blocks (in any number of calls), finish.
  void begin_fit(int n_features);
  void fit_partial(const Eigen::Ref<const Matrix>& rows);
  PCA& finish_fit();

  Matrix transform(const Matrix& X) const;
  Matrix inverse_transform(const Matrix& Z) const;
  bool fitted() const { return components_.rows() > 0; }

  int n_components() const { return n_components_; }
  const Eigen::VectorXf& mean() const { return mean_; }
  const Matrix& components() const { return components_; }  // k x d, orthonormal rows
  const Eigen::VectorXd& explained_variance() const { return explained_variance_; }
  Eigen::VectorXd explained_variance_ratio() const;
  // All d eigenvalues' shares, largest first (the whole explained-variance curve).
  const Eigen::VectorXd& full_variance_ratio() const { return full_variance_ratio_; }
  void set_state(Eigen::VectorXf mean, Matrix components, Eigen::VectorXd explained_variance,
                 double total_variance);
  double total_variance() const { return total_variance_; }

 private:
  int n_components_;
  long long seen_ = 0;
  Eigen::VectorXd sum_;
  Eigen::MatrixXd cross_;  // sum of x x^T
  Eigen::VectorXf mean_;
  Matrix components_;
  Eigen::VectorXd explained_variance_, full_variance_ratio_;
  double total_variance_ = 0.0;
};

}  // namespace digitlab
