#include "core/tutorial/score_attribution.hpp"

#include <cassert>

namespace digitlab {

namespace {

// The affine part x -> base features b = A (x - offset) / scale, kept as pieces (never
// the 784 x k matrix product): the scaler's per-pixel offset and divisor, then PCA.
struct BaseMap {
  Eigen::VectorXd offset, divisor;  // scaler: b0 = (x - offset) / divisor
  const PCA* pca = nullptr;         // then (b0 - mean) C^T

  explicit BaseMap(const Pipeline& p) {
    const int d = p.input_features();
    offset = Eigen::VectorXd::Zero(d);
    divisor = Eigen::VectorXd::Ones(d);
    if (const auto& s = p.standard_scaler()) {
      offset = s->mean().cast<double>();
      divisor = s->scale().cast<double>();
    } else if (const auto& m = p.minmax_scaler()) {
      offset = m->data_min().cast<double>();
      divisor = m->data_range().cast<double>();
    }
    if (p.pca()) pca = &*p.pca();
  }
  Eigen::VectorXd apply(const Eigen::VectorXd& x) const {
    const Eigen::VectorXd scaled = (x - offset).cwiseQuotient(divisor);
    if (!pca) return scaled;
    return pca->components().cast<double>() * (scaled - pca->mean().cast<double>());
  }
  // Carries a gradient with respect to the base features back to the pixels.
  Eigen::VectorXd pull_back(const Eigen::VectorXd& g) const {
    const Eigen::VectorXd to_scaled = pca ? Eigen::VectorXd(pca->components().cast<double>().transpose() * g) : g;
    return to_scaled.cwiseQuotient(divisor);
  }
};

// w = coef_k - coef_j over the features [b, then b_a b_c for a <= c when degree 2].
double features_score(const Eigen::VectorXd& w, const Eigen::VectorXd& b, int degree) {
  const Eigen::Index n = b.size();
  double s = w.head(n).dot(b);
  if (degree == 2) {
    Eigen::Index f = n;
    for (Eigen::Index a = 0; a < n; ++a)
      for (Eigen::Index c = a; c < n; ++c) s += w(f++) * b(a) * b(c);
  }
  return s;
}

Eigen::VectorXd features_gradient(const Eigen::VectorXd& w, const Eigen::VectorXd& b, int degree) {
  const Eigen::Index n = b.size();
  Eigen::VectorXd g = w.head(n);
  if (degree == 2) {
    Eigen::Index f = n;
    for (Eigen::Index a = 0; a < n; ++a)
      for (Eigen::Index c = a; c < n; ++c, ++f) {  // d(b_a b_c) = b_c db_a + b_a db_c
        g(a) += w(f) * b(c);
        g(c) += w(f) * b(a);
      }
  }
  return g;
}

Eigen::VectorXd weight_difference(const Pipeline& p, int k, int j) {
  const Eigen::MatrixXd& coef = p.model().coef();
  assert(coef.cols() >= 2 && k >= 0 && j >= 0 && k < coef.cols() && j < coef.cols());
  return coef.col(k) - coef.col(j);
}

}  // namespace

Eigen::VectorXd midpoint_attribution(const std::function<Eigen::VectorXd(const Eigen::VectorXd&)>& gradient,
                                     const Eigen::VectorXd& x, const Eigen::VectorXd& x0) {
  return (x - x0).cwiseProduct(gradient((x + x0) / 2));
}

double score_difference(const Pipeline& p, const Eigen::VectorXd& x, int k, int j) {
  const Eigen::VectorXd& bias = p.model().intercept();
  return features_score(weight_difference(p, k, j), BaseMap(p).apply(x), p.settings().poly_degree) + bias(k) -
         bias(j);
}

Eigen::VectorXd score_difference_gradient(const Pipeline& p, const Eigen::VectorXd& x, int k, int j) {
  const BaseMap map(p);
  return map.pull_back(features_gradient(weight_difference(p, k, j), map.apply(x), p.settings().poly_degree));
}

ScoreAttribution explain_scores(const Pipeline& p, const Eigen::RowVectorXf& x, const Eigen::RowVectorXf& x0, int k,
                                int j) {
  const Eigen::VectorXd xd = x.transpose().cast<double>(), x0d = x0.transpose().cast<double>();
  ScoreAttribution out;
  out.per_pixel =
      midpoint_attribution([&](const Eigen::VectorXd& at) { return score_difference_gradient(p, at, k, j); }, xd, x0d);
  out.difference = score_difference(p, xd, k, j);
  out.baseline_difference = score_difference(p, x0d, k, j);
  return out;
}

}  // namespace digitlab
