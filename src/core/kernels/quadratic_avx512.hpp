// The native degree-2 kernels where the CPU has AVX-512: the same two products as
// QuadraticBlock's (scores S = poly2(Z) W + b and the gradient's poly2(Z)^T G) computed
// from the base features Z, never from the expanded block. Eigen's GEMM on the expanded
// block spends a third of its time packing it and handles 10 outputs in panels of 4.
//
//   scores: 16 rows at a time, S_k = b_k + sum_a z_a (W_a,k + sum_{b >= a} W_ab,k z_b),
//     with Z transposed (zt) so the lanes run over rows and every output stays in registers;
//   gradient: grad_ab,k = sum_r z_a z_b G_k, with the lanes over b (up to 32 at once) and
//     the sum over rows in registers: no horizontal sums.
// Both take the outputs 10 at a time (20 accumulators and their operands fit the 32
// registers).
#pragma once

#if defined(__AVX512F__) && !defined(__wasm_simd128__)
#define DIGITLAB_QUADRATIC_AVX512 1

namespace digitlab::avx512 {

// Rows of z padded for the kernels' reads: at least m rounded up to 16, plus 32 zeros.
int padded_stride(int m);

// S (n x K, column-major, leading dimension n) = poly2(Z) W + b. zt: Z transposed, m rows
// of np floats (np = n rounded up to 16, zero past n); w_by_row: W as d x K row-major.
void quadratic_scores(const float* zt, int np, int n, int m, const float* w_by_row, const float* b, int K, float* S);

// grad (d x K, column-major, leading dimension d) += poly2(Z)^T G. z: n rows of m features
// at stride padded_stride(m), zero past m; G: n x K column-major.
void quadratic_gradient(const float* z, int n, int m, const float* G, int K, float* grad);

}  // namespace digitlab::avx512

#endif
