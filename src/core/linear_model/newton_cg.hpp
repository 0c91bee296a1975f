// Truncated Newton (Newton-CG; Nocedal and Wright, Numerical Optimization, algorithm
// 7.1) driven by reverse communication like LbfgsMinimizer: it never calls the
// objective. It asks for one of two passes over the data, and the caller runs it (in
// one go, or block by block over several browser frames) and hands the result back:
//
//   - Gradient: f and its gradient at point();
//   - HessianProduct: H v for v = hessian_vector(), H the Hessian at best() (the point
//     of the last accepted gradient pass, whose probabilities the objective keeps).
//
//   NewtonCgMinimizer newton(settings);
//   newton.start(x0);
//   while (newton.status() == NewtonCgStatus::Evaluate) {
//     if (newton.request() == NewtonCgRequest::Gradient)
//       newton.tell_gradient(objective.evaluate(newton.point(), grad), grad);
//     else
//       newton.tell_hessian_product(objective.hessian_product(newton.hessian_vector(), hv), hv);
//   }
//
// It follows scikit-learn 1.2's _newton_cg (sklearn/utils/optimize.py): each Newton
// iteration solves H p = -g by conjugate gradients from p = 0, stopped when the sum of
// |residual| falls to min(0.5, sqrt(sum |g|)) * sum |g| (a forcing sequence: loose far
// from the optimum, tight near it), at max_inner CG steps, or at a direction of
// non-positive curvature; then a line search from the full Newton step. It stops when
// max |g_i| <= tol (scikit-learn's rule, as for lbfgs) or after max_iter iterations; or,
// as our L-BFGS does (scipy's factr), when an iteration lowers f by less than ftol
// relative. scikit-learn's newton-cg has no such rule (its loss runs in float64); ours
// sums float32 products, whose rounding in f (about 1e-7 relative per row) hides the
// last decreases from the line search: on small problems the gradient then stalls near
// 1e-3 and every iteration would cost up to 20 passes for nothing.
// The line search here backtracks on the Armijo condition (c1 = 1e-4) with quadratic
// interpolation: Newton's unit step is nearly always taken, and each trial costs a pass.
#pragma once

#include <Eigen/Dense>
#include <string>

namespace digitlab {

struct NewtonCgSettings {
  int max_iter = 100;      // Newton iterations
  double tol = 1e-4;       // on the largest gradient component
  int max_inner = 200;     // CG steps per iteration (scikit-learn's maxinner)
  int max_linesearch = 20;
  double ftol = 2.220446049250313e-09;  // as LbfgsSettings::ftol
};

enum class NewtonCgStatus { Evaluate, Converged, MaxIter, LineSearchFailed, NotFinite };
enum class NewtonCgRequest { Gradient, HessianProduct };

class NewtonCgMinimizer {
 public:
  explicit NewtonCgMinimizer(NewtonCgSettings settings = {}) : settings_(settings) {}

  void start(const Eigen::VectorXd& x0);
  NewtonCgStatus tell_gradient(double f, const Eigen::VectorXd& gradient);
  NewtonCgStatus tell_hessian_product(const Eigen::VectorXd& hv);

  NewtonCgStatus status() const { return status_; }
  NewtonCgRequest request() const { return request_; }
  const Eigen::VectorXd& point() const { return trial_; }           // for a Gradient pass
  const Eigen::VectorXd& hessian_vector() const { return cg_p_; }   // for a HessianProduct pass
  const Eigen::VectorXd& best() const { return x_; }                // last accepted iterate
  double best_value() const { return f_; }
  double gradient_max() const { return g_.size() ? g_.cwiseAbs().maxCoeff() : 0.0; }
  int iterations() const { return iterations_; }
  int gradient_passes() const { return gradient_passes_; }
  int hessian_passes() const { return hessian_passes_; }
  int passes() const { return gradient_passes_ + hessian_passes_; }
  std::string message() const;

 private:
  void begin_iteration();  // CG from p = 0 on H p = -g
  void end_cg();           // then the line search along the CG solution
  void accept(double f, const Eigen::VectorXd& g);

  NewtonCgSettings settings_;
  NewtonCgStatus status_ = NewtonCgStatus::Evaluate;
  NewtonCgRequest request_ = NewtonCgRequest::Gradient;
  bool first_evaluation_ = true;
  int iterations_ = 0, gradient_passes_ = 0, hessian_passes_ = 0;

  Eigen::VectorXd x_, g_, trial_;
  double f_ = 0.0;
  // CG state: solution so far, residual r = H xsup + g, direction p, r.r, its stop.
  Eigen::VectorXd cg_x_, cg_r_, cg_p_;
  double cg_rr_ = 0.0, cg_stop_ = 0.0;
  int cg_steps_ = 0;
  // Line search along d_ from x_: step t_, slope g.d at 0.
  Eigen::VectorXd d_;
  double t_ = 1.0, slope_ = 0.0;
  int line_evaluations_ = 0;
};

}  // namespace digitlab
