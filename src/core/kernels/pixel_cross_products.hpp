// The PCA covariance's heavy product for 8-bit pixel rows, exact: lower += X^T X over
// the raw values 0..255, in 32-bit integers. The scaling the pipeline applies first
// (MinMax, Standard: a * x + b per column) is applied afterwards to the finished sums
// (core/preprocessing/pca.hpp), where covariance needs only a_i a_j.
//
// Why integers: in wasm, where the float kernel (cross_products.hpp) adds 4 products per
// SIMD multiply and add, i32x4.dot_i16x8_s adds 8 per dot and add: measured in wasm
// (node), the PCA covariance stage of the page's 58,000 training digits took 0.39 s
// against 0.66. And the sums are exact, so the native and wasm builds start from the
// same sums, bit for bit.
//
// An entry is at most 255 * 255 * rows: kMaxExactRows rows fit in an int32.
//
//   Eigen::Matrix<std::int32_t, Eigen::Dynamic, Eigen::Dynamic> lower = ...Zero(d, d);
//   accumulate_pixel_cross_products(block, lower);  // lower(i, j), i >= j: sum of x_i x_j
#pragma once

#include <cstdint>

#include "core/common/types.hpp"

namespace digitlab {

using IntLower = Eigen::Matrix<std::int32_t, Eigen::Dynamic, Eigen::Dynamic>;

// 2^31 / 255^2 = 33,025.5: the rows an int32 entry can sum before it may overflow.
constexpr Eigen::Index kMaxExactRows = 32768;

// Adds the rows' cross products into lower's lower triangle (d x d). The caller moves
// lower into wider sums before it has taken kMaxExactRows rows.
void accumulate_pixel_cross_products(const Eigen::Ref<const PixelMatrix>& rows, IntLower& lower);

}  // namespace digitlab
