// Rows of raw features handed out a block at a time, so a 60,000-image dataset can
// stay as bytes (47 MB) instead of float32 (188 MB) and be converted per block.
//
//   RowSource rows = rows_of(dataset.pixels);
//   Matrix block;
//   rows.fill(first, count, block);   // count x rows.cols, float32
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include "core/data/dataset.hpp"
#include "core/common/types.hpp"

namespace digitlab {

struct RowSource {
  Eigen::Index rows = 0;
  Eigen::Index cols = 0;
  // Resizes `out` to count x cols and fills it with rows first..first+count-1.
  std::function<void(Eigen::Index first, Eigen::Index count, Matrix& out)> fill;
  // The same rows as the 8-bit pixels they are, where they are pixels (else empty): the
  // PCA's covariance sums them exactly (core/kernels/pixel_cross_products.hpp).
  std::function<void(Eigen::Index first, Eigen::Index count, PixelMatrix& out)> fill_pixels;
};

// These two keep a reference: the matrix must outlive the source.
RowSource rows_of(const PixelMatrix& pixels);
RowSource rows_of(const Matrix& features);
// This one shares ownership of the dataset: a job reading it stays valid when the page
// replaces the dataset it came from (a new file loaded while the job runs).
RowSource rows_of(std::shared_ptr<const Dataset> data);
// Only the rows `indices` of the dataset, in that order, with no copy of the pixels
// (training on all but a held-out validation slice of the loaded digits).
RowSource rows_of(std::shared_ptr<const Dataset> data, std::vector<int> indices);

}  // namespace digitlab
