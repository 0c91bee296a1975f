// The two products that make up nearly all of a logistic-regression pass, for K
// outputs (10 digits): scores S = X W + b, and the gradient's G^T X accumulated into
// W's gradient, with Eigen's GEMM (AVX2 or AVX-512 natively). In wasm, where Eigen 3.4 has no
// SIMD path, LinearBlock and QuadraticBlock compute them with their own kernels
// instead; the softmax's exponential below has a wasm SIMD version here.
#pragma once

#include "core/common/types.hpp"

namespace digitlab {

// S (n x K) = X (n x d) * W (d x K) + b.
void linear_scores(const Eigen::Ref<const Matrix>& X, const Eigen::MatrixXf& W, const Eigen::RowVectorXf& b,
                   Eigen::MatrixXf& S);

// grad (d x K) += X^T (n x d)^T * G (n x K).
void accumulate_gradient(const Eigen::Ref<const Matrix>& X, const Eigen::MatrixXf& G, Eigen::MatrixXf& grad);

// m = exp(m), element-wise, for arguments <= 0 (softmax after subtracting the row
// maximum). Eigen vectorizes exp natively; in wasm it is Cephes' expf polynomial
// (relative error about 1e-7) four lanes at a time.
void exp_nonpositive(Eigen::MatrixXf& m);

}  // namespace digitlab
