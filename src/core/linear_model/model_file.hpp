// A fitted pipeline in a small versioned binary file (.dlm), what the page loads.
//
// Layout (little-endian): "DIGITLAB" magic, uint32 version, the dataset name, the image
// shape and the settings, then (version 2 on) the fit report (status, message,
// iterations, passes, loss), then each fitted array as (rows, cols, values), then a
// CRC-32 of everything before it. Version 1 files (no fit report) are still read. The reader checks every count against its neighbours and
// sane bounds before allocating, rejects NaN or Inf, truncation and trailing bytes, and
// names the file and the problem.
//
//   save_model(ModelFile{pipeline, "MNIST", 28, 28}, "model.dlm");
//   ModelFile m = load_model("model.dlm");
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/data/byte_source.hpp"
#include "core/linear_model/pipeline.hpp"

namespace digitlab {

constexpr std::uint32_t kModelFileVersion = 2;
constexpr std::size_t kMaxModelBytes = 256u << 20;  // no real model comes near

struct ModelFile {
  Pipeline pipeline;
  std::string dataset;  // what it was trained on, e.g. "MNIST train (60,000)"
  int image_rows = 28;
  int image_cols = 28;
  std::uint32_t version = kModelFileVersion;  // as read; version 1 has no fit report
};

std::vector<std::uint8_t> encode_model(const ModelFile& model);
ModelFile decode_model(const std::vector<std::uint8_t>& bytes, const std::string& name);
bool looks_like_model(const std::vector<std::uint8_t>& bytes);  // starts with the magic
bool looks_like_model(const std::uint8_t* data, std::size_t size);

// The SizeBound of a model file (byte_source.hpp): at most kMaxModelBytes, and the magic
// checked on the first bytes, so a file that is no model is not read to its end.
SizeBound model_size_bound(const std::string& name);

void save_model(const ModelFile& model, const std::string& path);
ModelFile load_model(const std::string& path);

}  // namespace digitlab
