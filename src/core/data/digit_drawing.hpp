// From a drawing to an MNIST-style digit, the way MNIST's digits were made (LeCun et
// al., "Gradient-based learning applied to document recognition", 1998, and the
// database's page): the digit's bounding box scaled to fit 20x20 keeping its aspect
// ratio, anti-aliased, then placed in a 28x28 field so that its centre of mass sits at
// the field's centre.
//
//   std::vector<Stroke> strokes = ...;              // points in canvas units (0..side)
//   Eigen::MatrixXf ink = rasterize(strokes, 280, 9.0f);
//   std::optional<Eigen::RowVectorXf> digit = mnist_digit(ink);   // 784 values 0..255
//   if (!digit) { /* empty drawing: nothing to predict */ }
#pragma once

#include <optional>
#include <vector>

#include <Eigen/Dense>

namespace digitlab {

struct Stroke {
  std::vector<Eigen::Vector2f> points;  // x right, y down, in canvas units
};

// Ink coverage 0..1 on a side x side raster: round brushes of `radius` along each
// stroke, edges anti-aliased over one unit.
Eigen::MatrixXf rasterize(const std::vector<Stroke>& strokes, int side, float radius);

// The 784 pixels (0..255, row-major) of the MNIST-style digit, or nothing when the
// drawing has no ink.
std::optional<Eigen::RowVectorXf> mnist_digit(const Eigen::MatrixXf& ink);

// Area-averaging resize (each output pixel is the mean of the input area it covers).
Eigen::MatrixXf resize_area(const Eigen::MatrixXf& image, int rows, int cols);

}  // namespace digitlab
