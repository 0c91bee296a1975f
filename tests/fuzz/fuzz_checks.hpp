// What the fuzz targets (tests/fuzz/fuzz_*.cpp) and the corpus replay test
// (tests/test_fuzz_corpus.cpp) do with one input: parse it as a file from outside would
// be parsed, and when it parses, use it. Bad input must end in DataError; an invariant
// that breaks throws std::logic_error; anything else escaping, a crash or a sanitizer
// report is a bug in the core.
//
//   digitlab::fuzz::check_idx_bytes(bytes);     // decode_idx, then make_dataset
//   digitlab::fuzz::check_model_bytes(bytes);   // decode_model as is, and with its CRC fixed
#pragma once

#include <zlib.h>

#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "core/data/dataset.hpp"
#include "core/data/idx_file.hpp"
#include "core/linear_model/model_file.hpp"

namespace digitlab::fuzz {

inline void expect(bool condition, const char* what) {
  if (!condition) throw std::logic_error(what);
}

// Plain or gzip-compressed IDX bytes; when they parse, as images (3-D) with made-up
// labels, or as labels (1-D) for made-up one-pixel images.
inline void check_idx_bytes(const std::vector<std::uint8_t>& bytes) {
  try {
    const IdxArray a = decode_idx(bytes, "fuzz.idx");
    std::uint64_t elements = 1;
    for (std::uint32_t d : a.dims) elements *= d;
    expect(!a.dims.empty() && elements == a.data.size(), "IDX data size differs from its dimensions");
    if (!is_gzip(bytes)) expect(encode_idx(a) == bytes, "a parsed plain IDX file does not re-encode to itself");
    // The made-up counterpart has one entry per item: only when that is small, since an
    // empty array may announce up to 2^31 items of size 0 without holding a byte.
    if (a.dims[0] > (1u << 20)) return;
    if (a.dims.size() == 3) {
      IdxArray labels;
      labels.dims = {a.dims[0]};
      labels.data.assign(a.dims[0], 0);
      const Dataset d = make_dataset(a, labels, "images", "labels", "fuzz");
      expect(d.size() == static_cast<int>(a.dims[0]), "dataset size differs from the image count");
    } else if (a.dims.size() == 1) {
      IdxArray images;
      images.dims = {a.dims[0], 1, 1};
      images.data.assign(a.dims[0], 0);
      const Dataset d = make_dataset(images, a, "images", "labels", "fuzz");
      for (int label : d.labels) expect(label >= 0 && label < 10, "a label outside 0..9 was accepted");
    }
  } catch (const DataError&) {
  }
}

// One model file: decoded, and when it decodes, used to predict and written again.
inline void check_one_model(const std::vector<std::uint8_t>& bytes) {
  try {
    const ModelFile m = decode_model(bytes, "fuzz.dlm");
    const int inputs = m.pipeline.input_features();
    expect(inputs == m.image_rows * m.image_cols, "input count differs from the image shape");
    Matrix x(2, inputs);
    x.row(0).setZero();
    x.row(1).setConstant(255.0f);
    const Eigen::MatrixXf p = m.pipeline.predict_proba(x);
    expect(p.rows() == 2 && p.cols() == m.pipeline.model().n_classes(), "probabilities have the wrong shape");
    const std::vector<std::uint8_t> again = encode_model(m);
    expect(encode_model(decode_model(again, "again.dlm")) == again, "a model does not round-trip");
  } catch (const DataError&) {
  }
}

// As is (most mutations end at the checksum), then with the CRC-32 rewritten so that
// mutations reach every check behind it.
inline void check_model_bytes(const std::vector<std::uint8_t>& bytes) {
  check_one_model(bytes);
  if (bytes.size() < 16) return;
  std::vector<std::uint8_t> fixed = bytes;
  const auto crc = static_cast<std::uint32_t>(crc32(0L, fixed.data(), static_cast<uInt>(fixed.size() - 4)));
  std::memcpy(fixed.data() + fixed.size() - 4, &crc, 4);  // little-endian, as the writer puts it
  if (fixed != bytes) check_one_model(fixed);
}

}  // namespace digitlab::fuzz
