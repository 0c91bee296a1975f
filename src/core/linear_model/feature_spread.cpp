#include "core/linear_model/feature_spread.hpp"

#include <algorithm>
#include <cmath>

namespace digitlab {

FeatureSpread feature_spread(const FeatureSource& source) {
  constexpr Eigen::Index kMostRows = 8192;
  constexpr double kBlockBytes = 4 << 20;  // degree 2 on 784 pixels is 308,504 features a row
  const Matrix& base = *source.base;
  const Eigen::Index n = base.rows(), d = source.feature_count;
  const Eigen::Index stride = std::max<Eigen::Index>(1, (n + kMostRows - 1) / kMostRows);
  const auto block_rows = static_cast<Eigen::Index>(
      std::clamp(kBlockBytes / (4.0 * static_cast<double>(std::max<Eigen::Index>(d, 1))), 1.0, 256.0));
  const PolynomialFeatures poly(source.degree);
  Matrix picked(block_rows, base.cols()), block(block_rows, d);
  Eigen::VectorXd sum = Eigen::VectorXd::Zero(d), squares = Eigen::VectorXd::Zero(d);
  Eigen::Index used = 0;
  for (Eigen::Index row = 0; row < n;) {
    Eigen::Index rows = 0;
    for (; rows < block_rows && row < n; ++rows, row += stride) picked.row(rows) = base.row(row);
    if (source.degree == 1) block.topRows(rows) = picked.topRows(rows);
    else poly.transform_into(picked.topRows(rows), block.topRows(rows));
    const auto values = block.topRows(rows).cast<double>();
    sum += values.colwise().sum().transpose();
    squares += values.array().square().colwise().sum().matrix().transpose();
    used += rows;
  }
  FeatureSpread spread;
  spread.mean = sum / static_cast<double>(std::max<Eigen::Index>(used, 1));
  spread.variance = (squares / static_cast<double>(std::max<Eigen::Index>(used, 1)) - spread.mean.cwiseAbs2())
                        .cwiseMax(0.0);
  return spread;
}

LbfgsScaling lbfgs_scaling(const FeatureSpread& spread, int outputs, double alpha, double total_weight) {
  const double p = outputs > 1 ? 1.0 / outputs : 0.5;
  const double curvature = p * (1.0 - p) * total_weight;
  const double floor = curvature > 0.0 ? alpha / curvature : 0.0;
  LbfgsScaling scaling;
  scaling.inv_sigma = (spread.variance.array() + floor).unaryExpr([](double v) {
    return v > 1e-300 ? 1.0 / std::sqrt(v) : 1.0;  // no penalty and a constant feature
  });
  scaling.shift = spread.mean.cwiseProduct(scaling.inv_sigma);
  scaling.outputs = outputs;
  return scaling;
}

}  // namespace digitlab
