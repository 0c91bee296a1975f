// One block of degree-2 features [z_a, then z_a z_b for a <= b] (PolynomialFeatures(2)'s
// order) for the objective's two products: scores S = X W + b and the gradient's X^T G.
//
// Natively with AVX-512, or AVX2 and FMA, both products come from z directly as well
// (quadratic_native.hpp); without them the block is expanded once and Eigen's GEMM does
// both products. In wasm the expanded block (256 x 495 floats, half a megabyte) falls out
// of the L1 cache between the two products, so they are computed from z directly,
//   S_k = b_k + sum_a z_a (W_a,k + sum_{b >= a} W_ab,k z_b),   grad_ab,k += sum_i z_a z_b G_k,
// 128 rows at a time with z transposed (m x 128 floats, 15 KB for 30 components): every
// operand stays in L1 and the SIMD lanes run over rows, which keeps the kernels' loads
// contiguous and their accumulators in registers.
//
//   QuadraticBlock block;
//   block.load(Z);                       // rows x m base features
//   block.scores(W, b, S);               // S = poly2(Z) W + b
//   block.accumulate_gradient(G, grad);  // grad += poly2(Z)^T G
#pragma once

#include <vector>

#include "core/common/types.hpp"
#include "core/kernels/float_buffer.hpp"
#include "core/kernels/quadratic_native.hpp"  // DIGITLAB_QUADRATIC_NATIVE

namespace digitlab {

class QuadraticBlock {
 public:
  void load(const Eigen::Ref<const Matrix>& base_rows);
  Eigen::Index rows() const { return rows_; }
  Eigen::Index feature_count() const { return base_count_ + base_count_ * (base_count_ + 1) / 2; }

  // S (rows x K) = poly2(Z) W + b, for W (feature_count x K).
  void scores(const Eigen::MatrixXf& W, const Eigen::RowVectorXf& b, Eigen::MatrixXf& S);
  // grad (feature_count x K) += poly2(Z)^T G, for G (rows x K).
  void accumulate_gradient(const Eigen::MatrixXf& G, Eigen::MatrixXf& grad);

 private:
  Eigen::Index rows_ = 0, base_count_ = 0;
  Matrix expanded_;  // native without AVX-512 or AVX2: the expanded block
#if defined(DIGITLAB_QUADRATIC_NATIVE)
  // Native SIMD: panels_ holds Z by rows (padded) and products_ Z transposed, both for a block
  // of loaded_rows_ x loaded_base_; weights_by_row_ W; panel_ the gradient's scratch.
  int loaded_rows_ = -1, loaded_base_ = -1;
#endif
  // wasm: z transposed, one m x 128 panel per 128 rows (the last one zero-padded), and
  // scratch for W by rows, one panel of scores or of G, and the gradient by rows.
  FloatBuffer panels_, weights_by_row_, panel_, products_, gradient_by_row_;
};

}  // namespace digitlab
