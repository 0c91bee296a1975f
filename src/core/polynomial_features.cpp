#include "polynomial_features.hpp"

#include <cassert>

namespace digitlab {

int PolynomialFeatures::output_count(int n_features, int degree) {
  assert((degree == 1 || degree == 2) && "PolynomialFeatures: degree 1 or 2");
  return degree == 1 ? n_features : n_features + n_features * (n_features + 1) / 2;
}

Matrix PolynomialFeatures::transform(const Matrix& X) const {
  Matrix out(X.rows(), output_count(static_cast<int>(X.cols()), degree_));
  transform_into(X, out);
  return out;
}

void PolynomialFeatures::transform_into(const Eigen::Ref<const Matrix>& rows,
                                        Eigen::Ref<Matrix> out) const {
  const Eigen::Index d = rows.cols();
  out.leftCols(d) = rows;
  if (degree_ == 1) return;
  Eigen::Index column = d;
  for (Eigen::Index i = 0; i < d; ++i)
    for (Eigen::Index j = i; j < d; ++j)
      out.col(column++) = rows.col(i).cwiseProduct(rows.col(j));
}

}  // namespace digitlab
