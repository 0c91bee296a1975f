#include <catch2/catch.hpp>

#include <cmath>

#include "core/data/data_dir.hpp"
#include "core/tutorial/weight_templates.hpp"
#include "test_support.hpp"

using namespace digitlab;

namespace {

LogisticRegression binary_model(Eigen::MatrixXd coef, double intercept) {
  return LogisticRegression::from_fitted({}, std::move(coef), Eigen::VectorXd::Constant(1, intercept), 2, {});
}

}  // namespace

TEST_CASE("min-max scaling: a weight per raw pixel is the weight over the pixel's range", "[weights]") {
  const MinMaxScaler scaler = MinMaxScaler::from_fitted(Eigen::Vector2f(0, 0), Eigen::Vector2f(2, 4));
  PipelineSettings s;
  s.scaling = Scaling::MinMax;
  Eigen::MatrixXd coef(2, 1);
  coef << 1, 2;
  const Pipeline p = Pipeline::from_fitted(s, 2, std::nullopt, scaler, std::nullopt, binary_model(coef, 0.5));
  const PixelWeights w = pixel_space_weights(p);
  CHECK(w.exact);
  CHECK(w.weights(0, 0) == Approx(0.5));  // 1 / 2
  CHECK(w.weights(1, 0) == Approx(0.5));  // 2 / 4
  // Same score as the pipeline: raw (2, 4) scales to (1, 1), z = 1 + 2 + 0.5.
  Matrix x(1, 2);
  x << 2, 4;
  CHECK(p.decision_function(x)(0, 0) == Approx(3.5));
  CHECK(w.weights(0, 0) * 2 + w.weights(1, 0) * 4 + 0.5 == Approx(3.5));
}

TEST_CASE("through PCA a component weight spreads over pixels; polynomial terms are left out", "[weights]") {
  Matrix components(1, 2);
  components << 0.6f, 0.8f;
  const PCA pca = PCA::from_fitted(Eigen::Vector2f(1, 1), components, Eigen::VectorXd::Constant(1, 1.0), 1.0);
  PipelineSettings s;
  s.pca_components = 1;
  const Pipeline linear =
      Pipeline::from_fitted(s, 2, std::nullopt, std::nullopt, pca, binary_model(Eigen::MatrixXd::Constant(1, 1, 2.0), 0));
  PixelWeights w = pixel_space_weights(linear);
  CHECK(w.exact);
  CHECK(w.weights(0, 0) == Approx(1.2));  // 0.6 * 2
  CHECK(w.weights(1, 0) == Approx(1.6));  // 0.8 * 2

  s.poly_degree = 2;  // features z, z^2
  Eigen::MatrixXd coef(2, 1);
  coef << 2, 5;
  const Pipeline poly = Pipeline::from_fitted(s, 2, std::nullopt, std::nullopt, pca, binary_model(coef, 0));
  w = pixel_space_weights(poly);
  CHECK_FALSE(w.exact);
  CHECK(w.weights(1, 0) == Approx(1.6));  // the z^2 weight 5 has no pixel picture
  CHECK_THAT(w.note, Catch::Contains("degree-1"));
}

// The Weights chapter says a smaller C makes the pictures smoother: L2 shrinks most where
// the digits vary least, the speckle few digits decide. Measured with the chapter's own
// run (min-max pixels, softmax, 5,000 digits) in the page: the mean difference between
// neighbouring pixels over the mean |weight| was 0.54, 0.69, 1.10, 1.21 for C = 0.01, 0.05,
// 1, 10. Here on 2,000 digits, at C = 0.01 against C = 1, each digit's picture.
namespace {

double roughness(const Eigen::VectorXd& w) {
  double step = 0;
  int pairs = 0;
  for (int r = 0; r < 28; ++r)
    for (int c = 0; c < 28; ++c) {
      if (c < 27) { step += std::abs(w(r * 28 + c) - w(r * 28 + c + 1)); ++pairs; }
      if (r < 27) { step += std::abs(w(r * 28 + c) - w((r + 1) * 28 + c)); ++pairs; }
    }
  return step / pairs / w.cwiseAbs().mean();
}

}  // namespace

TEST_CASE("on MNIST a smaller C gives smoother weight pictures", "[weights][mnist]") {
  const std::string dir = testing::mnist_dir();
  REQUIRE(!dir.empty());
  const TrainTest data = load_data_dir(dir);
  const int n = 2000;
  const Matrix X = data.train.features().topRows(n);
  const Labels y(data.train.labels.begin(), data.train.labels.begin() + n);
  auto pictures = [&](double C) {
    PipelineSettings s;
    s.scaling = Scaling::MinMax;
    s.model.C = C;
    s.model.max_iter = 300;
    Pipeline p(s);
    p.fit(X, y);
    return pixel_space_weights(p).weights;
  };
  const Eigen::MatrixXd strong = pictures(0.01), weak = pictures(1.0);
  for (int d = 0; d < 10; ++d) {
    INFO("digit " << d << ": C = 0.01 " << roughness(strong.col(d)) << ", C = 1 " << roughness(weak.col(d)));
    CHECK(roughness(strong.col(d)) < 0.8 * roughness(weak.col(d)));
  }
}
