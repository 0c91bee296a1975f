#include "core/metrics/platt_scaling.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace digitlab {

namespace {

// log(1 + e^u) without overflow.
double softplus(double u) { return u > 0 ? u + std::log1p(std::exp(-u)) : std::log1p(std::exp(u)); }

// The smoothed-target log-loss, summed over the digits, with p = sigmoid(a z + b):
// -(t log p + (1 - t) log(1 - p)) = softplus(u) - t u, for u = a z + b.
double smoothed_loss(const Eigen::VectorXf& z, const std::vector<double>& t, double a, double b) {
  double loss = 0;
  for (Eigen::Index i = 0; i < z.size(); ++i) {
    const double u = a * z(i) + b;
    loss += softplus(u) - t[static_cast<std::size_t>(i)] * u;
  }
  return loss;
}

}  // namespace

double platt_probability(const PlattFit& fit, double score) {
  const double u = fit.a * score + fit.b;
  return u >= 0 ? 1.0 / (1.0 + std::exp(-u)) : std::exp(u) / (1.0 + std::exp(u));
}

PlattFit fit_platt(const Eigen::VectorXf& z, const std::vector<char>& positive) {
  assert(z.size() >= 1 && static_cast<std::size_t>(z.size()) == positive.size());
  PlattFit fit;
  for (char p : positive) (p ? fit.positives : fit.negatives) += 1;
  const double hi = (fit.positives + 1.0) / (fit.positives + 2.0), lo = 1.0 / (fit.negatives + 2.0);
  std::vector<double> t(positive.size());
  for (std::size_t i = 0; i < t.size(); ++i) t[i] = positive[i] ? hi : lo;

  // Lin, Lin & Weng's start (a = 0: every digit at the smoothed prior) and constants.
  const double min_step = 1e-10, sigma = 1e-12, n = static_cast<double>(z.size());
  // Newton goes on until the gradient is tiny or no step lowers the loss in double (near
  // the minimum the loss changes by about gradient^2, below its rounding); either way the
  // fit has converged when the gradient is small next to the number of digits.
  const double tolerance = 1e-12 * n, converged_below = 1e-6 * n;
  double gradient = 0;
  double a = 0.0, b = std::log((fit.positives + 1.0) / (fit.negatives + 1.0));
  double loss = smoothed_loss(z, t, a, b);
  for (fit.iterations = 0; fit.iterations < 100; ++fit.iterations) {
    // Gradient and Hessian of the summed loss in (a, b): d loss / du = p - t, d2 = p (1 - p).
    double ga = 0, gb = 0, haa = sigma, hab = 0, hbb = sigma;
    for (Eigen::Index i = 0; i < z.size(); ++i) {
      const double p = platt_probability({a, b}, z(i)), d = p - t[static_cast<std::size_t>(i)];
      const double w = p * (1 - p);
      ga += d * z(i);
      gb += d;
      haa += w * z(i) * z(i);
      hab += w * z(i);
      hbb += w;
    }
    gradient = std::max(std::abs(ga), std::abs(gb));
    if (gradient < tolerance) break;
    // The Newton direction -H^-1 g (H is positive definite: sigma > 0 on its diagonal).
    const double det = haa * hbb - hab * hab;
    const double da = -(hbb * ga - hab * gb) / det, db = -(-hab * ga + haa * gb) / det;
    const double descent = ga * da + gb * db;  // < 0
    double step = 1.0;
    while (step >= min_step) {  // halve until the loss falls enough (Armijo, 1e-4)
      const double next = smoothed_loss(z, t, a + step * da, b + step * db);
      if (next < loss + 1e-4 * step * descent) {
        a += step * da;
        b += step * db;
        loss = next;
        break;
      }
      step /= 2;
    }
    if (step < min_step) break;  // no step lowers the loss: as low as float scores allow
  }
  fit.a = a;
  fit.b = b;
  fit.converged = gradient < converged_below;
  return fit;
}

std::vector<PlattFit> fit_platt_per_class(const Eigen::MatrixXf& scores, const Labels& labels) {
  assert(static_cast<std::size_t>(scores.rows()) == labels.size());
  std::vector<PlattFit> fits;
  std::vector<char> positive(labels.size());
  for (Eigen::Index k = 0; k < scores.cols(); ++k) {
    for (std::size_t i = 0; i < labels.size(); ++i) positive[i] = labels[i] == k;
    fits.push_back(fit_platt(scores.col(k), positive));
  }
  return fits;
}

Eigen::MatrixXf platt_probabilities(const Eigen::MatrixXf& scores, const std::vector<PlattFit>& fits) {
  assert(static_cast<std::size_t>(scores.cols()) == fits.size());
  const Eigen::Index classes = scores.cols();
  Eigen::MatrixXf p(scores.rows(), classes);
  std::vector<double> row(static_cast<std::size_t>(classes));
  for (Eigen::Index i = 0; i < scores.rows(); ++i) {
    double total = 0;
    for (Eigen::Index k = 0; k < classes; ++k)
      total += row[static_cast<std::size_t>(k)] = platt_probability(fits[static_cast<std::size_t>(k)], scores(i, k));
    for (Eigen::Index k = 0; k < classes; ++k)  // scikit-learn: divide by the sum; all zero -> uniform
      p(i, k) = static_cast<float>(total > 0 ? row[static_cast<std::size_t>(k)] / total : 1.0 / classes);
  }
  return p;
}

}  // namespace digitlab
