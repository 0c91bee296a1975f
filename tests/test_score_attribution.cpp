// The attribution map of issue 14: every pixel's share of z_k - z_j, which must add up to
// the change of z_k - z_j from the baseline image, exactly for these quadratic models.
#include <catch2/catch.hpp>

#include <cmath>

#include "core/data/data_dir.hpp"
#include "core/tutorial/score_attribution.hpp"
#include "test_support.hpp"

using namespace digitlab;

TEST_CASE("the midpoint rule splits a quadratic's change exactly (worked by hand)", "[attribution]") {
  // f(x) = x1^2 + 3 x1 x2 - 2 x2 + 5, grad f = (2 x1 + 3 x2, 3 x1 - 2).
  // From x0 = (0, 0) to x = (2, 1): f goes 5 -> 13, a change of 8. At the midpoint (1, 0.5)
  // the gradient is (3.5, 1), so the shares are 2 * 3.5 = 7 and 1 * 1 = 1.
  auto gradient = [](const Eigen::VectorXd& v) { return Eigen::Vector2d(2 * v(0) + 3 * v(1), 3 * v(0) - 2); };
  const Eigen::VectorXd shares = midpoint_attribution(gradient, Eigen::Vector2d(2, 1), Eigen::Vector2d(0, 0));
  CHECK(shares(0) == Approx(7.0));
  CHECK(shares(1) == Approx(1.0));
  // A cubic is not split exactly: g(x) = x^3 from 0 to 2 changes by 8; the rule says 2 * 3 * 1^2 = 6.
  auto cubic = [](const Eigen::VectorXd& v) { return Eigen::VectorXd::Constant(1, 3 * v(0) * v(0)); };
  CHECK(midpoint_attribution(cubic, Eigen::VectorXd::Constant(1, 2), Eigen::VectorXd::Zero(1))(0) == Approx(6.0));
}

TEST_CASE("on MNIST pipelines the map sums to the change of the score difference", "[attribution][mnist]") {
  const std::string dir = testing::mnist_dir();
  REQUIRE(!dir.empty());
  const TrainTest data = load_data_dir(dir);
  const Matrix all = data.train.features();
  const int n = 2000;
  const Matrix X = all.topRows(n);
  const Labels y(data.train.labels.begin(), data.train.labels.begin() + n);
  const Matrix test = data.test.features().topRows(5);
  const Eigen::RowVectorXf empty = Eigen::RowVectorXf::Zero(784);
  const Eigen::RowVectorXf mean_digit = X.colwise().mean();

  struct Case { Scaling scaling; int pca; int degree; };
  for (const Case c : {Case{Scaling::None, 0, 1}, Case{Scaling::MinMax, 0, 1}, Case{Scaling::MinMax, 30, 2},
                       Case{Scaling::Standard, 20, 2}, Case{Scaling::None, 10, 2}}) {
    PipelineSettings s;
    s.scaling = c.scaling;
    s.pca_components = c.pca;
    s.poly_degree = c.degree;
    s.model.max_iter = 60;  // any weights will do: the identity holds for every model
    Pipeline p(s);
    p.fit(X, y);
    const Eigen::MatrixXf scores = p.decision_function(test);
    const Eigen::MatrixXf base_scores = p.decision_function(Matrix(empty));
    const Eigen::MatrixXf mean_scores = p.decision_function(Matrix(mean_digit));
    for (int r = 0; r < test.rows(); ++r) {
      Eigen::Index k;
      scores.row(r).maxCoeff(&k);
      const int j = k == 0 ? 1 : 0;
      INFO(describe(s) << ", test digit " << r << ", class " << k << " against " << j);
      for (const bool against_mean : {false, true}) {
        const ScoreAttribution a = explain_scores(p, test.row(r), against_mean ? mean_digit : empty, int(k), j);
        // The pipeline's own float scores, computed by other code (features, then the model).
        const double from_pipeline = scores(r, k) - scores(r, j);
        const Eigen::MatrixXf& b = against_mean ? mean_scores : base_scores;
        const double baseline = b(0, k) - b(0, j);
        CHECK(a.difference == Approx(from_pipeline).epsilon(1e-4));
        CHECK(a.baseline_difference == Approx(baseline).epsilon(1e-4).margin(1e-3));
        const double change = a.difference - a.baseline_difference;
        CHECK(std::abs(a.per_pixel.sum() - change) <= 1e-4 * std::max(1.0, std::abs(change)));
        CHECK(std::abs(a.per_pixel.sum() - (from_pipeline - baseline)) <=
              1e-4 * std::max(1.0, std::abs(from_pipeline - baseline)) + 2e-4);
      }
    }
  }
}
