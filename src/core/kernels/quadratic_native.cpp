#include "core/kernels/quadratic_native.hpp"

#if defined(DIGITLAB_QUADRATIC_NATIVE)

#include <algorithm>
#include <cstring>
#include <type_traits>
#include <utility>

namespace digitlab::native_simd {

namespace {

#if defined(__AVX512F__)
constexpr int kLanes = 16;       // floats in a register
constexpr int kMaxOutputs = 10;  // outputs whose accumulators fit the registers (32)
#else
// AVX2: 16 registers of 8 floats. Measured on 58,880 rows of 30 scores, 10 outputs: 5
// outputs at a time beat 10 (spilled), 6 and 3; the scores take two registers of rows
// (scores_two_registers), the gradient one or two of features.
constexpr int kLanes = 8;
constexpr int kMaxOutputs = 5;
#endif
typedef float Lanes __attribute__((vector_size(4 * kLanes)));
typedef float UnalignedLanes __attribute__((vector_size(4 * kLanes), aligned(4)));

inline Lanes load(const float* p) { return *reinterpret_cast<const UnalignedLanes*>(p); }
inline void store(float* p, Lanes v) { *reinterpret_cast<UnalignedLanes*>(p) = v; }
// x in every lane. Not Lanes{} + x: without -ffast-math the compiler must keep that
// addition (0 + -0 is +0), a scalar add before every broadcast in the inner loops.
template <std::size_t... Lane>
inline Lanes splat_lanes(float x, std::index_sequence<Lane...>) { return Lanes{((void)Lane, x)...}; }
inline Lanes splat(float x) { return splat_lanes(x, std::make_index_sequence<kLanes>()); }

// Index of feature z_a z_a among the d features; z_a z_b (b >= a) follows at + (b - a).
inline int square_index(int a, int m) { return m + a * m - a * (a - 1) / 2; }

// Calls f(std::integral_constant<int, G>, k0) for outputs k0 .. k0 + G - 1, G <= kMaxOutputs.
template <typename F>
void for_each_group(int K, F&& f) {
  for (int k0 = 0; k0 < K; k0 += kMaxOutputs) {
    switch (std::min(kMaxOutputs, K - k0)) {
// Groups wider than kMaxOutputs never occur; they are not compiled (AVX2: 6 to 10).
#define DIGITLAB_GROUP(g) \
  case g:                 \
    if constexpr (g <= kMaxOutputs) f(std::integral_constant<int, g>(), k0); \
    break;
      DIGITLAB_GROUP(1) DIGITLAB_GROUP(2) DIGITLAB_GROUP(3) DIGITLAB_GROUP(4) DIGITLAB_GROUP(5)
      DIGITLAB_GROUP(6) DIGITLAB_GROUP(7) DIGITLAB_GROUP(8) DIGITLAB_GROUP(9) DIGITLAB_GROUP(10)
#undef DIGITLAB_GROUP
    }
  }
}

// One register of rows (AVX-512's kernel, and AVX2's for a block's last rows): for each
// output acc = W_a + sum_{b >= a} W_ab z_b, then out += z_a acc. With AVX-512's 10 outputs
// those are 10 chains of multiply-adds (measured 2026-12-03).
template <int G>
void scores_one_register(const float* zt, int np, int n, int m, const float* w, const float* b, int K, int k0, float* S,
                         int first_row = 0) {
  for (int r0 = first_row; r0 < np; r0 += kLanes) {
    Lanes out[G];
    for (int g = 0; g < G; ++g) out[g] = splat(b[k0 + g]);
    for (int a = 0; a < m; ++a) {
      Lanes acc[G];
      for (int g = 0; g < G; ++g) acc[g] = splat(w[a * K + k0 + g]);
      const float* wb = w + static_cast<std::ptrdiff_t>(square_index(a, m)) * K + k0;
      for (int bb = a; bb < m; ++bb, wb += K) {
        const Lanes zb = load(zt + static_cast<std::ptrdiff_t>(bb) * np + r0);
        for (int g = 0; g < G; ++g) acc[g] += zb * splat(wb[g]);
      }
      const Lanes za = load(zt + static_cast<std::ptrdiff_t>(a) * np + r0);
      for (int g = 0; g < G; ++g) out[g] += za * acc[g];
    }
    const int valid = std::min(kLanes, n - r0);
    for (int g = 0; g < G; ++g) {
      float* column = S + static_cast<std::ptrdiff_t>(k0 + g) * n + r0;
      if (valid == kLanes) {
        store(column, out[g]);
      } else {
        float lanes[kLanes];
        std::memcpy(lanes, &out[g], sizeof lanes);
        std::copy_n(lanes, valid, column);
      }
    }
  }
}

// AVX2: two registers of rows, and z_a z_b formed once for both and every output:
// out += (z_a z_b) W_ab. With 5 outputs and one register the loop above has 5 chains of
// multiply-adds, under the 8 that two a cycle at 4 cycles' latency need. That loop on two
// registers needs 10 accumulators beside its 10 outputs: the compiler then kept outputs on
// the stack and loaded z_b again for every multiply-add, and it gained nothing. Here the 10
// outputs are the chains. Measured on 230 blocks of 256 rows (a pass): 7.0 ms against 8.7
// with the loop above, 9.3 with this one on one register.
template <int G>
void scores_two_registers(const float* zt, int np, int n, int m, const float* w, const float* b, int K, int k0,
                          float* S, int r0) {
  Lanes out[2][G];
  for (int g = 0; g < G; ++g) out[0][g] = out[1][g] = splat(b[k0 + g]);
  for (int a = 0; a < m; ++a) {
    const Lanes za[2] = {load(zt + static_cast<std::ptrdiff_t>(a) * np + r0),
                         load(zt + static_cast<std::ptrdiff_t>(a) * np + r0 + kLanes)};
    for (int g = 0; g < G; ++g) {
      const Lanes wv = splat(w[a * K + k0 + g]);
      out[0][g] += za[0] * wv;
      out[1][g] += za[1] * wv;
    }
    const float* wb = w + static_cast<std::ptrdiff_t>(square_index(a, m)) * K + k0;
    for (int bb = a; bb < m; ++bb, wb += K) {
      const float* zb = zt + static_cast<std::ptrdiff_t>(bb) * np + r0;
      const Lanes p0 = za[0] * load(zb), p1 = za[1] * load(zb + kLanes);
      for (int g = 0; g < G; ++g) {
        const Lanes wv = splat(wb[g]);
        out[0][g] += p0 * wv;
        out[1][g] += p1 * wv;
      }
    }
  }
  for (int g = 0; g < G; ++g) {
    store(S + static_cast<std::ptrdiff_t>(k0 + g) * n + r0, out[0][g]);
    store(S + static_cast<std::ptrdiff_t>(k0 + g) * n + r0 + kLanes, out[1][g]);
  }
}

template <int G>
void scores_group(const float* zt, int np, int n, int m, const float* w, const float* b, int K, int k0, float* S) {
  if constexpr (kLanes == 16) {
    scores_one_register<G>(zt, np, n, m, w, b, K, k0, S);
  } else {
    // Two registers while both hold rows below n (their stores are whole); the rest as above.
    int r0 = 0;
    for (; r0 + 2 * kLanes <= n; r0 += 2 * kLanes) scores_two_registers<G>(zt, np, n, m, w, b, K, k0, S, r0);
    scores_one_register<G>(zt, np, n, m, w, b, K, k0, S, r0);
  }
}

// out[t, k0 + g] += sum_r z[r, first + t] y_g[r] for t < len, with y_g the g-th of G
// columns of n floats at y (G itself, or G scaled by z_a). Up to two registers' worth of
// t at once; the rows' zeros past m make the extra lanes add nothing, and they are not
// written back.
template <int G, bool Two>
void segment_chunk(const float* z, int zs, int n, int first, const float* y, int k0, float* out, int d, int len) {
  Lanes acc0[G], acc1[G];
  for (int g = 0; g < G; ++g) acc0[g] = acc1[g] = Lanes{};
  for (int r = 0; r < n; ++r) {
    const float* row = z + static_cast<std::ptrdiff_t>(r) * zs;
    const Lanes s0 = load(row + first), s1 = Two ? load(row + first + kLanes) : Lanes{};
    for (int g = 0; g < G; ++g) {
      const Lanes yv = splat(y[static_cast<std::ptrdiff_t>(g) * n + r]);
      acc0[g] += s0 * yv;
      if (Two) acc1[g] += s1 * yv;
    }
  }
  for (int g = 0; g < G; ++g) {
    float lanes[2 * kLanes];
    std::memcpy(lanes, &acc0[g], sizeof(Lanes));
    std::memcpy(lanes + kLanes, &acc1[g], sizeof(Lanes));
    float* column = out + static_cast<std::ptrdiff_t>(k0 + g) * d;
    for (int t = 0; t < len; ++t) column[t] += lanes[t];
  }
}

template <int G>
void segment_gradient(const float* z, int zs, int n, int first, int len, const float* y, int k0, float* out, int d) {
  for (int c = 0; c < len; c += 2 * kLanes) {
    const int part = std::min(2 * kLanes, len - c);
    if (part > kLanes)
      segment_chunk<G, true>(z, zs, n, first + c, y, k0, out + c, d, part);
    else
      segment_chunk<G, false>(z, zs, n, first + c, y, k0, out + c, d, part);
  }
}

}  // namespace

int padded_stride(int m) { return (m + kLanes - 1) / kLanes * kLanes + 2 * kLanes; }
int padded_rows(int n) { return (n + kLanes - 1) / kLanes * kLanes; }

void quadratic_scores(const float* zt, int np, int n, int m, const float* w_by_row, const float* b, int K, float* S) {
  for_each_group(K, [&](auto group, int k0) {
    scores_group<decltype(group)::value>(zt, np, n, m, w_by_row, b, K, k0, S);
  });
}

int gradient_scratch_size(int n) { return kMaxOutputs * n; }

void quadratic_gradient(const float* z, const float* zt, int np, int n, int m, const float* G, int K, float* grad,
                        float* scaled) {
  const int zs = padded_stride(m), d = m + m * (m + 1) / 2;
  for_each_group(K, [&](auto group, int k0) {
    constexpr int g = decltype(group)::value;
    const float* Gk = G + static_cast<std::ptrdiff_t>(k0) * n;
    segment_gradient<g>(z, zs, n, 0, m, Gk, k0, grad, d);  // the linear features z_a
    for (int a = 0; a < m; ++a) {                          // z_a z_b for b >= a: G scaled by z_a once
      const float* za = zt + static_cast<std::ptrdiff_t>(a) * np;
      for (int j = 0; j < g; ++j)
        for (int r = 0; r < n; ++r) scaled[static_cast<std::ptrdiff_t>(j) * n + r] = za[r] * Gk[static_cast<std::ptrdiff_t>(j) * n + r];
      segment_gradient<g>(z, zs, n, a, m - a, scaled, k0, grad + square_index(a, m), d);
    }
  });
}

}  // namespace digitlab::native_simd

#endif
