#include "core/linear_model/newton_cg.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace digitlab {

namespace {
constexpr double kC1 = 1e-4;
}

void NewtonCgMinimizer::start(const Eigen::VectorXd& x0) {
  x_ = x0;
  trial_ = x0;
  g_.resize(0);
  iterations_ = gradient_passes_ = hessian_passes_ = 0;
  first_evaluation_ = true;
  status_ = NewtonCgStatus::Evaluate;
  request_ = NewtonCgRequest::Gradient;
}

std::string NewtonCgMinimizer::message() const {
  switch (status_) {
    case NewtonCgStatus::Evaluate: return "running";
    case NewtonCgStatus::Converged: return "converged";
    case NewtonCgStatus::MaxIter:
      return "newton-cg stopped at max_iter=" + std::to_string(settings_.max_iter) +
             " without converging: increase max_iter or scale the data";
    case NewtonCgStatus::LineSearchFailed:
      // scikit-learn warns "Line Search failed" and keeps the last iterate.
      return "newton-cg: Line Search failed (no step along the Newton direction lowered the loss in " +
             std::to_string(settings_.max_linesearch) + " tries; the model is the last accepted iterate)";
    case NewtonCgStatus::NotFinite: return "the loss is not finite at the starting point";
  }
  return "";
}

void NewtonCgMinimizer::begin_iteration() {
  const double sum_abs = g_.cwiseAbs().sum();
  cg_stop_ = std::min(0.5, std::sqrt(sum_abs)) * sum_abs;
  cg_x_.setZero(g_.size());
  cg_r_ = g_;
  cg_p_ = -g_;
  cg_rr_ = g_.squaredNorm();
  cg_steps_ = 0;
  request_ = NewtonCgRequest::HessianProduct;
}

NewtonCgStatus NewtonCgMinimizer::tell_hessian_product(const Eigen::VectorXd& hv) {
  if (status_ != NewtonCgStatus::Evaluate || request_ != NewtonCgRequest::HessianProduct) return status_;
  ++hessian_passes_;
  const double curvature = cg_p_.dot(hv);
  if (!std::isfinite(curvature) || (curvature >= 0.0 && curvature <= 3 * std::numeric_limits<double>::epsilon())) {
    end_cg();
    return status_;
  }
  if (curvature < 0.0) {
    // Negative curvature: keep the solution so far, or on the first step follow the
    // steepest descent direction scaled as scikit-learn does.
    if (cg_steps_ == 0) cg_x_ += cg_rr_ / curvature * cg_p_;
    end_cg();
    return status_;
  }
  const double alpha = cg_rr_ / curvature;
  cg_x_ += alpha * cg_p_;
  cg_r_ += alpha * hv;
  const double rr = cg_r_.squaredNorm();
  cg_p_ = -cg_r_ + (rr / cg_rr_) * cg_p_;
  cg_rr_ = rr;
  ++cg_steps_;
  if (cg_r_.cwiseAbs().sum() <= cg_stop_ || cg_steps_ > settings_.max_inner) end_cg();
  return status_;
}

void NewtonCgMinimizer::end_cg() {
  d_ = cg_x_;
  slope_ = g_.dot(d_);
  if (!(slope_ < 0.0)) {  // CG gave no descent direction (rounding): steepest descent
    d_ = -g_;
    slope_ = g_.dot(d_);
  }
  t_ = 1.0;
  line_evaluations_ = 0;
  trial_ = x_ + d_;
  request_ = NewtonCgRequest::Gradient;
}

void NewtonCgMinimizer::accept(double f, const Eigen::VectorXd& g) {
  const double f_old = f_;
  x_ = trial_;
  f_ = f;
  g_ = g;
  ++iterations_;
  if (g_.cwiseAbs().maxCoeff() <= settings_.tol ||
      (f_old - f_) <= settings_.ftol * std::max({std::abs(f_old), std::abs(f_), 1.0}))
    status_ = NewtonCgStatus::Converged;
  else if (iterations_ >= settings_.max_iter)
    status_ = NewtonCgStatus::MaxIter;
  else
    begin_iteration();
}

NewtonCgStatus NewtonCgMinimizer::tell_gradient(double f, const Eigen::VectorXd& g) {
  if (status_ != NewtonCgStatus::Evaluate || request_ != NewtonCgRequest::Gradient) return status_;
  ++gradient_passes_;
  if (first_evaluation_) {
    first_evaluation_ = false;
    if (!std::isfinite(f) || !g.allFinite()) return status_ = NewtonCgStatus::NotFinite;
    f_ = f;
    g_ = g;
    if (g_.cwiseAbs().maxCoeff() <= settings_.tol) return status_ = NewtonCgStatus::Converged;
    if (settings_.max_iter <= 0) return status_ = NewtonCgStatus::MaxIter;
    begin_iteration();
    return status_;
  }
  ++line_evaluations_;
  const bool finite = std::isfinite(f) && g.allFinite();
  if (finite && f <= f_ + kC1 * t_ * slope_) {
    accept(f, g);
    return status_;
  }
  if (line_evaluations_ >= settings_.max_linesearch) {
    trial_ = x_;
    return status_ = NewtonCgStatus::LineSearchFailed;
  }
  // The minimizer of the quadratic through f(0), f'(0) and f(t), kept in [0.1 t, 0.5 t].
  double next = 0.5 * t_;
  if (finite) {
    const double curvature = f - f_ - slope_ * t_;
    if (curvature > 0.0) next = -slope_ * t_ * t_ / (2.0 * curvature);
  }
  t_ = std::clamp(next, 0.1 * t_, 0.5 * t_);
  trial_ = x_ + t_ * d_;
  return status_;
}

}  // namespace digitlab
