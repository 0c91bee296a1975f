// Polynomial features without the bias column, in scikit-learn's order:
// degree 1 terms x1..xn, then the degree-2 products x_i * x_j for i <= j in
// lexicographic order (x1^2, x1x2, ..., x1xn, x2^2, ...). 30 inputs give 495 outputs.
//
//   PolynomialFeatures poly(2);
//   Matrix P = poly.transform(Z);   // n x poly.output_count(Z.cols())
#pragma once

#include "core/common/types.hpp"

namespace digitlab {

class PolynomialFeatures {
 public:
  explicit PolynomialFeatures(int degree = 2) : degree_(degree) {}
  int degree() const { return degree_; }
  static int output_count(int n_features, int degree);
  Matrix transform(const Matrix& X) const;
  // Writes the expansion of `rows` into `out` (rows x output_count); no allocation.
  void transform_into(const Eigen::Ref<const Matrix>& rows, Eigen::Ref<Matrix> out) const;

 private:
  int degree_;
};

}  // namespace digitlab
