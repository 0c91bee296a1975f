// Shared types of the learning core.
//
// Data matrices hold one sample per row (row-major, float32): a row is one
// flattened image, so a block of samples is a contiguous slice. Model parameters
// are float64; the heavy products run in float32 (see logistic_objective.hpp).
#pragma once

#include <Eigen/Dense>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace digitlab {

using Matrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using PixelMatrix = Eigen::Matrix<std::uint8_t, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using Labels = std::vector<int>;

// Bad data from outside (a malformed file, mismatched shapes): caught at the CLI and
// app edges and shown to the user. Caller misuse is an assert instead.
class DataError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Number of classes a label vector implies (labels are 0..K-1); at least 2.
int count_classes(const Labels& labels);

}  // namespace digitlab
