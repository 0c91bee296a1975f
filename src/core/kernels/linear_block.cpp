#include "core/kernels/linear_block.hpp"

#include <algorithm>
#include <cassert>

#include "core/kernels/linear_kernels.hpp"
#include "core/kernels/panel_kernels.hpp"

namespace digitlab {

#if !defined(__wasm_simd128__)

namespace {

using RowsMap = Eigen::Map<const Matrix, 0, Eigen::OuterStride<>>;

}  // namespace

void LinearBlock::load(const Eigen::Ref<const Matrix>& rows) {
  data_ = rows.data();
  rows_ = rows.rows();
  cols_ = rows.cols();
  stride_ = rows.outerStride();
}

void LinearBlock::scores(const Eigen::MatrixXf& W, const Eigen::RowVectorXf& b, Eigen::MatrixXf& S) {
  linear_scores(RowsMap(data_, rows_, cols_, Eigen::OuterStride<>(stride_)), W, b, S);
}

void LinearBlock::accumulate_gradient(const Eigen::MatrixXf& G, Eigen::MatrixXf& grad) {
  digitlab::accumulate_gradient(RowsMap(data_, rows_, cols_, Eigen::OuterStride<>(stride_)), G, grad);
}

#else

namespace {

// out (K x 128) += the panel's scores for outputs k0 .. k0 + G - 1: eight rows at a
// time, down the panel's n features, with w the panel's weights by row (n x K).
template <int G>
void panel_scores(const float* x, int n, const float* w, int K, int k0, float* out) {
  for (int i = 0; i < panel::kRows; i += 8) {
    v128_t acc0[G], acc1[G];
    for (int g = 0; g < G; ++g) acc0[g] = acc1[g] = wasm_f32x4_splat(0.0f);
    const float* xt = x + i;
    const float* wt = w + k0;
    for (int t = 0; t < n; ++t, xt += panel::kRows, wt += K) {
      const v128_t x0 = wasm_v128_load(xt), x1 = wasm_v128_load(xt + 4);
      for (int g = 0; g < G; ++g) {
        const v128_t s = wasm_v128_load32_splat(wt + g);
        acc0[g] = panel::madd(x0, s, acc0[g]);
        acc1[g] = panel::madd(x1, s, acc1[g]);
      }
    }
    for (int g = 0; g < G; ++g) {
      float* o = out + (k0 + g) * panel::kRows + i;
      wasm_v128_store(o, wasm_f32x4_add(wasm_v128_load(o), acc0[g]));
      wasm_v128_store(o + 4, wasm_f32x4_add(wasm_v128_load(o + 4), acc1[g]));
    }
  }
}

// gradient (n x K, by row) += the panel's features . G's rows k0 .. k0 + G - 1.
template <int G>
void panel_gradient(const float* x, int n, const float* g, int K, int k0, float* gradient) {
  int t = 0;
  for (; t + 2 <= n; t += 2)
    panel::dot_two<G>(x + t * panel::kRows, x + (t + 1) * panel::kRows, g + k0 * panel::kRows,
                      gradient + t * K + k0, gradient + (t + 1) * K + k0);
  if (t < n) panel::dot_one<G>(x + t * panel::kRows, g + k0 * panel::kRows, gradient + t * K + k0);
}

}  // namespace

void LinearBlock::load(const Eigen::Ref<const Matrix>& rows) {
  rows_ = rows.rows();
  cols_ = rows.cols();
  used_.clear();
  first_.assign(1, 0);
  panels_.clear();
  for (Eigen::Index r0 = 0; r0 < rows_; r0 += panel::kRows) {
    panel::append_nonzero_panel(rows, r0, std::min<Eigen::Index>(panel::kRows, rows_ - r0), used_, panels_);
    first_.push_back(static_cast<int>(used_.size()));
  }
}

void LinearBlock::scores(const Eigen::MatrixXf& W, const Eigen::RowVectorXf& b, Eigen::MatrixXf& S) {
  assert(W.rows() == cols_ && W.cols() == b.size() && "LinearBlock::scores: W is d x K");
  const int K = static_cast<int>(W.cols());
  panel_.resize(static_cast<std::size_t>(K) * panel::kRows);
  S.resize(rows_, K);
  for (std::size_t p = 0; p + 1 < first_.size(); ++p) {
    const int start = first_[p], n = first_[p + 1] - start;
    panel_weights_.resize(static_cast<std::size_t>(n) * K);
    for (int t = 0; t < n; ++t)
      for (int k = 0; k < K; ++k) panel_weights_[static_cast<std::size_t>(t * K + k)] = W(used_[start + t], k);
    for (int k = 0; k < K; ++k) std::fill_n(panel_.data() + k * panel::kRows, panel::kRows, b(k));
    const float* x = panels_.data() + static_cast<std::size_t>(start) * panel::kRows;
    panel::for_each_output_group(K, [&](auto group, int k0) {
      panel_scores<decltype(group)::value>(x, n, panel_weights_.data(), K, k0, panel_.data());
    });
    panel::panel_to_columns(panel_, static_cast<Eigen::Index>(p) * panel::kRows, S);
  }
}

void LinearBlock::accumulate_gradient(const Eigen::MatrixXf& G, Eigen::MatrixXf& grad) {
  assert(G.rows() == rows_ && grad.rows() == cols_ && grad.cols() == G.cols() &&
         "LinearBlock::accumulate_gradient: G is rows x K, grad d x K");
  const int K = static_cast<int>(G.cols());
  gradient_by_row_.assign(static_cast<std::size_t>(grad.size()), 0.0f);
  for (std::size_t p = 0; p + 1 < first_.size(); ++p) {
    const int start = first_[p], n = first_[p + 1] - start;
    panel::columns_to_panel(G, static_cast<Eigen::Index>(p) * panel::kRows, panel_);  // padding rows add 0
    panel_gradient_.assign(static_cast<std::size_t>(n) * K, 0.0f);
    const float* x = panels_.data() + static_cast<std::size_t>(start) * panel::kRows;
    panel::for_each_output_group(K, [&](auto group, int k0) {
      panel_gradient<decltype(group)::value>(x, n, panel_.data(), K, k0, panel_gradient_.data());
    });
    for (int t = 0; t < n; ++t)
      for (int k = 0; k < K; ++k)
        gradient_by_row_[static_cast<std::size_t>(used_[start + t]) * K + k] += panel_gradient_[static_cast<std::size_t>(t * K + k)];
  }
  grad += Eigen::Map<const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
      gradient_by_row_.data(), grad.rows(), K);
}

#endif

}  // namespace digitlab
