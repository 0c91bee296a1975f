#include <catch2/catch.hpp>

#include "core/tutorial/digit_statistics.hpp"

using namespace digitlab;

namespace {

// Three images of four pixels: two of class 0, one of class 1.
PixelMatrix three_images() {
  PixelMatrix p(3, 4);
  p << 0, 10, 20, 255,   // class 0
      0, 0, 100, 50,     // class 1
      0, 30, 40, 5;      // class 0
  return p;
}

}  // namespace

TEST_CASE("mean images, counts and pixel range, worked out by hand", "[stats]") {
  const PixelMatrix p = three_images();
  const Labels y = {0, 1, 0};
  DigitStatistics s(4, 2);
  s.add(p, y, 0, 3);
  CHECK(s.images() == 3);
  CHECK(s.images(0) == 2);
  CHECK(s.images(1) == 1);
  const Eigen::VectorXf zero = s.mean_image(0);
  CHECK(zero(0) == 0.0f);
  CHECK(zero(1) == Approx(20));   // (10 + 30) / 2
  CHECK(zero(2) == Approx(30));   // (20 + 40) / 2
  CHECK(zero(3) == Approx(130));  // (255 + 5) / 2
  CHECK(s.mean_image(1)(2) == Approx(100));
  CHECK(s.mean_image(-1)(3) == Approx(310.0 / 3));
  CHECK(s.min_value() == 0);
  CHECK(s.max_value() == 255);
}

TEST_CASE("intensity histograms and the share of black pixels", "[stats]") {
  DigitStatistics s(4, 2);
  s.add(three_images(), {0, 1, 0}, 0, 3);
  CHECK(s.histogram()[0] == 4);   // one zero in each class-0 image, two in the class-1 image
  CHECK(s.histogram(0)[0] == 2);
  CHECK(s.histogram(1)[100] == 1);
  CHECK(s.histogram()[255] == 1);
  CHECK(s.share_of_value(0) == Approx(4.0 / 12));
  CHECK(s.mean_intensity(0) == Approx(360.0 / 8));  // 0+10+20+255+0+30+40+5
  CHECK(s.mean_intensity(1) == Approx(150.0 / 4));
}

TEST_CASE("statistics gathered in blocks equal one pass", "[stats]") {
  const PixelMatrix p = three_images();
  const Labels y = {0, 1, 0};
  DigitStatistics once(4, 2), blocks(4, 2);
  once.add(p, y, 0, 3);
  blocks.add(p, y, 0, 2);
  blocks.add(p, y, 2, 1);
  CHECK(blocks.mean_image(-1).isApprox(once.mean_image(-1)));
  CHECK(blocks.histogram() == once.histogram());
  CHECK(DigitStatistics(4, 2).images() == 0);
  CHECK(DigitStatistics(4, 2).mean_image(0).isZero());
  DigitStatistics bad(4, 2);
  CHECK_THROWS_AS(bad.add(p, {0, 7, 0}, 0, 3), DataError);
}

TEST_CASE("the statistics job gathers the same as one pass, a budget at a time", "[stats]") {
  auto data = std::make_shared<Dataset>();
  data->pixels = three_images();
  data->labels = {0, 1, 0};
  data->n_classes = 2;
  data->image_rows = 2;
  data->image_cols = 2;
  DigitStatisticsJob job(data);
  CHECK_FALSE(job.done());
  CHECK(job.progress() == 0.0);
  CHECK(job.step(0.0) == 1.0);  // three rows fit in the first block
  CHECK(job.done());
  CHECK(job.rows_done() == 3);
  CHECK(job.statistics().images(0) == 2);
  CHECK(job.statistics().mean_image(0)(1) == Approx(20));  // (10 + 30) / 2, as above
  CHECK(job.statistics().max_value() == 255);
}
