#include "core/kernels/cross_products.hpp"

#include <algorithm>
#include <cassert>
#include <vector>

#include "core/kernels/panel_kernels.hpp"

namespace digitlab {

#if !defined(__wasm_simd128__)

void accumulate_cross_products(const Eigen::Ref<const Matrix>& rows, Eigen::MatrixXf& lower) {
  assert(lower.rows() == rows.cols() && lower.cols() == rows.cols() && "lower is d x d");
  lower.selfadjointView<Eigen::Lower>().rankUpdate(rows.transpose());
}

#else

namespace {

// Columns p and p + 1 of the panel against columns q0 .. q0 + G - 1 (all <= p + 1);
// the entries on or below the diagonal go to lower(used[.], used[.]).
template <int G>
void add_tile(const float* values, int p, int q0, bool two, const std::vector<int>& used, Eigen::MatrixXf& lower) {
  float out0[G] = {}, out1[G] = {};
  const float* x0 = values + p * panel::kRows;
  const float* y = values + q0 * panel::kRows;
  if (two) panel::dot_two<G>(x0, x0 + panel::kRows, y, out0, out1);
  else panel::dot_one<G>(x0, y, out0);
  for (int g = 0; g < G; ++g) {
    const int q = q0 + g;
    if (q <= p) lower(used[p], used[q]) += out0[g];
    if (two) lower(used[p + 1], used[q]) += out1[g];
  }
}

}  // namespace

void accumulate_cross_products(const Eigen::Ref<const Matrix>& rows, Eigen::MatrixXf& lower) {
  assert(lower.rows() == rows.cols() && lower.cols() == rows.cols() && "lower is d x d");
  std::vector<int> used;
  FloatBuffer values;
  for (Eigen::Index r0 = 0; r0 < rows.rows(); r0 += panel::kRows) {
    used.clear();
    values.clear();
    panel::append_nonzero_panel(rows, r0, std::min<Eigen::Index>(panel::kRows, rows.rows() - r0), used, values);
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
