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
