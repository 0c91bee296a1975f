#include <catch2/catch.hpp>

#include "core/data/digit_drawing.hpp"

using namespace digitlab;

TEST_CASE("an empty drawing gives no digit", "[drawing]") {
  CHECK_FALSE(mnist_digit(Eigen::MatrixXf::Zero(280, 280)).has_value());
  CHECK_FALSE(mnist_digit(rasterize({}, 280, 9.0f)).has_value());
}

TEST_CASE("strokes rasterize with round anti-aliased brushes", "[drawing]") {
  Stroke line;
  line.points = {{20, 50.3f}, {80, 50.3f}};
  Eigen::MatrixXf ink = rasterize({line}, 100, 5.0f);
  CHECK(ink(50, 50) == 1.0f);   // on the line
  CHECK(ink(50, 10) == 0.0f);   // beyond the round cap
  CHECK(ink(60, 50) == 0.0f);   // 10 units away
  CHECK(ink(55, 50) == Approx(0.3f));  // the soft edge: 5.2 units from the line
  Stroke dot;
  dot.points = {{10, 10}};
  CHECK(rasterize({dot}, 30, 3.0f)(10, 10) == 1.0f);  // a tap leaves a dot
}

TEST_CASE("area resize keeps the mean", "[drawing]") {
  Eigen::MatrixXf image = Eigen::MatrixXf::Zero(6, 6);
  image.topLeftCorner(3, 3).setOnes();
  Eigen::MatrixXf small = resize_area(image, 2, 2);
  CHECK(small(0, 0) == Approx(1.0));
  CHECK(small(1, 1) == Approx(0.0));
  CHECK(resize_area(image, 4, 4).mean() == Approx(image.mean()));
}

TEST_CASE("a drawing becomes a 20x20 box centred by mass in 28x28, as MNIST's digits", "[drawing]") {
  // A vertical bar drawn anywhere on the canvas: tall and thin.
  Stroke bar;
  bar.points = {{200, 40}, {200, 240}};
  const Eigen::RowVectorXf digit = *mnist_digit(rasterize({bar}, 280, 10.0f));
  Eigen::Map<const Eigen::Matrix<float, 28, 28, Eigen::RowMajor>> image(digit.data());
  // The bar's height becomes 20 pixels...
  int rows_with_ink = 0;
  for (int y = 0; y < 28; ++y) rows_with_ink += image.row(y).maxCoeff() > 25.0f;
  CHECK(rows_with_ink == 20);
  // ...and its centre of mass lands at the field's centre.
  double mass = 0, cx = 0, cy = 0;
  for (int y = 0; y < 28; ++y)
    for (int x = 0; x < 28; ++x) {
      mass += image(y, x);
      cx += (x + 0.5) * image(y, x);
      cy += (y + 0.5) * image(y, x);
    }
  CHECK(cx / mass == Approx(14.0).margin(0.5));
  CHECK(cy / mass == Approx(14.0).margin(0.5));
  CHECK(image.maxCoeff() > 200.0f);  // a 2-pixel-wide bar, partly covered at its edges
  CHECK(image.maxCoeff() <= 255.0f);
}

namespace {

// A 5 as a learner draws it, in canvas units of a 280-unit canvas filled edge to edge:
// top bar, down the left, the belly, the tail.
std::vector<Stroke> five(float fraction, float left, float top) {
  const std::vector<std::vector<Eigen::Vector2f>> lines = {
      {{200, 20}, {80, 20}, {70, 120}},
      {{70, 120}, {150, 110}, {200, 150}, {205, 200}, {180, 250}, {120, 262}, {60, 240}}};
  std::vector<Stroke> strokes;
  for (const auto& line : lines) {
    Stroke s;
    for (const Eigen::Vector2f& p : line) s.points.push_back(p * fraction + Eigen::Vector2f(left, top));
    strokes.push_back(s);
  }
  return strokes;
}

// MNIST's stroke-width measure (kMnistPenWidth's comment): 2 x area / perimeter of the
// pixels above half intensity.
double stroke_width(const Eigen::RowVectorXf& digit) {
  auto ink = [&](int y, int x) { return y >= 0 && y < 28 && x >= 0 && x < 28 && digit(y * 28 + x) > 127; };
  int area = 0, perimeter = 0;
  for (int y = 0; y < 28; ++y)
    for (int x = 0; x < 28; ++x)
      if (ink(y, x)) {
        ++area;
        perimeter += !ink(y - 1, x) + !ink(y + 1, x) + !ink(y, x - 1) + !ink(y, x + 1);
      }
  return 2.0 * area / perimeter;
}

}  // namespace

TEST_CASE("a drawing's digit does not depend on how big or where it was drawn", "[drawing]") {
  DrawingNormalization how;
  const Eigen::RowVectorXf full = *mnist_digit(five(1.0f, 0, 0), &how);
  CHECK(how.box_width == Approx(145.0f));  // 60..205
  CHECK(how.box_height == Approx(242.0f));  // 20..262
  CHECK(how.scale == Approx(18.0f / 242.0f));
  for (float fraction : {0.6f, 0.3f})
    for (const Eigen::Vector2f& at : {Eigen::Vector2f(0, 0), Eigen::Vector2f(150, 170)}) {
      if (fraction == 0.6f && at.x() > 100) continue;  // off the canvas: 0.6 x 262 + 170 > 280
      const Eigen::RowVectorXf other = *mnist_digit(five(fraction, at.x(), at.y()));
      INFO("drawn at " << fraction * 100 << "% from (" << at.x() << ", " << at.y() << ")");
      CHECK((other - full).cwiseAbs().maxCoeff() <= 1.0f);  // of 255
    }
  // The brush of the old way (rasterize at canvas size, then shrink the box) made a small
  // digit's strokes several pixels wide; this is the comparison that would fail.
  const Eigen::RowVectorXf old_small = *mnist_digit(rasterize(five(0.3f, 0, 0), 280, 11.0f));
  CHECK(stroke_width(old_small) > 3.5);
}

TEST_CASE("a drawn digit has MNIST's stroke width and ink", "[drawing]") {
  const Eigen::RowVectorXf digit = *mnist_digit(five(0.5f, 40, 40));
  // MNIST's training digits: median width 1.95 px, 10th-90th percentile 1.43-2.70 px.
  CHECK(stroke_width(digit) > 1.4);
  CHECK(stroke_width(digit) < 2.7);
  Stroke dot;
  dot.points = {{100, 100}};
  const Eigen::RowVectorXf point = *mnist_digit({dot});
  CHECK(point.maxCoeff() > 127.0f);  // a dot is a dot of the pen's width, at the centre
  CHECK(point(14 * 28 + 14) + point(13 * 28 + 13) + point(13 * 28 + 14) + point(14 * 28 + 13) > 400.0f);
  CHECK(!mnist_digit(std::vector<Stroke>{}));
  CHECK(!mnist_digit(std::vector<Stroke>{Stroke{}}));
}
