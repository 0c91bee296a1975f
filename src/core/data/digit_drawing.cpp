#include "core/data/digit_drawing.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace digitlab {

namespace {

// Distance from p to the segment a-b.
float segment_distance(const Eigen::Vector2f& p, const Eigen::Vector2f& a, const Eigen::Vector2f& b) {
  const Eigen::Vector2f ab = b - a;
  const float length2 = ab.squaredNorm();
  const float t = length2 > 0 ? std::clamp((p - a).dot(ab) / length2, 0.0f, 1.0f) : 0.0f;
  return (a + t * ab - p).norm();
}

// A 20x20 digit into the 28x28 field with its centre of mass at (14, 14), as MNIST's.
std::optional<Eigen::RowVectorXf> place_by_centre_of_mass(const Eigen::MatrixXf& fitted,
                                                          DrawingNormalization* how) {
  double mass = 0, cy = 0, cx = 0;
  for (int y = 0; y < 20; ++y)
    for (int x = 0; x < 20; ++x) {
      mass += fitted(y, x);
      cy += (y + 0.5) * fitted(y, x);
      cx += (x + 0.5) * fitted(y, x);
    }
  if (!(mass > 0)) return std::nullopt;
  const int offset_y = static_cast<int>(std::lround(14.0 - cy / mass));
  const int offset_x = static_cast<int>(std::lround(14.0 - cx / mass));
  if (how) {
    how->shift_x = static_cast<float>(offset_x - 4);  // against the box centred in 28x28
    how->shift_y = static_cast<float>(offset_y - 4);
  }
  Eigen::RowVectorXf digit = Eigen::RowVectorXf::Zero(784);
  for (int y = 0; y < 20; ++y)
    for (int x = 0; x < 20; ++x) {
      const int ty = y + offset_y, tx = x + offset_x;
      if (ty >= 0 && ty < 28 && tx >= 0 && tx < 28)
        digit(ty * 28 + tx) = std::min(255.0f, 255.0f * fitted(y, x));
    }
  return digit;
}

}  // namespace

Eigen::MatrixXf rasterize(const std::vector<Stroke>& strokes, int side, float radius) {
  Eigen::MatrixXf ink = Eigen::MatrixXf::Zero(side, side);
  for (const Stroke& stroke : strokes) {
    if (stroke.points.empty()) continue;
    for (std::size_t s = 0; s < stroke.points.size(); ++s) {
      const Eigen::Vector2f a = stroke.points[s];
      const Eigen::Vector2f b = stroke.points[std::min(s + 1, stroke.points.size() - 1)];
      const int x0 = std::max(0, static_cast<int>(std::floor(std::min(a.x(), b.x()) - radius - 1)));
      const int x1 = std::min(side - 1, static_cast<int>(std::ceil(std::max(a.x(), b.x()) + radius + 1)));
      const int y0 = std::max(0, static_cast<int>(std::floor(std::min(a.y(), b.y()) - radius - 1)));
      const int y1 = std::min(side - 1, static_cast<int>(std::ceil(std::max(a.y(), b.y()) + radius + 1)));
      for (int y = y0; y <= y1; ++y)
        for (int x = x0; x <= x1; ++x) {
          const float d = segment_distance(Eigen::Vector2f(x + 0.5f, y + 0.5f), a, b);
          const float coverage = std::clamp(radius + 0.5f - d, 0.0f, 1.0f);
          ink(y, x) = std::max(ink(y, x), coverage);
        }
    }
  }
  return ink;
}

Eigen::MatrixXf resize_area(const Eigen::MatrixXf& image, int rows, int cols) {
  Eigen::MatrixXf out = Eigen::MatrixXf::Zero(rows, cols);
  const double sy = static_cast<double>(image.rows()) / rows, sx = static_cast<double>(image.cols()) / cols;
  for (int r = 0; r < rows; ++r) {
    const double top = r * sy, bottom = (r + 1) * sy;
    for (int c = 0; c < cols; ++c) {
      const double left = c * sx, right = (c + 1) * sx;
      double total = 0;
      for (int y = static_cast<int>(top); y < std::min<double>(image.rows(), std::ceil(bottom)); ++y) {
        const double h = std::min<double>(bottom, y + 1) - std::max<double>(top, y);
        for (int x = static_cast<int>(left); x < std::min<double>(image.cols(), std::ceil(right)); ++x) {
          const double w = std::min<double>(right, x + 1) - std::max<double>(left, x);
          total += h * w * image(y, x);
        }
      }
      out(r, c) = static_cast<float>(total / (sy * sx));
    }
  }
  return out;
}

std::optional<Eigen::RowVectorXf> mnist_digit(const Eigen::MatrixXf& ink) {
  constexpr float kInk = 0.05f;
  int top = static_cast<int>(ink.rows()), bottom = -1, left = static_cast<int>(ink.cols()), right = -1;
  for (int y = 0; y < ink.rows(); ++y)
    for (int x = 0; x < ink.cols(); ++x)
      if (ink(y, x) > kInk) {
        top = std::min(top, y);
        bottom = std::max(bottom, y);
        left = std::min(left, x);
        right = std::max(right, x);
      }
  if (bottom < 0) return std::nullopt;

  // The bounding box, padded to a square so the aspect ratio survives, to 20x20.
  const int height = bottom - top + 1, width = right - left + 1;
  const int side = std::max(height, width);
  Eigen::MatrixXf square = Eigen::MatrixXf::Zero(side, side);
  square.block((side - height) / 2, (side - width) / 2, height, width) = ink.block(top, left, height, width);
  const Eigen::MatrixXf fitted = resize_area(square, 20, 20);

  return place_by_centre_of_mass(fitted, nullptr);
}

std::optional<Eigen::RowVectorXf> mnist_digit(const std::vector<Stroke>& strokes, DrawingNormalization* how) {
  constexpr float kFar = std::numeric_limits<float>::max();
  Eigen::Vector2f low(kFar, kFar), high(-kFar, -kFar);
  for (const Stroke& stroke : strokes)
    for (const Eigen::Vector2f& p : stroke.points) {
      low = low.cwiseMin(p);
      high = high.cwiseMax(p);
    }
  if (!(low.x() <= high.x())) return std::nullopt;  // no points at all

  // The centre lines' box, longer side to 20 pixels less the pen, centred in 20x20.
  constexpr int kSupersample = 8;
  const Eigen::Vector2f size = high - low;
  const float longer = std::max(size.x(), size.y());
  const float scale = longer > 0 ? (20.0f - kMnistPenWidth) / longer : 0.0f;  // a dot stays a dot
  const Eigen::Vector2f centre = (low + high) / 2;
  std::vector<Stroke> fitted_strokes(strokes.size());
  for (std::size_t s = 0; s < strokes.size(); ++s)
    for (const Eigen::Vector2f& p : strokes[s].points)
      fitted_strokes[s].points.push_back(((p - centre) * scale + Eigen::Vector2f(10, 10)) * kSupersample);
  // rasterize's coverage passes one half at distance r from the line: a band 2r wide.
  const Eigen::MatrixXf fine = rasterize(fitted_strokes, 20 * kSupersample, kMnistPenWidth * kSupersample / 2);
  const Eigen::MatrixXf fitted = resize_area(fine, 20, 20);
  if (how) *how = {size.x(), size.y(), scale, kMnistPenWidth, 0, 0};
  return place_by_centre_of_mass(fitted, how);
}

}  // namespace digitlab
