#include "core/preprocessing/polynomial_features.hpp"

#include <cassert>

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

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
  // Row by row: both matrices are row-major, so each row's products are written in
  // one contiguous run (a column at a time would stride through memory).
  for (Eigen::Index r = 0; r < rows.rows(); ++r) {
    const float* z = rows.data() + r * rows.outerStride();
    float* o = out.data() + r * out.outerStride() + d;
    for (Eigen::Index i = 0; i < d; ++i) {
      const float zi = z[i];
      Eigen::Index j = i;
#if defined(__wasm_simd128__)  // native compilers vectorize the plain loop themselves
      const v128_t s = wasm_f32x4_splat(zi);
      for (; j + 4 <= d; j += 4, o += 4) wasm_v128_store(o, wasm_f32x4_mul(s, wasm_v128_load(z + j)));
#endif
      for (; j < d; ++j) *o++ = zi * z[j];
    }
  }
}

}  // namespace digitlab
