// The PCA covariance's one heavy product: lower += X^T X for a block of rows, into the
// lower triangle of a d x d float matrix.
//
// Natively that is Eigen's rank update. Eigen has no SIMD path in wasm, so there the
// rows go 128 at a time into a transposed panel (panel_kernels.hpp) that keeps only the
// pixels nonzero in some row of it: MNIST's digits leave the borders empty, so a panel
// holds far fewer than 784 columns and the product shrinks with their square.
//
//   Eigen::MatrixXf lower = Eigen::MatrixXf::Zero(d, d);
//   accumulate_cross_products(block, lower);   // lower(i, j), i >= j: sum of x_i x_j
#pragma once

#include "core/common/types.hpp"

namespace digitlab {

void accumulate_cross_products(const Eigen::Ref<const Matrix>& rows, Eigen::MatrixXf& lower);

}  // namespace digitlab
