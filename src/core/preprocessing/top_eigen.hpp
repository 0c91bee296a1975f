// The k largest eigenpairs of a symmetric positive semi-definite matrix, one
// iteration per step() so a browser frame loop can spread the work.
//
//   TopEigenSolver solver(covariance, 30);
//   while (!solver.done()) solver.step(0.010);  // a budget per frame; each unit is a few MFLOP
//   solver.eigenvalues();                // 30, largest first
//   solver.eigenvectors();               // d x 30, orthonormal columns
//
// Subspace iteration with Rayleigh-Ritz (Saad, Numerical Methods for Large Eigenvalue
// Problems, 2011, ch. 5) on m = k + max(10, k/2) vectors. An iteration is one d x d x m
// product, done kColumnsPerStep columns per step(), then a Rayleigh-Ritz step; a
// d^3 dense decomposition instead would hold a browser frame for a second in wasm
// (d = 784). When k is a large share of d, the dense decomposition is cheaper and is
// used, in a single step.
#pragma once

#include <Eigen/Dense>

namespace digitlab {

class TopEigenSolver {
 public:
  TopEigenSolver(Eigen::MatrixXd symmetric, int k, double tolerance = 1e-9, int max_iterations = 2000);

  // A unit of 16 columns is 20 MFLOP at d = 784, about 3 ms in wasm. Narrower units
  // stream the whole matrix for less work each: measured in wasm (node) at m = 75, the
  // product took 26.7 ms an iteration in units of 4 columns, 14.0 in units of 16, 10.8
  // in one piece; PCA 50's eigenvectors went from 0.83 s to 0.53-0.55 s.
  static constexpr int kColumnsPerStep = 16;

  // Works for about budget_seconds (at least one unit: kColumnsPerStep columns of the
  // product, or a Rayleigh-Ritz step); returns progress(). A unit is not started when
  // the last one says it would end past the budget.
  double step(double budget_seconds);
  bool done() const { return done_; }
  // 1 once done; before, the share of max_iterations used (convergence usually comes first).
  double progress() const;
  int iterations() const { return iterations_; }
  const Eigen::VectorXd& eigenvalues() const { return values_; }   // k, descending
  const Eigen::MatrixXd& eigenvectors() const { return vectors_; }  // d x k

 private:
  void dense();
  void step_once();

  Eigen::MatrixXd matrix_;
  int k_;
  double tolerance_;
  int max_iterations_;
  int iterations_ = 0;
  bool done_ = false;
  Eigen::MatrixXd basis_;  // d x m, orthonormal
  Eigen::MatrixXd product_;  // A * basis_, filled kColumnsPerStep columns per step
  Eigen::Index product_columns_ = 0;
  Eigen::VectorXd values_;
  Eigen::MatrixXd vectors_;
};

}  // namespace digitlab
