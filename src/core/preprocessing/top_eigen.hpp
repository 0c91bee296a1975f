// The k largest eigenpairs of a symmetric positive semi-definite matrix, a unit of work
// per step() so a browser frame loop can spread it.
//
//   TopEigenSolver solver(covariance, 30);
//   while (!solver.done()) solver.step(0.010);  // a budget per frame; each unit is a few MFLOP
//   solver.eigenvalues();                // 30, largest first
//   solver.eigenvectors();               // d x 30, orthonormal columns
//
// Subspace iteration with Rayleigh-Ritz (Saad, Numerical Methods for Large Eigenvalue
// Problems, 2011, ch. 5) on m = k + max(10, k/2) vectors, each iteration's basis filtered
// by a Chebyshev polynomial of degree kFilterDegree (ch. 7.4; Zhou and Saad's ChFSI):
// the polynomial is small on [0, c], c the smallest Ritz value, the part of the spectrum
// not wanted, and grows fast above it, so each product with the matrix sharpens the
// wanted directions more than a plain power step does. Measured on the MNIST covariance
// (58,000 digits, k = 30, residuals to 1e-9): 16 products and 6 Rayleigh-Ritz steps
// instead of 27 of each. A product is one d x d x m multiplication, done
// kColumnsPerStep columns per step(); a d^3 dense decomposition instead would hold a
// browser frame for a second in wasm (d = 784). When k is a large share of d, the dense
// decomposition is cheaper and is used, in a single step.
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
  // Products per Rayleigh-Ritz step. On the MNIST covariance at k = 30 (in wasm a product
  // takes 6.8 ms, a Rayleigh-Ritz step with its QR 3.7): degree 2, 17 products and 9
  // steps; 3, 16 and 6; 4, 17 and 5; 8, 25 and 4. Below 2 the solver takes plain steps
  // (27 and 27); a step by T_1 alone, shifted, took 19 and 19.
  static constexpr int kFilterDegree = 3;

  // Works for about budget_seconds (at least one unit: kColumnsPerStep columns of a
  // product, the last of a filter product's with the filter's next term and, at its end,
  // the QR; or a Rayleigh-Ritz step); returns progress(). A unit is not started when the
  // last one says it would end past the budget.
  double step(double budget_seconds);
  bool done() const { return done_; }
  // 1 once done; before, the share of max_iterations used (convergence usually comes first).
  double progress() const;
  int iterations() const { return iterations_; }  // Rayleigh-Ritz steps
  int products() const { return products_; }       // d x d x m multiplications
  const Eigen::VectorXd& eigenvalues() const { return values_; }   // k, descending
  const Eigen::MatrixXd& eigenvectors() const { return vectors_; }  // d x k

 private:
  void dense();
  void step_once();
  // kColumnsPerStep columns of product_ = A * filtered_ (A V for Rayleigh-Ritz, or for
  // the filter's next term); true once the whole product is in.
  bool product_unit();
  void rayleigh_ritz();

  Eigen::MatrixXd matrix_;
  int k_;
  double tolerance_;
  int max_iterations_;
  int iterations_ = 0;
  int products_ = 0;
  bool done_ = false;
  Eigen::MatrixXd basis_;     // V, d x m, orthonormal
  Eigen::MatrixXd product_;   // A times filtered_, filled kColumnsPerStep columns per step
  Eigen::Index product_columns_ = 0;
  // The filter's recurrence T_{j+1}(L) = 2 L T_j(L) - T_{j-1}(L) on L = (2 / c) A - I:
  // filtered_ is T_j(L) V, before_ T_{j-1}(L) V; degree_ is j, 0 while A V is being made
  // for Rayleigh-Ritz.
  Eigen::MatrixXd filtered_, before_;
  int degree_ = 0;
  double cut_ = 0.0;          // c
  Eigen::VectorXd values_;
  Eigen::MatrixXd vectors_;
};

// The filter's terms on L = (2 / c) A - I, each from a product with A (the solver's own
// steps; free functions so a test can hold them against the polynomial):
//   T_1 V = (2 / c) (A V) - V,   T_{j+1} V = 2 ((2 / c) (A T_j V) - T_j V) - T_{j-1} V.
Eigen::MatrixXd chebyshev_first(const Eigen::MatrixXd& a_v, const Eigen::MatrixXd& v, double c);
Eigen::MatrixXd chebyshev_next(const Eigen::MatrixXd& a_t, const Eigen::MatrixXd& t, const Eigen::MatrixXd& before, double c);

}  // namespace digitlab
