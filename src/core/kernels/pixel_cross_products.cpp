#include "core/kernels/pixel_cross_products.hpp"

#include <algorithm>
#include <cassert>
#include <vector>

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>

#include "core/kernels/panel_kernels.hpp"
#endif

namespace digitlab {

#if !defined(__wasm_simd128__)

void accumulate_pixel_cross_products(const Eigen::Ref<const PixelMatrix>& rows, IntLower& lower) {
  assert(lower.rows() == rows.cols() && lower.cols() == rows.cols() && "lower is d x d");
  // Float products of up to 256 rows are exact: each sum is at most 256 * 255^2 < 2^24.
  constexpr Eigen::Index kExactFloatRows = 256;
  Eigen::MatrixXf block, partial(rows.cols(), rows.cols());
  for (Eigen::Index r0 = 0; r0 < rows.rows(); r0 += kExactFloatRows) {
    const Eigen::Index count = std::min(kExactFloatRows, rows.rows() - r0);
    block = rows.middleRows(r0, count).cast<float>();
    partial.setZero();
    partial.selfadjointView<Eigen::Lower>().rankUpdate(block.transpose());
    lower.triangularView<Eigen::Lower>() += partial.cast<std::int32_t>();
  }
}

#else

namespace {

using panel::kRows;

std::int32_t horizontal_sum(v128_t v) {
  v = wasm_i32x4_add(v, wasm_i32x4_shuffle(v, v, 2, 3, 0, 1));
  v = wasm_i32x4_add(v, wasm_i32x4_shuffle(v, v, 1, 0, 3, 2));
  return wasm_i32x4_extract_lane(v, 0);
}

// out0[g] = x0 . y_g and out1[g] = x1 . y_g for G panel rows y_g = y + g * kRows (V8
// gives wasm 15 SIMD registers: 2 x 4 accumulators and their 3 operands fit).
template <int G>
void dot_two(const std::int16_t* x0, const std::int16_t* x1, const std::int16_t* y, std::int32_t* out0,
             std::int32_t* out1) {
  v128_t a0[G], a1[G];
  for (int g = 0; g < G; ++g) a0[g] = a1[g] = wasm_i32x4_splat(0);
  for (int i = 0; i < kRows; i += 8) {
    const v128_t u = wasm_v128_load(x0 + i), v = wasm_v128_load(x1 + i);
    for (int g = 0; g < G; ++g) {
      const v128_t r = wasm_v128_load(y + g * kRows + i);
      a0[g] = wasm_i32x4_add(a0[g], wasm_i32x4_dot_i16x8(u, r));
      a1[g] = wasm_i32x4_add(a1[g], wasm_i32x4_dot_i16x8(v, r));
    }
  }
  for (int g = 0; g < G; ++g) {
    out0[g] = horizontal_sum(a0[g]);
    out1[g] = horizontal_sum(a1[g]);
  }
}

template <int G>
void dot_one(const std::int16_t* x0, const std::int16_t* y, std::int32_t* out0) {
  v128_t a0[G];
  for (int g = 0; g < G; ++g) a0[g] = wasm_i32x4_splat(0);
  for (int i = 0; i < kRows; i += 8) {
    const v128_t u = wasm_v128_load(x0 + i);
    for (int g = 0; g < G; ++g) a0[g] = wasm_i32x4_add(a0[g], wasm_i32x4_dot_i16x8(u, wasm_v128_load(y + g * kRows + i)));
  }
  for (int g = 0; g < G; ++g) out0[g] = horizontal_sum(a0[g]);
}

// Panel columns p (and p + 1) against q0 .. q0 + G - 1, into lower(used[.], used[.])
// on and below the diagonal.
template <int G>
void add_tile(const std::int16_t* panel, int p, int q0, bool two, const std::vector<int>& used, IntLower& lower) {
  std::int32_t out0[G], out1[G];
  const std::int16_t* x0 = panel + p * kRows;
  const std::int16_t* y = panel + q0 * kRows;
  if (two) dot_two<G>(x0, x0 + kRows, y, out0, out1);
  else dot_one<G>(x0, y, out0);
  for (int g = 0; g < G; ++g) {
    const int q = q0 + g;
    if (q <= p) lower(used[p], used[q]) += out0[g];
    if (two) lower(used[p + 1], used[q]) += out1[g];
  }
}

// Rows r0 .. r0 + count (count <= kRows) as a panel of the pixels nonzero in some of
// them, transposed to 16 bits: `used` gets their columns, `panel` kRows values for each
// (0 past count). MNIST's digits leave the borders empty.
void pixel_panel(const Eigen::Ref<const PixelMatrix>& rows, Eigen::Index r0, Eigen::Index count, std::vector<int>& used,
                 std::vector<std::int16_t>& panel) {
  const Eigen::Index d = rows.cols(), vectors = d / 16, stride = rows.outerStride();
  std::vector<std::uint8_t> any(static_cast<std::size_t>(d), 0);
  std::vector<v128_t> bits(static_cast<std::size_t>(vectors), wasm_i32x4_splat(0));
  for (Eigen::Index i = r0; i < r0 + count; ++i) {
    const std::uint8_t* x = rows.data() + i * stride;
    for (Eigen::Index v = 0; v < vectors; ++v) bits[v] = wasm_v128_or(bits[v], wasm_v128_load(x + 16 * v));
    for (Eigen::Index j = vectors * 16; j < d; ++j) any[static_cast<std::size_t>(j)] |= x[j];
  }
  for (Eigen::Index v = 0; v < vectors; ++v) wasm_v128_store(any.data() + 16 * v, bits[v]);
  used.clear();
  for (Eigen::Index j = 0; j < d; ++j)
    if (any[static_cast<std::size_t>(j)] != 0) used.push_back(static_cast<int>(j));
  panel.assign(used.size() * kRows, 0);
  for (std::size_t t = 0; t < used.size(); ++t) {
    const std::uint8_t* x = rows.data() + r0 * stride + used[t];
    std::int16_t* out = panel.data() + t * kRows;
    for (Eigen::Index i = 0; i < count; ++i) out[i] = x[i * stride];
  }
}

}  // namespace

void accumulate_pixel_cross_products(const Eigen::Ref<const PixelMatrix>& rows, IntLower& lower) {
  assert(lower.rows() == rows.cols() && lower.cols() == rows.cols() && "lower is d x d");
  std::vector<int> used;
  std::vector<std::int16_t> values;
  for (Eigen::Index r0 = 0; r0 < rows.rows(); r0 += kRows) {
    pixel_panel(rows, r0, std::min<Eigen::Index>(kRows, rows.rows() - r0), used, values);
    const int n = static_cast<int>(used.size());
    for (int p = 0; p < n; p += 2) {
      const bool two = p + 1 < n;
      const int last = two ? p + 1 : p;  // columns 0 .. last
      panel::for_each_output_group(last + 1, [&](auto group, int q0) {
        add_tile<decltype(group)::value>(values.data(), p, q0, two, used, lower);
      });
    }
  }
}

#endif

}  // namespace digitlab
