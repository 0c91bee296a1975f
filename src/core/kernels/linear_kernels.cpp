#include "core/kernels/linear_kernels.hpp"

#include <cmath>

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

namespace digitlab {

void linear_scores(const Eigen::Ref<const Matrix>& X, const Eigen::MatrixXf& W, const Eigen::RowVectorXf& b,
                   Eigen::MatrixXf& S) {
  S.noalias() = X * W;
  S.rowwise() += b;
}

void accumulate_gradient(const Eigen::Ref<const Matrix>& X, const Eigen::MatrixXf& G, Eigen::MatrixXf& grad) {
  grad.noalias() += X.transpose() * G;
}

#if !defined(__wasm_simd128__)

void exp_nonpositive(Eigen::MatrixXf& m) { m = m.array().exp(); }

#else

void exp_nonpositive(Eigen::MatrixXf& m) {
  // exp(x) = 2^n exp(r), n = round(x / ln 2), r = x - n ln 2 in two parts (Cody-Waite),
  // exp(r) by Cephes' degree-5 polynomial; below -87 the result is 0.
  float* p = m.data();
  const Eigen::Index size = m.size();
  const v128_t log2e = wasm_f32x4_splat(1.44269504088896341f);
  const v128_t ln2_hi = wasm_f32x4_splat(0.693359375f), ln2_lo = wasm_f32x4_splat(-2.12194440e-4f);
  const v128_t low = wasm_f32x4_splat(-87.0f), half = wasm_f32x4_splat(0.5f), one = wasm_f32x4_splat(1.0f);
  const v128_t c0 = wasm_f32x4_splat(1.9875691500e-4f), c1 = wasm_f32x4_splat(1.3981999507e-3f);
  const v128_t c2 = wasm_f32x4_splat(8.3334519073e-3f), c3 = wasm_f32x4_splat(4.1665795894e-2f);
  const v128_t c4 = wasm_f32x4_splat(1.6666665459e-1f), c5 = wasm_f32x4_splat(5.0000001201e-1f);
  Eigen::Index i = 0;
  for (; i + 4 <= size; i += 4) {
    const v128_t x0 = wasm_v128_load(p + i);
    const v128_t x = wasm_f32x4_max(x0, low);
    const v128_t n = wasm_f32x4_floor(wasm_f32x4_add(wasm_f32x4_mul(x, log2e), half));
    const v128_t r = wasm_f32x4_sub(wasm_f32x4_sub(x, wasm_f32x4_mul(n, ln2_hi)), wasm_f32x4_mul(n, ln2_lo));
    const v128_t r2 = wasm_f32x4_mul(r, r);
    v128_t y = wasm_f32x4_add(wasm_f32x4_mul(c0, r), c1);
    y = wasm_f32x4_add(wasm_f32x4_mul(y, r), c2);
    y = wasm_f32x4_add(wasm_f32x4_mul(y, r), c3);
    y = wasm_f32x4_add(wasm_f32x4_mul(y, r), c4);
    y = wasm_f32x4_add(wasm_f32x4_mul(y, r), c5);
    y = wasm_f32x4_add(wasm_f32x4_add(wasm_f32x4_mul(y, r2), r), one);
    // 2^n: n + 127 in the exponent bits.
    const v128_t scale = wasm_i32x4_shl(wasm_i32x4_add(wasm_i32x4_trunc_sat_f32x4(n), wasm_i32x4_splat(127)), 23);
    v128_t result = wasm_f32x4_mul(y, scale);
    result = wasm_v128_and(result, wasm_f32x4_gt(x0, low));  // exp(-87 or less) -> 0
    wasm_v128_store(p + i, result);
  }
  for (; i < size; ++i) p[i] = std::exp(p[i]);
}

#endif

}  // namespace digitlab
