#include "core/linear_model/feature_spread.hpp"

#include <algorithm>
#include <cmath>

namespace digitlab {

LbfgsScaling feature_spread(const FeatureSource& source) {
  constexpr Eigen::Index kMostRows = 8192, kBlockRows = 256;
  const Matrix& base = *source.base;
  const Eigen::Index n = base.rows(), d = source.feature_count;
  const Eigen::Index stride = std::max<Eigen::Index>(1, (n + kMostRows - 1) / kMostRows);
  const PolynomialFeatures poly(source.degree);
  Matrix picked(kBlockRows, base.cols()), block(kBlockRows, d);
  Eigen::VectorXd sum = Eigen::VectorXd::Zero(d), squares = Eigen::VectorXd::Zero(d);
  Eigen::Index used = 0;
  for (Eigen::Index row = 0; row < n;) {
    Eigen::Index rows = 0;
    for (; rows < kBlockRows && row < n; ++rows, row += stride) picked.row(rows) = base.row(row);
    if (source.degree == 1) block.topRows(rows) = picked.topRows(rows);
    else poly.transform_into(picked.topRows(rows), block.topRows(rows));
    const auto values = block.topRows(rows).cast<double>();
    sum += values.colwise().sum().transpose();
    squares += values.array().square().colwise().sum().matrix().transpose();
    used += rows;
  }
  LbfgsScaling scaling;
  if (used == 0) return scaling;
  const Eigen::VectorXd mean = sum / static_cast<double>(used);
  const Eigen::VectorXd variance = squares / static_cast<double>(used) - mean.cwiseAbs2();
  scaling.inv_sigma = variance.unaryExpr([](double v) { return v > 1e-12 ? 1.0 / std::sqrt(v) : 1.0; });
  scaling.shift = mean.cwiseProduct(scaling.inv_sigma);
  return scaling;
}

}  // namespace digitlab
