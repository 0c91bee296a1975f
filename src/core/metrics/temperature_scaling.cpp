#include "core/metrics/temperature_scaling.hpp"

#include <cassert>
#include <cmath>

namespace digitlab {

namespace {

// At inverse temperature beta = 1 / T: the mean loss, and its first and second
// derivatives in beta. With p = softmax(beta z), the loss of one digit is
// logsumexp(beta z) - beta z_y, its derivative E_p[z] - z_y and its second derivative
// Var_p[z] >= 0: the loss is convex in beta, so the derivative has one root.
struct LossAt {
  double loss = 0, slope = 0, curvature = 0;
};

LossAt loss_at(const Eigen::MatrixXf& scores, const Labels& labels, double beta) {
  LossAt r;
  const Eigen::Index classes = scores.cols();
  for (Eigen::Index i = 0; i < scores.rows(); ++i) {
    const double top = beta * scores.row(i).maxCoeff();
    double total = 0, mean = 0, square = 0;
    for (Eigen::Index k = 0; k < classes; ++k) {
      const double z = scores(i, k);
      const double w = std::exp(beta * z - top);
      total += w;
      mean += w * z;
      square += w * z * z;
    }
    mean /= total;
    const double z_true = scores(i, labels[static_cast<std::size_t>(i)]);
    r.loss += top + std::log(total) - beta * z_true;
    r.slope += mean - z_true;
    r.curvature += std::max(0.0, square / total - mean * mean);
  }
  const double n = static_cast<double>(scores.rows());
  r.loss /= n;
  r.slope /= n;
  r.curvature /= n;
  return r;
}

}  // namespace

double temperature_log_loss(const Eigen::MatrixXf& scores, const Labels& labels, double temperature) {
  assert(temperature > 0 && static_cast<std::size_t>(scores.rows()) == labels.size());
  return loss_at(scores, labels, 1.0 / temperature).loss;
}

// Newton's method on beta = 1 / T, where the loss is convex (above), kept inside a
// bracket [lo, hi] on which the slope changes sign; a Newton step that leaves the bracket
// (or a flat curvature) is replaced by bisection, so every step shrinks the bracket or
// converges quadratically (Numerical Recipes' rtsafe).
TemperatureFit fit_temperature(const Eigen::MatrixXf& scores, const Labels& labels) {
  assert(scores.cols() >= 2 && scores.rows() >= 1 && "fit_temperature needs multinomial scores");
  assert(static_cast<std::size_t>(scores.rows()) == labels.size());
  TemperatureFit fit;
  fit.log_loss_before = loss_at(scores, labels, 1.0).loss;
  double lo = 1.0 / kMaxTemperature, hi = 1.0 / kMinTemperature;
  const LossAt at_lo = loss_at(scores, labels, lo), at_hi = loss_at(scores, labels, hi);
  double beta;
  if (at_lo.slope >= 0) {  // the loss only rises as beta grows: T at its largest
    beta = lo;
    fit.hit_bound = true;
  } else if (at_hi.slope <= 0) {  // it only falls: T at its smallest
    beta = hi;
    fit.hit_bound = true;
  } else {
    beta = 1.0;
    for (fit.iterations = 1; fit.iterations <= 100; ++fit.iterations) {
      const LossAt at = loss_at(scores, labels, beta);
      if (at.slope < 0) lo = beta;
      else hi = beta;
      double next = at.curvature > 0 ? beta - at.slope / at.curvature : lo - 1;
      if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
      const bool small = std::abs(next - beta) <= 1e-12 * beta || hi - lo <= 1e-12 * beta;
      beta = next;
      if (small || at.slope == 0) break;
    }
  }
  fit.temperature = 1.0 / beta;
  fit.log_loss_after = loss_at(scores, labels, beta).loss;
  return fit;
}

Eigen::MatrixXf softmax_with_temperature(const Eigen::MatrixXf& scores, double temperature) {
  assert(temperature > 0);
  Eigen::MatrixXf p(scores.rows(), scores.cols());
  for (Eigen::Index i = 0; i < scores.rows(); ++i) {
    const double top = scores.row(i).maxCoeff();
    double total = 0;
    for (Eigen::Index k = 0; k < scores.cols(); ++k) total += std::exp((scores(i, k) - top) / temperature);
    for (Eigen::Index k = 0; k < scores.cols(); ++k)
      p(i, k) = static_cast<float>(std::exp((scores(i, k) - top) / temperature) / total);
  }
  return p;
}

}  // namespace digitlab
