#include <catch2/catch.hpp>

#include "core/tutorial/pca_views.hpp"

using namespace digitlab;

namespace {

// Two features, mean (1, 2), components (0.6, 0.8) and (-0.8, 0.6), variances 4 and 1.
PCA two_by_two() {
  Matrix c(2, 2);
  c << 0.6f, 0.8f, -0.8f, 0.6f;
  return PCA::from_fitted(Eigen::Vector2f(1, 2), c, Eigen::Vector2d(4, 1), 5.0);
}

}  // namespace

TEST_CASE("reconstruction from the first k components, by hand", "[pca_views]") {
  const PCA pca = two_by_two();
  Matrix x(1, 2);
  x << 2, 2;  // centred: (1, 0)
  // k = 1: (1, 0) . (0.6, 0.8) = 0.6 along the first component -> (0.36, 0.48) + mean.
  Matrix one = reconstruct_with(pca, x, 1);
  CHECK(one(0, 0) == Approx(1.36));
  CHECK(one(0, 1) == Approx(2.48));
  CHECK(reconstruct_with(pca, x, 2).isApprox(x));  // all components: the input back
  Matrix none = reconstruct_with(pca, x, 0);
  CHECK(none(0, 0) == Approx(1));  // no component: the mean
  CHECK(none(0, 1) == Approx(2));
}

TEST_CASE("cumulative explained variance", "[pca_views]") {
  const Eigen::VectorXd c = cumulative_explained(two_by_two());
  REQUIRE(c.size() == 2);
  CHECK(c(0) == Approx(0.8));
  CHECK(c(1) == Approx(1.0));
}
