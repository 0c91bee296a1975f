// The native degree-2 kernels where the CPU has AVX-512, or AVX2 with FMA: the same two products as
// QuadraticBlock's (scores S = poly2(Z) W + b and the gradient's poly2(Z)^T G) computed
// from the base features Z, never from the expanded block. Eigen's GEMM on the expanded
// block spends a third of its time packing it and handles 10 outputs in panels of 4.
//
//   scores: 16 rows at a time, S_k = b_k + sum_a z_a (W_a,k + sum_{b >= a} W_ab,k z_b), with
//     Z transposed (zt) so the lanes run over rows and every output stays in registers;
//     with AVX2 16 rows in two registers, S_k = b_k + sum_a (z_a W_a,k + sum_{b >= a} (z_a z_b) W_ab,k);
//   gradient: grad_ab,k = sum_r z_b (z_a G_k), with G scaled by z_a once per a, the lanes
//     over b (up to 32 at once, 16 with AVX2) and the sum over rows in registers: no
//     horizontal sums.
// Both take the outputs 10 at a time with AVX-512 (20 accumulators and their operands fit
// the 32 registers) and 5 at a time with AVX2 (10 accumulators in its 16).
#pragma once

#if (defined(__AVX512F__) || (defined(__AVX2__) && defined(__FMA__))) && !defined(__wasm_simd128__)
#define DIGITLAB_QUADRATIC_NATIVE 1

namespace digitlab::native_simd {

// Rows of z padded for the kernels' reads: m rounded up to the lanes (16, or 8 with
// AVX2), plus two lanes' worth of zeros.
int padded_stride(int m);
// n rounded up to the lanes: the length of a row of Z transposed.
int padded_rows(int n);

// S (n x K, column-major, leading dimension n) = poly2(Z) W + b. zt: Z transposed, m rows
// of np = padded_rows(n) floats, zero past n; w_by_row: W as d x K row-major.
void quadratic_scores(const float* zt, int np, int n, int m, const float* w_by_row, const float* b, int K, float* S);

// grad (d x K, column-major, leading dimension d) += poly2(Z)^T G. z: n rows of m features
// at stride padded_stride(m), zero past m; zt and np: Z transposed as for the scores;
// G: n x K column-major. scratch: gradient_scratch_size(n) floats, reused between calls
// (the caller keeps it: a pass has about 230 blocks).
void quadratic_gradient(const float* z, const float* zt, int np, int n, int m, const float* G, int K, float* grad,
                        float* scratch);
int gradient_scratch_size(int n);

}  // namespace digitlab::native_simd

#endif
