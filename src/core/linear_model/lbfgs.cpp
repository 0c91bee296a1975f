#include "core/linear_model/lbfgs.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>
#include <vector>

namespace digitlab {

int lbfgs_memory(Eigen::Index parameters) {
  constexpr double kMostBytes = 64.0 * (1 << 20);
  return 2.0 * 20 * 8 * static_cast<double>(parameters) <= kMostBytes ? 20 : 10;
}

namespace {

constexpr double kC1 = 1e-4;
constexpr double kC2 = 0.9;

// Minimizer of the cubic through (a, fa, da) and (b, fb, db), kept inside the middle
// 80% of [a, b] (Nocedal and Wright eq. 3.59); bisection when the cubic fails.
double cubic_step(double a, double fa, double da, double b, double fb, double db) {
  const double lo = std::min(a, b), hi = std::max(a, b);
  const double margin = 0.1 * (hi - lo);
  const double d1 = da + db - 3.0 * (fa - fb) / (a - b);
  const double disc = d1 * d1 - da * db;
  double t = 0.5 * (a + b);
  if (disc >= 0.0 && std::isfinite(disc)) {
    const double d2 = std::copysign(std::sqrt(disc), b - a);
    const double denom = db - da + 2.0 * d2;
    if (denom != 0.0) {
      const double candidate = b - (b - a) * (db + d2 - d1) / denom;
      if (std::isfinite(candidate)) t = candidate;
    }
  }
  return std::clamp(t, lo + margin, hi - margin);
}

}  // namespace

void LbfgsScaling::apply(Eigen::VectorXd& q) const {
  const Eigen::Index d = inv_sigma.size();
  assert(shift.size() == d && q.size() == outputs * (d + 1) && "LbfgsScaling: a weight per feature and output, then a bias each");
  for (int k = 0; k < outputs; ++k) {
    auto w = q.segment(k * d, d);
    double& b = q(outputs * d + k);
    // T^T q: w / sigma - shift * b, and b as it is; then T of that.
    w = w.cwiseProduct(inv_sigma) - shift * b;
    b -= shift.dot(w);
    w = w.cwiseProduct(inv_sigma);
  }
}

void LbfgsMinimizer::start(const Eigen::VectorXd& x0) {
  x_ = x0;
  trial_ = x0;
  g_.resize(0);
  s_.clear();
  y_.clear();
  rho_.clear();
  iterations_ = evaluations_ = 0;
  first_evaluation_ = true;
  status_ = LbfgsStatus::Evaluate;
}

std::string LbfgsMinimizer::message() const {
  switch (status_) {
    case LbfgsStatus::Evaluate: return "running";
    case LbfgsStatus::Converged: return "converged";
    case LbfgsStatus::MaxIter:
      return "stopped at max_iter=" + std::to_string(settings_.max_iter) +
             " without converging: increase max_iter or scale the data";
    case LbfgsStatus::LineSearchFailed:
      // scipy's L-BFGS-B says ABNORMAL_TERMINATION_IN_LNSRCH here, and scikit-learn
      // turns it into a ConvergenceWarning: not convergence, whatever the loss looks like.
      return "lbfgs failed to converge: ABNORMAL_TERMINATION_IN_LNSRCH (the line search found no step that "
             "lowers the loss in " + std::to_string(settings_.max_linesearch) +
             " tries; the model is the last accepted iterate)";
    case LbfgsStatus::NotFinite: return "the loss is not finite at the starting point";
  }
  return "";
}

Eigen::VectorXd LbfgsMinimizer::direction() const {
  Eigen::VectorXd q = -g_;
  const int m = static_cast<int>(s_.size());
  std::vector<double> a(static_cast<std::size_t>(m));
  for (int i = m - 1; i >= 0; --i) {
    a[static_cast<std::size_t>(i)] = rho_[static_cast<std::size_t>(i)] * s_[static_cast<std::size_t>(i)].dot(q);
    q -= a[static_cast<std::size_t>(i)] * y_[static_cast<std::size_t>(i)];
  }
  if (scaling_.empty()) {
    if (m > 0) q *= s_.back().dot(y_.back()) / y_.back().squaredNorm();
  } else {
    scaling_.apply(q);
    if (m > 0) {
      Eigen::VectorXd hy = y_.back();
      scaling_.apply(hy);
      q *= s_.back().dot(y_.back()) / y_.back().dot(hy);
    }
  }
  for (int i = 0; i < m; ++i) {
    const double b = rho_[static_cast<std::size_t>(i)] * y_[static_cast<std::size_t>(i)].dot(q);
    q += (a[static_cast<std::size_t>(i)] - b) * s_[static_cast<std::size_t>(i)];
  }
  return q;
}

void LbfgsMinimizer::next_trial(double step) {
  t_ = step;
  trial_ = x_ + t_ * d_;
}

void LbfgsMinimizer::begin_line_search() {
  d_ = direction();
  dphi0_ = g_.dot(d_);
  if (!(dphi0_ < 0.0)) {  // not a descent direction: restart from steepest descent
    s_.clear();
    y_.clear();
    rho_.clear();
    d_ = -g_;
    dphi0_ = g_.dot(d_);
  }
  phi0_ = f_;
  zooming_ = false;
  line_evaluations_ = 0;
  t_prev_ = 0.0;
  phi_prev_ = phi0_;
  dphi_prev_ = dphi0_;
  t_lo_ = 0.0;
  phi_lo_ = phi0_;
  // First iteration: a step of unit length, as L-BFGS-B takes; then the natural step 1.
  next_trial(s_.empty() && iterations_ == 0 ? 1.0 / std::max(1e-12, d_.norm()) : 1.0);
}

void LbfgsMinimizer::accept(double f, const Eigen::VectorXd& g) {
  Eigen::VectorXd s = trial_ - x_;
  Eigen::VectorXd y = g - g_;
  const double sy = s.dot(y);
  if (sy > std::numeric_limits<double>::epsilon() * y.squaredNorm()) {
    s_.push_back(std::move(s));
    y_.push_back(std::move(y));
    rho_.push_back(1.0 / sy);
    if (static_cast<int>(s_.size()) > settings_.memory) {
      s_.pop_front();
      y_.pop_front();
      rho_.pop_front();
    }
  }
  const double f_old = f_;
  x_ = trial_;
  f_ = f;
  g_ = g;
  ++iterations_;
  if (g_.cwiseAbs().maxCoeff() <= settings_.gtol ||
      (f_old - f_) <= settings_.ftol * std::max({std::abs(f_old), std::abs(f_), 1.0})) {
    status_ = LbfgsStatus::Converged;
  } else if (iterations_ >= settings_.max_iter) {
    status_ = LbfgsStatus::MaxIter;
  } else {
    begin_line_search();
  }
}

LbfgsStatus LbfgsMinimizer::tell(double f, const Eigen::VectorXd& g) {
  if (status_ != LbfgsStatus::Evaluate) return status_;
  ++evaluations_;
  if (first_evaluation_) {
    first_evaluation_ = false;
    if (!std::isfinite(f) || !g.allFinite()) return status_ = LbfgsStatus::NotFinite;
    f_ = f;
    g_ = g;
    if (g_.cwiseAbs().maxCoeff() <= settings_.gtol) return status_ = LbfgsStatus::Converged;
    if (settings_.max_iter <= 0) return status_ = LbfgsStatus::MaxIter;
    begin_line_search();
    return status_;
  }

  ++line_evaluations_;
  const bool finite = std::isfinite(f) && g.allFinite();
  const double phi = finite ? f : std::numeric_limits<double>::infinity();
  const double dphi = finite ? g.dot(d_) : 0.0;
  const bool armijo = phi <= phi0_ + kC1 * t_ * dphi0_;
  const bool curvature = std::abs(dphi) <= -kC2 * dphi0_;

  if (!zooming_) {
    if (!armijo || (line_evaluations_ > 1 && phi >= phi_prev_)) {
      zooming_ = true;
      t_lo_ = t_prev_; phi_lo_ = phi_prev_; dphi_lo_ = dphi_prev_;
      t_hi_ = t_; phi_hi_ = phi; dphi_hi_ = dphi;
      g_lo_ = t_prev_ == 0.0 ? g_ : g_lo_;
    } else if (curvature) {
      accept(f, g);
      return status_;
    } else if (dphi >= 0.0) {
      zooming_ = true;
      t_lo_ = t_; phi_lo_ = phi; dphi_lo_ = dphi; g_lo_ = g;
      t_hi_ = t_prev_; phi_hi_ = phi_prev_; dphi_hi_ = dphi_prev_;
    } else {
      // Still going down steeply: extrapolate.
      t_prev_ = t_; phi_prev_ = phi; dphi_prev_ = dphi;
      t_lo_ = t_; phi_lo_ = phi; dphi_lo_ = dphi; g_lo_ = g;
      if (line_evaluations_ >= settings_.max_linesearch) return give_up();
      next_trial(std::min(4.0 * t_, t_ + 1e3 * t_));
      return status_;
    }
  } else {
    if (!armijo || phi >= phi_lo_) {
      t_hi_ = t_; phi_hi_ = phi; dphi_hi_ = dphi;
    } else {
      if (curvature) {
        accept(f, g);
        return status_;
      }
      if (dphi * (t_hi_ - t_lo_) >= 0.0) {
        t_hi_ = t_lo_; phi_hi_ = phi_lo_; dphi_hi_ = dphi_lo_;
      }
      t_lo_ = t_; phi_lo_ = phi; dphi_lo_ = dphi; g_lo_ = g;
    }
  }
  if (line_evaluations_ >= settings_.max_linesearch) return give_up();
  const bool hi_finite = std::isfinite(phi_hi_);
  next_trial(hi_finite ? cubic_step(t_lo_, phi_lo_, dphi_lo_, t_hi_, phi_hi_, dphi_hi_)
                       : t_lo_ + 0.1 * (t_hi_ - t_lo_));
  return status_;
}

LbfgsStatus LbfgsMinimizer::give_up() {
  // Take the best decrease seen, if any: a step that lowers f is still progress.
  if (t_lo_ > 0.0 && phi_lo_ < phi0_) {
    next_trial(t_lo_);
    accept(phi_lo_, g_lo_);
    return status_;
  }
  trial_ = x_;
  return status_ = LbfgsStatus::LineSearchFailed;
}

}  // namespace digitlab
