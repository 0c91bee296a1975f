// Two models compared on the same digits, on an example worked by hand.
#include <catch2/catch.hpp>

#include "core/metrics/model_comparison.hpp"

using namespace digitlab;

TEST_CASE("compare: the difference of two confusion matrices and the digits that changed", "[compare]") {
  // Six digits of three classes. By hand:
  //   row    0  1  2  3  4  5
  //   true   0  0  1  1  2  2
  //   before 0  1  1  2  2  2   right: rows 0, 2, 4, 5 (4 of 6)
  //   after  0  0  1  1  1  2   right: rows 0, 1, 2, 3, 5 (5 of 6)
  // fixed (after right, before wrong): rows 1, 3; broken (before right, after wrong): row 4.
  // before's matrix: (0,0)=1 (0,1)=1 (1,1)=1 (1,2)=1 (2,2)=2
  // after's matrix:  (0,0)=2 (1,1)=2 (2,1)=1 (2,2)=1
  // difference:      (0,0)=+1 (0,1)=-1 (1,1)=+1 (1,2)=-1 (2,1)=+1 (2,2)=-1, the rest 0
  const Labels truth = {0, 0, 1, 1, 2, 2};
  const Labels before = {0, 1, 1, 2, 2, 2};
  const Labels after = {0, 0, 1, 1, 1, 2};
  const ModelComparison c = compare_models(truth, before, after, 3);
  ConfusionMatrix expected(3, 3);
  expected << 1, -1, 0,
              0, 1, -1,
              0, 1, -1;
  CHECK(c.difference == expected);
  CHECK(c.fixed == std::vector<int>{1, 3});
  CHECK(c.broken == std::vector<int>{4});
  CHECK(c.before_report.accuracy == Approx(4.0 / 6));
  CHECK(c.after_report.accuracy == Approx(5.0 / 6));
  // Macro F1 by hand. before: class 0 p=1/1 r=1/2 f1=2/3; class 1 p=1/2 r=1/2 f1=1/2;
  // class 2 p=2/3 r=1 f1=4/5; mean (2/3+1/2+4/5)/3 = 59/90.
  // after: class 0 p=1 r=1 f1=1; class 1 p=2/3 r=1 f1=4/5; class 2 p=1 r=1/2 f1=2/3;
  // mean (1+4/5+2/3)/3 = 37/45.
  CHECK(c.before_report.macro.f1 == Approx(59.0 / 90));
  CHECK(c.after_report.macro.f1 == Approx(37.0 / 45));
  // The difference's entries sum to zero: both matrices count the same six digits.
  CHECK(c.difference.sum() == 0);
}

TEST_CASE("compare: a model against itself changes nothing", "[compare]") {
  const Labels truth = {0, 1, 2, 1};
  const Labels same = {0, 2, 2, 1};
  const ModelComparison c = compare_models(truth, same, same, 3);
  CHECK(c.difference.isZero());
  CHECK(c.fixed.empty());
  CHECK(c.broken.empty());
}

TEST_CASE("compare: predictions for other rows are refused", "[compare]") {
  CHECK_THROWS_AS(compare_models({0, 1}, {0}, {0, 1}, 2), std::invalid_argument);
}
