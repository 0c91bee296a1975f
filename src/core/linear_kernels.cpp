#include "linear_kernels.hpp"

#include <cmath>

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

namespace digitlab {

#if !defined(__wasm_simd128__)

void linear_scores(const Eigen::Ref<const Matrix>& X, const Eigen::MatrixXf& W, const Eigen::RowVectorXf& b,
                   Eigen::MatrixXf& S) {
  S.noalias() = X * W;
  S.rowwise() += b;
}

void accumulate_gradient(const Eigen::Ref<const Matrix>& X, const Eigen::MatrixXf& G, Eigen::MatrixXf& grad) {
  grad.noalias() += X.transpose() * G;
}

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

namespace {

// W (d x K, column-major) as row-major d x P, P = K rounded up to 4, zero-padded, so
// one feature's K weights are P/4 consecutive vectors.
struct PaddedRows {
  std::vector<float> data;
  int padded = 0;
};

PaddedRows pad_rows(const Eigen::MatrixXf& W) {
  PaddedRows out;
  out.padded = static_cast<int>((W.cols() + 3) / 4 * 4);
  out.data.assign(static_cast<std::size_t>(W.rows() * out.padded), 0.0f);
  for (Eigen::Index j = 0; j < W.rows(); ++j)
    for (Eigen::Index k = 0; k < W.cols(); ++k) out.data[static_cast<std::size_t>(j * out.padded + k)] = W(j, k);
  return out;
}

// Four rows of X against all of W: 4 x P accumulators (P <= 12 here keeps them in
// registers; wider W goes round in chunks of 12 outputs).
template <int Vectors>
void scores_four_rows(const float* x0, const float* x1, const float* x2, const float* x3, Eigen::Index d,
                      const float* w, int stride, float* out0, float* out1, float* out2, float* out3) {
  v128_t a0[Vectors], a1[Vectors], a2[Vectors], a3[Vectors];
  for (int v = 0; v < Vectors; ++v) a0[v] = a1[v] = a2[v] = a3[v] = wasm_f32x4_splat(0.0f);
  for (Eigen::Index j = 0; j < d; ++j) {
    const v128_t s0 = wasm_f32x4_splat(x0[j]), s1 = wasm_f32x4_splat(x1[j]);
    const v128_t s2 = wasm_f32x4_splat(x2[j]), s3 = wasm_f32x4_splat(x3[j]);
    const float* wj = w + j * stride;
    for (int v = 0; v < Vectors; ++v) {
      const v128_t wv = wasm_v128_load(wj + 4 * v);
      a0[v] = wasm_f32x4_add(a0[v], wasm_f32x4_mul(s0, wv));
      a1[v] = wasm_f32x4_add(a1[v], wasm_f32x4_mul(s1, wv));
      a2[v] = wasm_f32x4_add(a2[v], wasm_f32x4_mul(s2, wv));
      a3[v] = wasm_f32x4_add(a3[v], wasm_f32x4_mul(s3, wv));
    }
  }
  for (int v = 0; v < Vectors; ++v) {
    wasm_v128_store(out0 + 4 * v, a0[v]);
    wasm_v128_store(out1 + 4 * v, a1[v]);
    wasm_v128_store(out2 + 4 * v, a2[v]);
    wasm_v128_store(out3 + 4 * v, a3[v]);
  }
}

}  // namespace

void linear_scores(const Eigen::Ref<const Matrix>& X, const Eigen::MatrixXf& W, const Eigen::RowVectorXf& b,
                   Eigen::MatrixXf& S) {
  const Eigen::Index n = X.rows(), d = X.cols(), k = W.cols();
  const PaddedRows w = pad_rows(W);
  if (w.padded > 12) {  // wide outputs are rare here (more than 12 classes): Eigen
    S.noalias() = X * W;
    S.rowwise() += b;
    return;
  }
  S.resize(n, k);
  alignas(16) float out[4][12];
  const auto row = [&X](Eigen::Index r) { return X.data() + r * X.outerStride(); };
  Eigen::Index i = 0;
  auto run = [&](const float* r0, const float* r1, const float* r2, const float* r3) {
    switch (w.padded) {
      case 4: scores_four_rows<1>(r0, r1, r2, r3, d, w.data.data(), 4, out[0], out[1], out[2], out[3]); break;
      case 8: scores_four_rows<2>(r0, r1, r2, r3, d, w.data.data(), 8, out[0], out[1], out[2], out[3]); break;
      default: scores_four_rows<3>(r0, r1, r2, r3, d, w.data.data(), 12, out[0], out[1], out[2], out[3]); break;
    }
  };
  for (; i + 4 <= n; i += 4) {
    run(row(i), row(i + 1), row(i + 2), row(i + 3));
    for (int r = 0; r < 4; ++r)
      for (Eigen::Index c = 0; c < k; ++c) S(i + r, c) = out[r][c] + b(c);
  }
  for (; i < n; ++i) {  // the last rows, one at a time (the same row four times)
    run(row(i), row(i), row(i), row(i));
    for (Eigen::Index c = 0; c < k; ++c) S(i, c) = out[0][c] + b(c);
  }
}

// Four features' gradient rows (4 x P outputs) summed over all rows, in registers:
// per row, one load of four features and P/4 loads of G's row.
template <int Vectors>
void gradient_four_features(const float* x, Eigen::Index stride, Eigen::Index n, const float* g, float* out) {
  v128_t acc[4][Vectors];
  for (int f = 0; f < 4; ++f)
    for (int v = 0; v < Vectors; ++v) acc[f][v] = wasm_f32x4_splat(0.0f);
  for (Eigen::Index i = 0; i < n; ++i) {
    const v128_t e = wasm_v128_load(x + i * stride);
    const v128_t s[4] = {wasm_i32x4_shuffle(e, e, 0, 0, 0, 0), wasm_i32x4_shuffle(e, e, 1, 1, 1, 1),
                         wasm_i32x4_shuffle(e, e, 2, 2, 2, 2), wasm_i32x4_shuffle(e, e, 3, 3, 3, 3)};
    const float* gi = g + i * 4 * Vectors;
    for (int v = 0; v < Vectors; ++v) {
      const v128_t gv = wasm_v128_load(gi + 4 * v);
      for (int f = 0; f < 4; ++f) acc[f][v] = wasm_f32x4_add(acc[f][v], wasm_f32x4_mul(s[f], gv));
    }
  }
  for (int f = 0; f < 4; ++f)
    for (int v = 0; v < Vectors; ++v) wasm_v128_store(out + f * 4 * Vectors + 4 * v, acc[f][v]);
}

void accumulate_gradient(const Eigen::Ref<const Matrix>& X, const Eigen::MatrixXf& G, Eigen::MatrixXf& grad) {
  const Eigen::Index n = X.rows(), d = X.cols(), k = G.cols();
  if (k > 12) {
    grad.noalias() += X.transpose() * G;
    return;
  }
  const int padded = static_cast<int>((k + 3) / 4 * 4);
  std::vector<float> g(static_cast<std::size_t>(n * padded), 0.0f);  // G's rows padded to P
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index c = 0; c < k; ++c) g[static_cast<std::size_t>(i * padded + c)] = G(i, c);
  alignas(16) float out[4 * 12];
  Eigen::Index j = 0;
  for (; j + 4 <= d; j += 4) {
    const float* x = X.data() + j;
    switch (padded) {
      case 4: gradient_four_features<1>(x, X.outerStride(), n, g.data(), out); break;
      case 8: gradient_four_features<2>(x, X.outerStride(), n, g.data(), out); break;
      default: gradient_four_features<3>(x, X.outerStride(), n, g.data(), out); break;
    }
    for (int f = 0; f < 4; ++f)
      for (Eigen::Index c = 0; c < k; ++c) grad(j + f, c) += out[f * padded + c];
  }
  for (; j < d; ++j)  // the last features, if d is not a multiple of four
    for (Eigen::Index i = 0; i < n; ++i)
      for (Eigen::Index c = 0; c < k; ++c) grad(j, c) += X(i, j) * G(i, c);
}

#endif

}  // namespace digitlab
