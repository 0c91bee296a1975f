// Helpers shared by the tests: scratch files and small synthetic data.
#pragma once

#include <zlib.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "core/common/types.hpp"
#include "core/data/dataset.hpp"

namespace digitlab::testing {

inline std::string scratch_path(const std::string& name) {
  const char* dir = std::getenv("TMPDIR");
  return std::string(dir && *dir ? dir : "/tmp") + "/digitlab_test_" + name;
}

inline void write_bytes(const std::string& path, const std::vector<std::uint8_t>& bytes) {
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) throw std::runtime_error("cannot write " + path);
  std::fwrite(bytes.data(), 1, bytes.size(), f);
  std::fclose(f);
}

// gzip-compresses with zlib (windowBits 31 writes the gzip wrapper).
inline std::vector<std::uint8_t> gzip_bytes(const std::vector<std::uint8_t>& plain) {
  z_stream s{};
  deflateInit2(&s, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY);
  std::vector<std::uint8_t> out(deflateBound(&s, static_cast<uLong>(plain.size())) + 32);
  s.next_in = const_cast<Bytef*>(plain.data());
  s.avail_in = static_cast<uInt>(plain.size());
  s.next_out = out.data();
  s.avail_out = static_cast<uInt>(out.size());
  deflate(&s, Z_FINISH);
  out.resize(s.total_out);
  deflateEnd(&s);
  return out;
}

// The MNIST folder the test run was given; tests that need it fail loudly without it.
inline std::string mnist_dir() {
  const char* dir = std::getenv("MNIST_DIR");
  return dir ? dir : "";
}

// n rows of d features, sin(0.37 (r+1)(c+2) + phase): varied, bounded, reproducible
// (the solvers' tests fit logistic regressions on them).
inline Matrix wavy_features(int n, int d, float phase) {
  Matrix X(n, d);
  for (int r = 0; r < n; ++r)
    for (int c = 0; c < d; ++c) X(r, c) = std::sin(0.37f * (r + 1) * (c + 2) + phase);
  return X;
}

// n 4x4 "images" of 3 classes: class c brightens the pixels of row c, over noise.
inline Dataset pixel_blobs(int n, unsigned seed) {
  Dataset d;
  d.name = "blobs";
  d.image_rows = d.image_cols = 4;
  d.n_classes = 3;
  d.pixels.resize(n, 16);
  d.labels.resize(static_cast<std::size_t>(n));
  std::mt19937 random(seed);
  std::uniform_int_distribution<int> noise(0, 120);
  for (int i = 0; i < n; ++i) {
    const int label = i % 3;
    d.labels[static_cast<std::size_t>(i)] = label;
    for (int p = 0; p < 16; ++p) d.pixels(i, p) = static_cast<std::uint8_t>(noise(random) + (p / 4 == label ? 130 : 0));
  }
  return d;
}

}  // namespace digitlab::testing
