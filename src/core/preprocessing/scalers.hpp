// Feature scalers with scikit-learn's semantics.
//
//   StandardScaler s;  Matrix Z = s.fit(X).transform(X);   // (x - mean) / std
//   MinMaxScaler m;    Matrix U = m.fit(X).transform(X);   // (x - min) / (max - min)
//
// A constant feature (std or range 0) is scaled by 1, as scikit-learn does, so the
// always-black corner pixels of MNIST become 0, not NaN.
#pragma once

#include "core/common/types.hpp"

namespace digitlab {

class StandardScaler {
 public:
  StandardScaler& fit(const Matrix& X);
  // Blockwise fit, for data fed a slice at a time.
  void begin_fit(int n_features);
  void fit_partial(const Eigen::Ref<const Matrix>& rows);
  StandardScaler& finish_fit();
  Matrix transform(const Matrix& X) const;
  Matrix inverse_transform(const Matrix& Z) const;
  bool fitted() const { return mean_.size() > 0; }

  const Eigen::VectorXf& mean() const { return mean_; }
  const Eigen::VectorXf& scale() const { return scale_; }  // population std (ddof 0)
  // A fitted scaler from its learned values (a model file). Throws DataError unless both
  // have the same non-zero length and every scale is positive and finite.
  static StandardScaler from_fitted(Eigen::VectorXf mean, Eigen::VectorXf scale);

 private:
  Eigen::VectorXf mean_, scale_;
  Eigen::VectorXd sum_, sum_squares_;
  long long seen_ = 0;
};

class MinMaxScaler {
 public:
  MinMaxScaler& fit(const Matrix& X);
  void begin_fit(int n_features);
  void fit_partial(const Eigen::Ref<const Matrix>& rows);
  MinMaxScaler& finish_fit();
  Matrix transform(const Matrix& X) const;
  Matrix inverse_transform(const Matrix& U) const;
  bool fitted() const { return data_min_.size() > 0; }

  const Eigen::VectorXf& data_min() const { return data_min_; }
  const Eigen::VectorXf& data_range() const { return data_range_; }  // max - min, 1 if 0
  // The same for min-max: same non-zero length, every range positive and finite.
  static MinMaxScaler from_fitted(Eigen::VectorXf data_min, Eigen::VectorXf data_range);

 private:
  Eigen::VectorXf data_min_, data_range_, low_, high_;
  long long seen_ = 0;
};

}  // namespace digitlab
