// Finding and loading a dataset folder.
//
//   TrainTest data = load_data_dir(getenv("MNIST_DIR"));
//   std::cout << data.description;   // "MNIST from /data: 60,000 train + 10,000 test"
//
// A folder holds either the four IDX files of MNIST or Fashion-MNIST (plain or .gz,
// under their canonical names), or opencv's digits.png: 5,000 MNIST digits scaled to
// 20x20, which are scaled back to 28x28 here and split 80/20 (stratified, seed 0).
#pragma once

#include <string>

#include "core/data/dataset.hpp"

namespace digitlab {

struct TrainTest {
  Dataset train, test;
  std::string description;
};

TrainTest load_data_dir(const std::string& dir);

// The 5,000 digits of opencv's samples/data/digits.png (2000x1000 px, 100x50 cells of
// 20x20, 500 per class in order), each scaled to 28x28 by bilinear interpolation.
Dataset load_opencv_digits(const std::string& png_path);

// "60,000"
std::string with_thousands(long long value);

}  // namespace digitlab
