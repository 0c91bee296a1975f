#include "core/kernels/quadratic_block.hpp"

#include <algorithm>
#include <cassert>

#include "core/kernels/linear_kernels.hpp"
#include "core/kernels/panel_kernels.hpp"
#include "core/kernels/quadratic_native.hpp"
#include "core/preprocessing/polynomial_features.hpp"

namespace digitlab {

#if defined(DIGITLAB_QUADRATIC_NATIVE)

void QuadraticBlock::load(const Eigen::Ref<const Matrix>& base_rows) {
  rows_ = base_rows.rows();
  base_count_ = base_rows.cols();
  const int n = static_cast<int>(rows_), m = static_cast<int>(base_count_);
  const int zs = native_simd::padded_stride(m), np = native_simd::padded_rows(n);
  if (n != loaded_rows_ || m != loaded_base_) {  // the zero padding is written once per shape
    panels_.assign(static_cast<std::size_t>(n) * zs, 0.0f);    // Z by rows, zero past m
    products_.assign(static_cast<std::size_t>(m) * np, 0.0f);  // Z transposed, zero past n
    loaded_rows_ = n;
    loaded_base_ = m;
  }
  for (int r = 0; r < n; ++r) std::copy_n(base_rows.data() + r * base_rows.outerStride(), m, panels_.data() + static_cast<std::size_t>(r) * zs);
  for (int a = 0; a < m; ++a) {
    float* column = products_.data() + static_cast<std::size_t>(a) * np;
    for (int r = 0; r < n; ++r) column[r] = panels_[static_cast<std::size_t>(r) * zs + a];
  }
}

void QuadraticBlock::scores(const Eigen::MatrixXf& W, const Eigen::RowVectorXf& b, Eigen::MatrixXf& S) {
  assert(W.rows() == feature_count() && W.cols() == b.size() && "QuadraticBlock::scores: W is feature_count x K");
  const int K = static_cast<int>(W.cols()), n = static_cast<int>(rows_), np = native_simd::padded_rows(n);
  weights_by_row_.resize(static_cast<std::size_t>(W.size()));
  Eigen::Map<Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(weights_by_row_.data(), W.rows(), K) = W;
  S.resize(rows_, K);
  native_simd::quadratic_scores(products_.data(), np, n, static_cast<int>(base_count_), weights_by_row_.data(),
                                b.data(), K, S.data());
}

void QuadraticBlock::accumulate_gradient(const Eigen::MatrixXf& G, Eigen::MatrixXf& grad) {
  assert(G.rows() == rows_ && grad.rows() == feature_count() && grad.cols() == G.cols() &&
         "QuadraticBlock::accumulate_gradient: G is rows x K, grad feature_count x K");
  const int n = static_cast<int>(rows_);
  panel_.resize(static_cast<std::size_t>(native_simd::gradient_scratch_size(n)));
  native_simd::quadratic_gradient(panels_.data(), products_.data(), native_simd::padded_rows(n), n,
                                  static_cast<int>(base_count_), G.data(), static_cast<int>(G.cols()), grad.data(),
                                  panel_.data());
}

#elif !defined(__wasm_simd128__)

void QuadraticBlock::load(const Eigen::Ref<const Matrix>& base_rows) {
  rows_ = base_rows.rows();
  base_count_ = base_rows.cols();
  expanded_.resize(rows_, feature_count());
  PolynomialFeatures(2).transform_into(base_rows, expanded_);
}

void QuadraticBlock::scores(const Eigen::MatrixXf& W, const Eigen::RowVectorXf& b, Eigen::MatrixXf& S) {
  linear_scores(expanded_, W, b, S);
}

void QuadraticBlock::accumulate_gradient(const Eigen::MatrixXf& G, Eigen::MatrixXf& grad) {
  digitlab::accumulate_gradient(expanded_, G, grad);
}

#else

namespace {

// Index of feature z_a z_a; z_a z_b (b >= a) follows it at + (b - a).
int square_index(int a, int m) { return m + a * m - a * (a - 1) / 2; }

// Scores of outputs k0..k0+G-1 for one panel, added to out (K x panel::kRows): for each a, eight
// rows at a time, acc = W_a + sum_{b >= a} W_ab z_b in registers, then out += z_a acc.
template <int G>
void panel_scores(const float* z, int m, const float* w, int K, int k0, float* out) {
  for (int a = 0; a < m; ++a) {
    const float* za = z + a * panel::kRows;
    const float* wa = w + static_cast<std::ptrdiff_t>(square_index(a, m)) * K + k0;
    for (int i = 0; i < panel::kRows; i += 8) {
      v128_t acc0[G], acc1[G];
      for (int g = 0; g < G; ++g) acc0[g] = acc1[g] = wasm_v128_load32_splat(w + a * K + k0 + g);
      const float* zb = za + i;
      const float* wb = wa;
      for (int b = a; b < m; ++b, zb += panel::kRows, wb += K) {
        const v128_t x0 = wasm_v128_load(zb), x1 = wasm_v128_load(zb + 4);
        for (int g = 0; g < G; ++g) {
          const v128_t s = wasm_v128_load32_splat(wb + g);
          acc0[g] = panel::madd(x0, s, acc0[g]);
          acc1[g] = panel::madd(x1, s, acc1[g]);
        }
      }
      const v128_t z0 = wasm_v128_load(za + i), z1 = wasm_v128_load(za + i + 4);
      for (int g = 0; g < G; ++g) {
        float* o = out + (k0 + g) * panel::kRows + i;
        wasm_v128_store(o, panel::madd(z0, acc0[g], wasm_v128_load(o)));
        wasm_v128_store(o + 4, panel::madd(z1, acc1[g], wasm_v128_load(o + 4)));
      }
    }
  }
}

template <int G>
void dot_pairs(const float* z, int a, int m, const float* y, int K, float* grad) {
  float* row = grad + static_cast<std::ptrdiff_t>(square_index(a, m)) * K;
  int b = a;
  for (; b + 2 <= m; b += 2, row += 2 * K) panel::dot_two<G>(z + b * panel::kRows, z + (b + 1) * panel::kRows, y, row, row + K);
  if (b < m) panel::dot_one<G>(z + b * panel::kRows, y, row);
}

// grad (by rows, d x K) += the panel's part: for each a, y_k = z_a * g_k (the linear
// term is its sum), then the products' terms are dot products of rows of z with y.
void panel_gradient(const float* z, int m, const float* g, int K, float* y, float* grad) {
  for (int a = 0; a < m; ++a) {
    const float* za = z + a * panel::kRows;
    for (int k = 0; k < K; ++k) {
      v128_t sum = wasm_f32x4_splat(0.0f);
      for (int i = 0; i < panel::kRows; i += 4) {
        const v128_t v = wasm_f32x4_mul(wasm_v128_load(za + i), wasm_v128_load(g + k * panel::kRows + i));
        wasm_v128_store(y + k * panel::kRows + i, v);
        sum = wasm_f32x4_add(sum, v);
      }
      grad[a * K + k] += panel::horizontal_sum(sum);
    }
    panel::for_each_output_group(K, [&](auto group, int k0) {
      dot_pairs<decltype(group)::value>(z, a, m, y + k0 * panel::kRows, K, grad + k0);
    });
  }
}

}  // namespace

void QuadraticBlock::load(const Eigen::Ref<const Matrix>& base_rows) {
  rows_ = base_rows.rows();
  base_count_ = base_rows.cols();
  const Eigen::Index m = base_count_;
  const Eigen::Index panels = (rows_ + panel::kRows - 1) / panel::kRows;
  panels_.assign(static_cast<std::size_t>(panels * m * panel::kRows), 0.0f);
  for (Eigen::Index r = 0; r < rows_; ++r) {
    float* panel = panels_.data() + (r / panel::kRows) * m * panel::kRows + r % panel::kRows;
    const float* z = base_rows.data() + r * base_rows.outerStride();
    for (Eigen::Index a = 0; a < m; ++a) panel[a * panel::kRows] = z[a];
  }
}

void QuadraticBlock::scores(const Eigen::MatrixXf& W, const Eigen::RowVectorXf& b, Eigen::MatrixXf& S) {
  assert(W.rows() == feature_count() && W.cols() == b.size() && "QuadraticBlock::scores: W is d x K");
  const int m = static_cast<int>(base_count_), K = static_cast<int>(W.cols());
  weights_by_row_.resize(static_cast<std::size_t>(W.size()));
  Eigen::Map<Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(weights_by_row_.data(), W.rows(),
                                                                                     K) = W;
  panel_.resize(static_cast<std::size_t>(K * panel::kRows));
  S.resize(rows_, K);
  for (Eigen::Index r0 = 0; r0 < rows_; r0 += panel::kRows) {
    const float* z = panels_.data() + (r0 / panel::kRows) * m * panel::kRows;
    for (int k = 0; k < K; ++k) std::fill_n(panel_.data() + k * panel::kRows, panel::kRows, b(k));
    panel::for_each_output_group(K, [&](auto group, int k0) {
      panel_scores<decltype(group)::value>(z, m, weights_by_row_.data(), K, k0, panel_.data());
    });
    panel::panel_to_columns(panel_, r0, S);
  }
}

void QuadraticBlock::accumulate_gradient(const Eigen::MatrixXf& G, Eigen::MatrixXf& grad) {
  assert(G.rows() == rows_ && grad.rows() == feature_count() && grad.cols() == G.cols() &&
         "QuadraticBlock::accumulate_gradient: G is rows x K, grad d x K");
  const int m = static_cast<int>(base_count_), K = static_cast<int>(G.cols());
  products_.resize(static_cast<std::size_t>(K * panel::kRows));
  gradient_by_row_.assign(static_cast<std::size_t>(grad.size()), 0.0f);
  for (Eigen::Index r0 = 0; r0 < rows_; r0 += panel::kRows) {
    panel::columns_to_panel(G, r0, panel_);  // padding rows add 0
    panel_gradient(panels_.data() + (r0 / panel::kRows) * m * panel::kRows, m, panel_.data(), K, products_.data(),
                   gradient_by_row_.data());
  }
  grad += Eigen::Map<const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
      gradient_by_row_.data(), grad.rows(), K);
}

#endif

}  // namespace digitlab
