// A fitted pipeline in a small versioned binary file (.dlm), what the page loads.
//
// Layout (little-endian): "DIGITLAB" magic, uint32 version, the settings, the image
// shape and dataset name, then each fitted array as (rows, cols, values), then a CRC-32
// of everything before it. The reader checks every count against its neighbours and
// sane bounds before allocating, rejects NaN or Inf, truncation and trailing bytes, and
// names the file and the problem.
//
//   save_model(ModelFile{pipeline, "MNIST", 28, 28}, "model.dlm");
//   ModelFile m = load_model("model.dlm");
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "pipeline.hpp"

namespace digitlab {

constexpr std::uint32_t kModelFileVersion = 1;

struct ModelFile {
  Pipeline pipeline;
  std::string dataset;  // what it was trained on, e.g. "MNIST train (60,000)"
  int image_rows = 28;
  int image_cols = 28;
};

std::vector<std::uint8_t> encode_model(const ModelFile& model);
ModelFile decode_model(const std::vector<std::uint8_t>& bytes, const std::string& name);
bool looks_like_model(const std::vector<std::uint8_t>& bytes);  // starts with the magic

void save_model(const ModelFile& model, const std::string& path);
ModelFile load_model(const std::string& path);

}  // namespace digitlab
