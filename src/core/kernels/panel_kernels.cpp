#include "core/kernels/panel_kernels.hpp"

#if defined(__wasm_simd128__)

#include <algorithm>
#include <cstdint>

namespace digitlab::panel {

void append_nonzero_panel(const Eigen::Ref<const Matrix>& rows, Eigen::Index r0, Eigen::Index count,
                          std::vector<int>& used, FloatBuffer& panels) {
  const Eigen::Index d = rows.cols(), vectors = d / 4;
  // Per column, the OR of its values' bits over the rows, four columns per vector.
  std::vector<v128_t> bits(static_cast<std::size_t>(vectors), wasm_i32x4_splat(0));
  std::vector<std::uint32_t> flags(static_cast<std::size_t>(d), 0);
  for (Eigen::Index i = r0; i < r0 + count; ++i) {
    const float* x = rows.data() + i * rows.outerStride();
    for (Eigen::Index v = 0; v < vectors; ++v) bits[v] = wasm_v128_or(bits[v], wasm_v128_load(x + 4 * v));
    for (Eigen::Index j = vectors * 4; j < d; ++j) flags[static_cast<std::size_t>(j)] |= x[j] != 0.0f;
  }
  for (Eigen::Index v = 0; v < vectors; ++v) wasm_v128_store(flags.data() + 4 * v, bits[v]);
  const std::size_t start = used.size();
  for (Eigen::Index j = 0; j < d; ++j)
    if (flags[static_cast<std::size_t>(j)] != 0) used.push_back(static_cast<int>(j));
  const std::size_t panel_start = panels.size();
  panels.resize(panel_start + (used.size() - start) * kRows, 0.0f);
  // Column by column: each write run is contiguous, the reads hit the block in cache.
  float* panel = panels.data() + panel_start;
  for (std::size_t t = start; t < used.size(); ++t, panel += kRows) {
    const float* x = rows.data() + r0 * rows.outerStride() + used[t];
    for (Eigen::Index i = 0; i < count; ++i) panel[i] = x[i * rows.outerStride()];
  }
}

void columns_to_panel(const Eigen::MatrixXf& M, Eigen::Index r0, FloatBuffer& panel) {
  const Eigen::Index valid = std::min<Eigen::Index>(kRows, M.rows() - r0);
  panel.assign(static_cast<std::size_t>(M.cols()) * kRows, 0.0f);
  for (Eigen::Index k = 0; k < M.cols(); ++k)
    Eigen::Map<Eigen::VectorXf>(panel.data() + k * kRows, valid) = M.col(k).segment(r0, valid);
}

void panel_to_columns(const FloatBuffer& panel, Eigen::Index r0, Eigen::MatrixXf& M) {
  const Eigen::Index valid = std::min<Eigen::Index>(kRows, M.rows() - r0);
  for (Eigen::Index k = 0; k < M.cols(); ++k)
    M.col(k).segment(r0, valid) = Eigen::Map<const Eigen::VectorXf>(panel.data() + k * kRows, valid);
}

}  // namespace digitlab::panel

#endif
