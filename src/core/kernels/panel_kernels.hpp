// WebAssembly SIMD building blocks shared by the wasm kernels (linear_block.cpp,
// quadratic_block.cpp, cross_products.cpp): dot products of rows of a "panel", a block of 128 rows stored
// transposed so that one feature's 128 values are contiguous and the SIMD lanes run
// over rows. Only compiled with -msimd128.
//
// Why these shapes: V8 gives wasm 15 SIMD registers on x64 and does not reorder
// loads, so a kernel holds at most 2 x 4 accumulators plus their 6 operands; the panel
// length is a compile-time constant so every stride is an immediate offset.
#pragma once

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>

#include <algorithm>
#include <type_traits>
#include <vector>

#include "core/common/types.hpp"
#include "core/kernels/float_buffer.hpp"

namespace digitlab::panel {

constexpr int kRows = 128;

// Calls f(std::integral_constant<int, G>(), k0) for k0 = 0, 4, 8, ... below K with
// G = min(4, K - k0): the kernels take their output count as a template parameter.
template <typename F>
void for_each_output_group(int K, F&& f) {
  for (int k0 = 0; k0 < K; k0 += 4) {
    switch (std::min(4, K - k0)) {
      case 1: f(std::integral_constant<int, 1>(), k0); break;
      case 2: f(std::integral_constant<int, 2>(), k0); break;
      case 3: f(std::integral_constant<int, 3>(), k0); break;
      default: f(std::integral_constant<int, 4>(), k0); break;
    }
  }
}

// Rows r0 .. r0 + kRows of M (n x K) as K panel rows (K x kRows), 0 past M's end.
void columns_to_panel(const Eigen::MatrixXf& M, Eigen::Index r0, FloatBuffer& panel);
// The panel's K rows back into rows r0 .. of M, as far as M goes.
void panel_to_columns(const FloatBuffer& panel, Eigen::Index r0, Eigen::MatrixXf& M);

// Rows r0 .. r0 + count (count <= kRows) as one panel of the features that are nonzero
// in some of them (anything but +0): appends those features' indices to `used` and
// their values, one kRows run per feature with the padding rows 0, to `panels`.
void append_nonzero_panel(const Eigen::Ref<const Matrix>& rows, Eigen::Index r0, Eigen::Index count,
                          std::vector<int>& used, FloatBuffer& panels);

// acc + x * y. With DIGITLAB_WASM_RELAXED, one fused multiply-add (relaxed SIMD's
// f32x4.relaxed_madd, x * y + acc): clang 14 only knows the instruction's prototype,
// f32x4.fma, whose opcode scripts/relaxed-simd-opcodes.mjs rewrites after linking; a
// newer clang names the standard's own.
inline v128_t madd(v128_t x, v128_t y, v128_t acc) {
#if defined(DIGITLAB_WASM_RELAXED) && __has_builtin(__builtin_wasm_relaxed_madd_f32x4)
  return __builtin_wasm_relaxed_madd_f32x4(x, y, acc);
#elif defined(DIGITLAB_WASM_RELAXED)
  return __builtin_wasm_fma_f32x4(x, y, acc);
#else
  return wasm_f32x4_add(acc, wasm_f32x4_mul(x, y));
#endif
}

inline float horizontal_sum(v128_t v) {
  v = wasm_f32x4_add(v, wasm_i32x4_shuffle(v, v, 2, 3, 0, 1));
  v = wasm_f32x4_add(v, wasm_i32x4_shuffle(v, v, 1, 0, 3, 2));
  return wasm_f32x4_extract_lane(v, 0);
}

// out0[g] += x0 . y_g and out1[g] += x1 . y_g for G rows y_g = y + g * kRows.
template <int G>
void dot_two(const float* x0, const float* x1, const float* y, float* out0, float* out1) {
  v128_t a0[G], a1[G];
  for (int g = 0; g < G; ++g) a0[g] = a1[g] = wasm_f32x4_splat(0.0f);
  for (int i = 0; i < kRows; i += 4) {
    const v128_t u = wasm_v128_load(x0 + i), v = wasm_v128_load(x1 + i);
    for (int g = 0; g < G; ++g) {
      const v128_t r = wasm_v128_load(y + g * kRows + i);
      a0[g] = madd(u, r, a0[g]);
      a1[g] = madd(v, r, a1[g]);
    }
  }
  for (int g = 0; g < G; ++g) {
    out0[g] += horizontal_sum(a0[g]);
    out1[g] += horizontal_sum(a1[g]);
  }
}

// out0[g] += x0 . y_g.
template <int G>
void dot_one(const float* x0, const float* y, float* out0) {
  v128_t a0[G];
  for (int g = 0; g < G; ++g) a0[g] = wasm_f32x4_splat(0.0f);
  for (int i = 0; i < kRows; i += 4) {
    const v128_t u = wasm_v128_load(x0 + i);
    for (int g = 0; g < G; ++g) a0[g] = madd(u, wasm_v128_load(y + g * kRows + i), a0[g]);
  }
  for (int g = 0; g < G; ++g) out0[g] += horizontal_sum(a0[g]);
}

}  // namespace digitlab::panel

#endif
