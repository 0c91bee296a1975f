#include "linear_kernels.hpp"

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

#else

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
  Eigen::Index i = 0;
  auto run = [&](const float* r0, const float* r1, const float* r2, const float* r3) {
    switch (w.padded) {
      case 4: scores_four_rows<1>(r0, r1, r2, r3, d, w.data.data(), 4, out[0], out[1], out[2], out[3]); break;
      case 8: scores_four_rows<2>(r0, r1, r2, r3, d, w.data.data(), 8, out[0], out[1], out[2], out[3]); break;
      default: scores_four_rows<3>(r0, r1, r2, r3, d, w.data.data(), 12, out[0], out[1], out[2], out[3]); break;
    }
  };
  for (; i + 4 <= n; i += 4) {
    run(&X(i, 0), &X(i + 1, 0), &X(i + 2, 0), &X(i + 3, 0));
    for (int r = 0; r < 4; ++r)
      for (Eigen::Index c = 0; c < k; ++c) S(i + r, c) = out[r][c] + b(c);
  }
  for (; i < n; ++i) {  // the last rows, one at a time (the same row four times)
    run(&X(i, 0), &X(i, 0), &X(i, 0), &X(i, 0));
    for (Eigen::Index c = 0; c < k; ++c) S(i, c) = out[0][c] + b(c);
  }
}

void accumulate_gradient(const Eigen::Ref<const Matrix>& X, const Eigen::MatrixXf& G, Eigen::MatrixXf& grad) {
  const Eigen::Index n = X.rows(), d = X.cols(), k = G.cols();
  if (k > 12) {
    grad.noalias() += X.transpose() * G;
    return;
  }
  // grad row j (padded to P outputs) += sum_i x_ij * G row i, four rows i at a time.
  const int padded = static_cast<int>((k + 3) / 4 * 4), vectors = padded / 4;
  std::vector<float> g(static_cast<std::size_t>(n * padded), 0.0f);
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index c = 0; c < k; ++c) g[static_cast<std::size_t>(i * padded + c)] = G(i, c);
  std::vector<float> acc(static_cast<std::size_t>(d * padded), 0.0f);
  Eigen::Index i = 0;
  for (; i + 4 <= n; i += 4) {
    const float* x0 = &X(i, 0);
    const float* x1 = &X(i + 1, 0);
    const float* x2 = &X(i + 2, 0);
    const float* x3 = &X(i + 3, 0);
    v128_t g0[3], g1[3], g2[3], g3[3];
    for (int v = 0; v < vectors; ++v) {
      g0[v] = wasm_v128_load(&g[static_cast<std::size_t>(i * padded + 4 * v)]);
      g1[v] = wasm_v128_load(&g[static_cast<std::size_t>((i + 1) * padded + 4 * v)]);
      g2[v] = wasm_v128_load(&g[static_cast<std::size_t>((i + 2) * padded + 4 * v)]);
      g3[v] = wasm_v128_load(&g[static_cast<std::size_t>((i + 3) * padded + 4 * v)]);
    }
    for (Eigen::Index j = 0; j < d; ++j) {
      const v128_t s0 = wasm_f32x4_splat(x0[j]), s1 = wasm_f32x4_splat(x1[j]);
      const v128_t s2 = wasm_f32x4_splat(x2[j]), s3 = wasm_f32x4_splat(x3[j]);
      float* aj = &acc[static_cast<std::size_t>(j * padded)];
      for (int v = 0; v < vectors; ++v) {
        v128_t sum = wasm_v128_load(aj + 4 * v);
        sum = wasm_f32x4_add(sum, wasm_f32x4_add(wasm_f32x4_add(wasm_f32x4_mul(s0, g0[v]), wasm_f32x4_mul(s1, g1[v])),
                                                 wasm_f32x4_add(wasm_f32x4_mul(s2, g2[v]), wasm_f32x4_mul(s3, g3[v]))));
        wasm_v128_store(aj + 4 * v, sum);
      }
    }
  }
  for (; i < n; ++i)
    for (Eigen::Index j = 0; j < d; ++j)
      for (Eigen::Index c = 0; c < k; ++c) acc[static_cast<std::size_t>(j * padded + c)] += X(i, j) * G(i, c);
  for (Eigen::Index j = 0; j < d; ++j)
    for (Eigen::Index c = 0; c < k; ++c) grad(j, c) += acc[static_cast<std::size_t>(j * padded + c)];
}

#endif

}  // namespace digitlab
