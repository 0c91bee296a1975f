// From a drawing to an MNIST-style digit, the way MNIST's digits were made (LeCun et
// al., "Gradient-based learning applied to document recognition", 1998, and the
// database's page): the digit's bounding box scaled to fit 20x20 keeping its aspect
// ratio, anti-aliased, then placed in a 28x28 field so that its centre of mass sits at
// the field's centre.
//
// The strokes' geometry is normalized first and only then drawn with a pen of MNIST's
// stroke width, so the 28x28 image does not depend on how big the digit was drawn (a
// small digit drawn with a fixed brush and scaled up would get strokes five pixels wide).
//
//   std::vector<Stroke> strokes = ...;              // points in canvas units (0..side)
//   DrawingNormalization how;
//   std::optional<Eigen::RowVectorXf> digit = mnist_digit(strokes, &how);  // 784 values 0..255
//   if (!digit) { /* empty drawing: nothing to predict */ }
#pragma once

#include <optional>
#include <vector>

#include <Eigen/Dense>

namespace digitlab {

struct Stroke {
  std::vector<Eigen::Vector2f> points;  // x right, y down, in canvas units
};

// MNIST's typical stroke width in pixels of the 28x28 image: measured on the first 5,000
// training digits as 2 x ink area / ink perimeter (pixels above half intensity; a band of
// length L and width w has area L w and perimeter about 2 L), median 1.95 px, 10th and
// 90th percentiles 1.43 and 2.70 px.
constexpr float kMnistPenWidth = 2.0f;

// What mnist_digit(strokes) did to a drawing, for the Draw panel's one-line account.
struct DrawingNormalization {
  float box_width = 0, box_height = 0;  // the strokes' bounding box, canvas units
  float scale = 0;                      // canvas units -> pixels of the 20x20 box
  float pen_width = kMnistPenWidth;     // pixels
  float shift_x = 0, shift_y = 0;       // pixels the centre of mass was moved by
};

// The MNIST-style digit of a drawing: the strokes' bounding box scaled (aspect kept) so
// the longer side plus the pen fits 20 pixels, drawn there with a kMnistPenWidth pen
// (anti-aliased by 8x supersampling), then placed in 28x28 by its centre of mass.
std::optional<Eigen::RowVectorXf> mnist_digit(const std::vector<Stroke>& strokes,
                                              DrawingNormalization* how = nullptr);

// Ink coverage 0..1 on a side x side raster: round brushes of `radius` along each
// stroke, edges anti-aliased over one unit.
Eigen::MatrixXf rasterize(const std::vector<Stroke>& strokes, int side, float radius);

// The 784 pixels (0..255, row-major) of the MNIST-style digit of an ink raster (its
// bounding box resized to 20x20), or nothing when it has no ink.
std::optional<Eigen::RowVectorXf> mnist_digit(const Eigen::MatrixXf& ink);

// Area-averaging resize (each output pixel is the mean of the input area it covers).
Eigen::MatrixXf resize_area(const Eigen::MatrixXf& image, int rows, int cols);

}  // namespace digitlab
