#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "core/data/augment.hpp"

using namespace digitlab;

TEST_CASE("shifting moves pixels and fills with black", "[augment]") {
  const std::uint8_t in[9] = {1, 2, 3, 4, 5, 6, 7, 8, 9};
  std::uint8_t out[9];
  shift_image(in, out, 3, 1, 0);  // one to the right
  CHECK(std::vector<int>(out, out + 9) == std::vector<int>{0, 1, 2, 0, 4, 5, 0, 7, 8});
  shift_image(in, out, 3, -1, 1);  // one left, one down
  CHECK(std::vector<int>(out, out + 9) == std::vector<int>{0, 0, 0, 2, 3, 0, 5, 6, 0});
}

TEST_CASE("rotating by quarter turns moves a pixel around the centre", "[augment]") {
  // 3x3, centre (1, 1); one lit pixel right of the centre at x 2, y 1.
  std::uint8_t in[9] = {0, 0, 0, 0, 0, 200, 0, 0, 0};
  std::uint8_t out[9];
  rotate_image(in, out, 3, 90);  // counter-clockwise on screen: right goes up, to x 1, y 0
  CHECK(std::vector<int>(out, out + 9) == std::vector<int>{0, 200, 0, 0, 0, 0, 0, 0, 0});
  rotate_image(in, out, 3, 180);  // to the left of the centre
  CHECK(std::vector<int>(out, out + 9) == std::vector<int>{0, 0, 0, 200, 0, 0, 0, 0, 0});
  rotate_image(in, out, 3, 0);
  CHECK(std::vector<int>(out, out + 9) == std::vector<int>(in, in + 9));
}

TEST_CASE("noise: none changes nothing; some has the asked spread", "[augment]") {
  std::vector<std::uint8_t> image(10000, 128);
  std::mt19937 rng(3);
  add_noise(image.data(), 10000, 0.0, rng);
  CHECK(image == std::vector<std::uint8_t>(10000, 128));
  add_noise(image.data(), 10000, 20.0, rng);
  double sum = 0, squares = 0;
  for (std::uint8_t v : image) {
    sum += v;
    squares += (v - 128.0) * (v - 128.0);
  }
  CHECK(sum / 10000 == Approx(128).margin(1.0));
  CHECK(std::sqrt(squares / 10000) == Approx(20).margin(1.0));
}

TEST_CASE("an augmented dataset: originals first, then labelled copies", "[augment]") {
  Dataset d;
  d.image_rows = d.image_cols = 3;
  d.pixels.resize(2, 9);
  d.pixels << 1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 8, 7, 6, 5, 4, 3, 2, 1;
  d.labels = {4, 7};
  AugmentSettings none{0.0, 0, 0.0, 2};  // no rotation, shift or noise: copies equal originals
  Dataset grown = augment_dataset(d, none, 1);
  REQUIRE(grown.size() == 6);
  CHECK(grown.labels == Labels{4, 7, 4, 7, 4, 7});
  CHECK(grown.pixels.row(4) == d.pixels.row(0));
  CHECK(grown.pixels.row(1) == d.pixels.row(1));
  AugmentSettings shifts{0.0, 1, 0.0, 1};
  Dataset only = augment_dataset(d, shifts, 1, false);
  CHECK(only.size() == 2);
  CHECK(augment_dataset(d, shifts, 5, false).pixels == augment_dataset(d, shifts, 5, false).pixels);
  d.image_cols = 4;
  CHECK_THROWS_AS(augment_dataset(d, none, 1), DataError);
}

TEST_CASE("augmenting a few images at a time gives the same dataset", "[augment]") {
  Dataset d;
  d.image_rows = d.image_cols = 3;
  d.pixels.resize(3, 9);
  d.pixels << 1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 50, 0, 50, 200, 50, 0, 50, 0;
  d.labels = {4, 7, 1};
  AugmentSettings s{30.0, 1, 10.0, 2};
  const Dataset whole = augment_dataset(d, s, 8);
  AugmentJob job(d, s, 8);
  int steps = 0;
  while (!job.done()) {
    CHECK(job.fraction() == Approx(steps / 6.0));
    CHECK(job.step(0.0) == Approx((steps + 1) / 6.0));
    ++steps;
  }
  CHECK(steps == 6);  // 6 copies; a zero budget still makes one
  const Dataset sliced = job.take();
  CHECK(sliced.pixels == whole.pixels);
  CHECK(sliced.labels == whole.labels);
  CHECK(whole.labels == Labels{4, 7, 1, 4, 7, 1, 4, 7, 1});
}
