// One block of plain features (pixels, scaled pixels, PCA scores) for the objective's
// two products: scores S = X W + b and the gradient's X^T G.
//
// Natively Eigen's GEMM reads the rows where they are. In wasm, where Eigen has no SIMD
// path, the rows go 128 at a time into transposed panels (panel_kernels.hpp) that keep
// only the features nonzero in some row of the panel: a zero feature adds nothing to a
// score and gets nothing from the gradient, and MNIST's digits leave the borders empty.
//
//   LinearBlock block;
//   block.load(X);                       // rows x d; must outlive the two calls below
//   block.scores(W, b, S);               // S = X W + b
//   block.accumulate_gradient(G, grad);  // grad += X^T G
#pragma once

#include <vector>

#include "core/common/types.hpp"
#include "core/kernels/float_buffer.hpp"

namespace digitlab {

class LinearBlock {
 public:
  void load(const Eigen::Ref<const Matrix>& rows);
  Eigen::Index rows() const { return rows_; }

  // S (rows x K) = X W + b, for W (d x K).
  void scores(const Eigen::MatrixXf& W, const Eigen::RowVectorXf& b, Eigen::MatrixXf& S);
  // grad (d x K) += X^T G, for G (rows x K).
  void accumulate_gradient(const Eigen::MatrixXf& G, Eigen::MatrixXf& grad);

 private:
  Eigen::Index rows_ = 0, cols_ = 0;
  // native: the rows in place
  const float* data_ = nullptr;
  Eigen::Index stride_ = 0;
  // wasm: panel p holds features used_[first_[p] .. first_[p + 1]) transposed, from
  // panels_[first_[p] * 128]; scratch for the panel's weights, scores or G, and gradient.
  std::vector<int> used_, first_;
  FloatBuffer panels_, panel_weights_, panel_, panel_gradient_, gradient_by_row_;
};

}  // namespace digitlab
