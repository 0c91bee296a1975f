// L-BFGS (Nocedal 1980; Liu and Nocedal 1989) driven by reverse communication: the
// minimizer never calls the objective. It names a point, the caller evaluates f and
// its gradient there (in one go, or block by block over several browser frames) and
// hands them back. Why our own and not LBFGS++: LBFGS++'s minimize() owns the loop
// until convergence, so a frame loop could neither slice a run nor stop it and keep
// the model so far.
//
//   LbfgsMinimizer lbfgs(settings);
//   lbfgs.start(x0);
//   while (lbfgs.status() == LbfgsStatus::Evaluate) {
//     double f = objective(lbfgs.point(), grad);
//     lbfgs.tell(f, grad);
//   }
//   lbfgs.best();   // the last accepted iterate, whatever the status
//
// The stopping rules follow scipy's L-BFGS-B as scikit-learn calls it: max |g_i| <=
// gtol, or a relative decrease of f below ftol, or max_iter iterations. The line
// search looks for a point meeting the strong Wolfe conditions (c1 = 1e-4, c2 = 0.9;
// Nocedal and Wright, Numerical Optimization, algorithms 3.5 and 3.6) with cubic
// interpolation, at most max_linesearch evaluations per iteration.
#pragma once

#include <Eigen/Dense>
#include <deque>
#include <string>

namespace digitlab {

struct LbfgsSettings {
  int memory = 10;             // correction pairs kept (scipy's maxcor; see lbfgs_memory)
  int max_iter = 100;
  double gtol = 1e-4;          // on the largest gradient component
  double ftol = 2.220446049250313e-09;  // scipy's default factr * eps
  int max_linesearch = 20;
};

// The correction pairs a problem of `parameters` unknowns keeps: 20 while they take at
// most 64 MB (2 x 20 vectors of doubles: up to 209,715 parameters), else scipy's 10. The
// bound is per problem: one-vs-rest keeps one L-BFGS per class.
// Twice scipy's pairs reach the same optimum in fewer passes over the data. Measured
// natively on the 60,000 training digits to scikit-learn's rule (max |gradient| <= 1e-4):
// MinMax + PCA 30 + degree 2 1,010 passes with 10 pairs, 876 with 20 (857 and 822 with 30
// and 50, each ending on a failed line search); PCA 50 + degree 2 723, 591, 546 and 533;
// 97.56% and 98.16-98.17% on the test digits every time. Each iteration's two-loop (two
// dot products and two axpys a pair) costs 8 x pairs x parameters flops, under 0.1% of a
// pass here.
int lbfgs_memory(Eigen::Index parameters);

enum class LbfgsStatus { Evaluate, Converged, MaxIter, LineSearchFailed, NotFinite };

// The inverse Hessian each iteration's two-loop recursion starts from, H0 = gamma T T^T
// (gamma = s.y / y.T T^T y from the newest pair, as the plain scalar gamma), where T is
// the change of variables that centres and standardizes every feature: for each output
// k, w_k = u_k / sigma and b_k = b'_k - u_k . (mu / sigma). So L-BFGS steps as if the
// features had mean 0 and spread 1, while the objective, its penalty and its optimum stay
// the original ones (nothing is rescaled but the search direction). Why: the degree-2
// products of PCA scores spread over two orders of magnitude and all have positive means,
// which the scalar gamma cannot absorb. Measured natively (README, "L-BFGS by the
// features' spreads"): MinMax + PCA 30 + degree 2 on the 60,000 digits to scikit-learn's
// rule in 407 passes instead of 927; on 58,000 (three validation slices, before the
// penalty was counted) stopped by the settled rule after 175-243 passes instead of
// 237-443; the same test accuracy. Dividing by the spread alone (no centring) took 569
// and 197; the full covariance in place of the spreads was no better than them. Where the
// penalty outweighs a feature's spread (lbfgs_scaling, feature_spread.hpp), the spread used
// is larger than the feature's own.
// Parameters are laid out as the objective's theta: outputs columns of d weights, then
// the outputs intercepts.
struct LbfgsScaling {
  Eigen::VectorXd inv_sigma;  // 1 / sigma_j, per feature (the spread used, as above)
  Eigen::VectorXd shift;      // mu_j / sigma_j
  int outputs = 0;
  bool empty() const { return outputs == 0 || inv_sigma.size() == 0; }
  void apply(Eigen::VectorXd& q) const;  // q <- T T^T q
};

class LbfgsMinimizer {
 public:
  explicit LbfgsMinimizer(LbfgsSettings settings = {}) : settings_(settings) {}

  void start(const Eigen::VectorXd& x0);
  // Before start(); an empty scaling (the default) is scipy's scalar gamma.
  void set_scaling(LbfgsScaling scaling) { scaling_ = std::move(scaling); }
  // f and gradient at point(); returns the new status.
  LbfgsStatus tell(double f, const Eigen::VectorXd& gradient);

  LbfgsStatus status() const { return status_; }
  const Eigen::VectorXd& point() const { return trial_; }   // where to evaluate next
  const Eigen::VectorXd& best() const { return x_; }        // last accepted iterate
  double best_value() const { return f_; }
  double gradient_max() const { return g_.size() ? g_.cwiseAbs().maxCoeff() : 0.0; }
  int iterations() const { return iterations_; }
  int evaluations() const { return evaluations_; }
  std::string message() const;

 private:
  void begin_line_search();
  void accept(double f, const Eigen::VectorXd& g);
  void next_trial(double step);
  LbfgsStatus give_up();
  Eigen::VectorXd direction() const;  // -H g by the two-loop recursion

  LbfgsSettings settings_;
  LbfgsScaling scaling_;
  LbfgsStatus status_ = LbfgsStatus::Evaluate;
  bool first_evaluation_ = true;
  int iterations_ = 0, evaluations_ = 0, line_evaluations_ = 0;

  Eigen::VectorXd x_, g_, trial_, d_;
  double f_ = 0.0;
  std::deque<Eigen::VectorXd> s_, y_;
  std::deque<double> rho_;

  // Line search state along x_ + t d_: phi(t) = f, dphi(t) = g . d.
  double phi0_ = 0, dphi0_ = 0;
  double t_ = 0, t_prev_ = 0, phi_prev_ = 0, dphi_prev_ = 0;
  bool zooming_ = false;
  double t_lo_ = 0, phi_lo_ = 0, dphi_lo_ = 0, t_hi_ = 0, phi_hi_ = 0, dphi_hi_ = 0;
  Eigen::VectorXd g_lo_;
};

}  // namespace digitlab
