#include "scalers.hpp"

#include <cassert>

namespace digitlab {

StandardScaler& StandardScaler::fit(const Matrix& X) {
  if (X.rows() == 0) throw DataError("StandardScaler: cannot fit on zero samples");
  // Two passes in double: pixel sums over 60,000 rows lose digits in float.
  Eigen::VectorXd mean = X.cast<double>().colwise().mean().transpose();
  Eigen::VectorXd var = Eigen::VectorXd::Zero(X.cols());
  for (Eigen::Index i = 0; i < X.rows(); ++i)
    var += (X.row(i).cast<double>().transpose() - mean).array().square().matrix();
  var /= static_cast<double>(X.rows());
  Eigen::VectorXd scale = var.array().sqrt();
  for (Eigen::Index j = 0; j < scale.size(); ++j)
    if (scale(j) < 1e-12) scale(j) = 1.0;
  mean_ = mean.cast<float>();
  scale_ = scale.cast<float>();
  return *this;
}

Matrix StandardScaler::transform(const Matrix& X) const {
  assert(fitted() && "StandardScaler::transform before fit");
  if (X.cols() != mean_.size()) throw DataError("StandardScaler: feature count differs from fit");
  return ((X.rowwise() - mean_.transpose()).array().rowwise() / scale_.transpose().array()).matrix();
}

Matrix StandardScaler::inverse_transform(const Matrix& Z) const {
  assert(fitted() && "StandardScaler::inverse_transform before fit");
  return ((Z.array().rowwise() * scale_.transpose().array()).matrix().rowwise() + mean_.transpose());
}

void StandardScaler::set_state(Eigen::VectorXf mean, Eigen::VectorXf scale) {
  mean_ = std::move(mean);
  scale_ = std::move(scale);
}

MinMaxScaler& MinMaxScaler::fit(const Matrix& X) {
  if (X.rows() == 0) throw DataError("MinMaxScaler: cannot fit on zero samples");
  data_min_ = X.colwise().minCoeff().transpose();
  Eigen::VectorXf data_max = X.colwise().maxCoeff().transpose();
  data_range_ = data_max - data_min_;
  for (Eigen::Index j = 0; j < data_range_.size(); ++j)
    if (data_range_(j) == 0.0f) data_range_(j) = 1.0f;
  return *this;
}

Matrix MinMaxScaler::transform(const Matrix& X) const {
  assert(fitted() && "MinMaxScaler::transform before fit");
  if (X.cols() != data_min_.size()) throw DataError("MinMaxScaler: feature count differs from fit");
  return ((X.rowwise() - data_min_.transpose()).array().rowwise() / data_range_.transpose().array()).matrix();
}

Matrix MinMaxScaler::inverse_transform(const Matrix& U) const {
  assert(fitted() && "MinMaxScaler::inverse_transform before fit");
  return ((U.array().rowwise() * data_range_.transpose().array()).matrix().rowwise() + data_min_.transpose());
}

void MinMaxScaler::set_state(Eigen::VectorXf data_min, Eigen::VectorXf data_range) {
  data_min_ = std::move(data_min);
  data_range_ = std::move(data_range);
}

}  // namespace digitlab
