// The questions' takeaways: which answer a result supports, and the sentence, on numbers
// worked out by hand.
#include <catch2/catch.hpp>

#include "lessons/questions.hpp"

using namespace digitlab;
using namespace digitlab::app;

namespace {

BinaryScores scores(double precision, double recall) {
  BinaryScores s;
  s.precision = precision;
  s.recall = recall;
  return s;
}

TestSizePoint point(double size, std::vector<double> test) { return {size, spread_of(test), spread_of(test)}; }

}  // namespace

TEST_CASE("a spread is the mean, sample sd, min and max", "[questions]") {
  const Spread s = spread_of({0.90, 0.92, 0.94});
  CHECK(s.n == 3);
  CHECK(s.mean == Approx(0.92));
  CHECK(s.sd == Approx(0.02));  // sqrt((0.0004 + 0 + 0.0004) / 2)
  CHECK(s.min == Approx(0.90));
  CHECK(s.max == Approx(0.94));
  CHECK(spread_of({0.5}).sd == 0);
  CHECK(spread_of({}).n == 0);
}

TEST_CASE("threshold: which answer the precision and recall support", "[questions]") {
  const Question& q = threshold_question_text();
  Takeaway t = threshold_takeaway(8, 0.5, scores(0.9, 0.8), 0.2, scores(0.7, 0.95));
  CHECK(t.outcome == 0);  // recall up, precision down
  CHECK(t.result == "lowering digit 8's threshold from 0.50 to 0.20 moved its recall from 0.800 to 0.950 and its "
                    "precision from 0.900 to 0.700");
  CHECK(takeaway_line(t, q, 0) == t.result + "; you expected \"recall rises, precision falls\", which the run agrees with.");
  CHECK(takeaway_line(t, q, 2) == t.result + "; you expected \"neither changes\", which the run does not agree with "
                                             "(it supports \"recall rises, precision falls\").");
  CHECK(takeaway_line(t, q, kNoGuess) == t.result + ".");
  CHECK(takeaway_line(t, q, kSkipped) == t.result + ".");
  CHECK(threshold_takeaway(1, 0.5, scores(0.9, 0.8), 0.2, scores(0.95, 0.9)).outcome == 1);
  CHECK(threshold_takeaway(1, 0.5, scores(0.9, 0.8), 0.2, scores(0.9005, 0.8)).outcome == 2);
  Takeaway none = threshold_takeaway(1, 0.5, scores(0.9, 0.8), 0.2, scores(0.8, 0.7));  // both fall
  CHECK(none.outcome == -1);
  CHECK(takeaway_line(none, q, 1) == none.result + "; you expected \"both rise\", which the run does not agree with "
                                                   "(nor any of the answers offered).");
}

TEST_CASE("test_size: the note says where the splits spread and why, from the run's figures", "[questions]") {
  // 2,000 digits: test_size 0.1 tests on ceil(200) = 200 (0.5 point each), 0.9 trains on 200.
  // sd by hand: {0.93, 0.94, 0.935} 0.005; {0.77, 0.84, 0.80}: deviations -0.0333, 0.0367,
  // -0.0033, squares summing to 0.0024667, over 2: sqrt(0.0012333) = 0.0351.
  const std::vector<TestSizePoint> points = {point(0.1, {0.93, 0.94, 0.935}), point(0.5, {0.90, 0.91}),
                                             point(0.9, {0.77, 0.84, 0.80})};
  const std::string note = test_size_note(points, 2000);
  CHECK(note.find("Here, at test_size 0.1, it rests on 200 digits, each worth 0.5 point, and its splits spread by 0.50 "
                  "points sd.") != std::string::npos);
  CHECK(note.find("The splits spread most at test_size 0.9 (3.51 points sd), where the model learned from only 200 "
                  "digits: which ones it got changes the model itself.") != std::string::npos);
  // Widest at the small test part: the few test digits are why.
  const std::string small = test_size_note({point(0.1, {0.90, 0.96}), point(0.9, {0.80, 0.81})}, 2000);
  CHECK(small.find("spread most at test_size 0.1 (4.24 points sd), where the score rests on 200 test digits.") !=
        std::string::npos);
  // No finished runs: the general words only.
  const std::string none = test_size_note({point(0.2, {})}, 2000);
  CHECK(none.find("Here,") == std::string::npos);
  CHECK(none.find("spread most") == std::string::npos);
}

TEST_CASE("test_size: 0.5 against 0.2, mean over seeds, 0.5-point band", "[questions]") {
  std::vector<TestSizePoint> points = {point(0.1, {0.95}), point(0.2, {0.90, 0.92, 0.94}), point(0.5, {0.89, 0.91})};
  Takeaway t = test_size_takeaway(points);
  CHECK(t.outcome == 0);  // 90.00% against 92.00%: 2 points lower
  // The means' standard error, by hand: sqrt(1.414^2 / 2 + 2.00^2 / 3) = 1.528 points; two of them 3.06.
  CHECK(t.result == "with test_size 0.5 the mean test accuracy over 2 splits was 2.00 points lower than with 0.2 "
                    "(90.00% against 92.00%; single splits spread by 1.41 and 2.00 points sd); a gap this size is "
                    "within two standard errors (3.06 points), so chance alone could make it");
  // 85.50% (sd 0.71) against 92.00%: sqrt(0.707^2 / 2 + 2.00^2 / 3) = 1.258; two of them 2.52.
  CHECK(test_size_takeaway({point(0.2, {0.90, 0.92, 0.94}), point(0.5, {0.85, 0.86})}).result ==
        "with test_size 0.5 the mean test accuracy over 2 splits was 6.50 points lower than with 0.2 (85.50% against "
        "92.00%; single splits spread by 0.71 and 2.00 points sd); that is more than two standard errors (2.52 "
        "points), more than chance alone would likely make");
  points[2] = point(0.5, {0.923, 0.921});  // 0.2 points higher: within the band
  CHECK(test_size_takeaway(points).outcome == 1);
  points[2] = point(0.5, {0.93, 0.93});
  CHECK(test_size_takeaway(points).outcome == 2);
  points[2] = point(0.5, {0.92});
  CHECK(test_size_takeaway(points).result.find("was the same as with 0.2") != std::string::npos);
  // One split at 0.5: no spread to speak of (not "0.00 sd"), and no chance remark.
  CHECK(test_size_takeaway(points).result.find("with one split at a size, how far single splits spread is not "
                                               "measured: more seeds per size measure it)") != std::string::npos);
  CHECK(test_size_takeaway(points).result.find("sd") == std::string::npos);
  // Without 0.2 and 0.5: the first size against the last.
  CHECK(test_size_takeaway({point(0.1, {0.95}), point(0.9, {0.80})}).result.rfind("with test_size 0.9", 0) == 0);
  CHECK(test_size_takeaway({point(0.2, {})}).outcome == -1);
}

TEST_CASE("imbalance and augmentation: bands in points", "[questions]") {
  Takeaway t = imbalance_takeaway(5, 0.90, 0.40, 0.70);
  CHECK(t.outcome == 0);
  CHECK(t.result == "digit 5's recall went from 0.900 on the full pool to 0.400 thinned (down by 0.500, 50.00 "
                    "points), and class_weight balanced made it 0.700");
  // On 200 images of the digit: 100 sqrt(0.9 x 0.1 / 200 + 0.4 x 0.6 / 200) = 4.06 points; two of them 8.12.
  CHECK(imbalance_takeaway(5, 0.90, 0.40, 0.70, 200).result ==
        t.result + "; on 200 test images of 5, that is more than two standard errors (8.12 points), more than "
                   "chance alone would likely make");
  // 0.900 to 0.880: 2 points, under two standard errors of 6.25.
  CHECK(imbalance_takeaway(5, 0.90, 0.88, 0.90, 200).result.find(
            "(down by 0.020, 2.00 points), and class_weight balanced made it 0.900; on 200 test images of 5, a gap "
            "this size is within two standard errors (6.25 points), so chance alone could make it") != std::string::npos);
  CHECK(imbalance_takeaway(5, 0.90, 0.85, 0.88).outcome == 1);
  CHECK(imbalance_takeaway(5, 0.90, 0.90, 0.90).outcome == 2);
  CHECK(imbalance_takeaway(5, 0.90, 0.92, 0.90).outcome == 2);
  Takeaway a = augment_takeaway(0.80, 0.86);
  CHECK(a.outcome == 0);
  CHECK(a.result == "on the augmented test digits the model with copies scored 86.00% against 80.00% without (6.00 "
                    "points higher)");
  CHECK(augment_takeaway(0.80, 0.803).outcome == 1);
  // On 2,000 digits: 100 sqrt(0.8 x 0.2 / 2000 + 0.86 x 0.14 / 2000) = 1.18; two of them 2.37. And 0.3 points
  // against 2 x 1.26 = 2.52.
  CHECK(augment_takeaway(0.80, 0.86, 2000).result ==
        a.result + "; that is more than two standard errors (2.37 points), more than chance alone would likely make");
  CHECK(augment_takeaway(0.80, 0.803, 2000).result.find(
            "(0.30 points higher); a gap this size is within two standard errors (2.52 points), so chance alone "
            "could make it") != std::string::npos);
  CHECK(augment_takeaway(0.80, 0.79).outcome == 2);
}

TEST_CASE("confused pairs: both directions counted", "[questions]") {
  ConfusionMatrix cm = ConfusionMatrix::Zero(10, 10);
  cm(3, 5) = 12;  // 3 read as 5
  cm(5, 3) = 3;
  cm(4, 9) = 14;  // the largest single cell, but 14 + 0 < 15
  cm(7, 7) = 100;
  Takeaway t = confusions_takeaway(cm);
  CHECK(t.outcome == 1);
  CHECK(t.result == "the pair mixed up most often is 3 and 5: 15 test digits (3 read as 5: 12; 5 read as 3: 3)");
  cm(9, 4) = 2;
  CHECK(confusions_takeaway(cm).outcome == 0);
  cm(0, 6) = 40;
  CHECK(confusions_takeaway(cm).outcome == -1);
  CHECK(confusions_takeaway(ConfusionMatrix::Zero(10, 10)).outcome == -1);
}

TEST_CASE("confused pairs: a tie names every tied pair, and a guess of any of them agrees", "[questions]") {
  ConfusionMatrix cm = ConfusionMatrix::Zero(10, 10);
  cm(2, 7) = 1;  // 2 and 7: 1 + 2 = 3
  cm(7, 2) = 2;
  cm(4, 9) = 3;  // 4 and 9: 3
  cm(1, 8) = 1;  // 1 and 8: 2, not tied
  cm(8, 1) = 1;
  const Takeaway t = confusions_takeaway(cm, "drawings");
  CHECK(t.result == "2 pairs tie as the ones mixed up most often, with 3 drawings each: 2 and 7 (2 read as 7: 1; 7 "
                    "read as 2: 2), 4 and 9 (4 read as 9: 3; 9 read as 4: 0)");
  CHECK(t.outcome == 2);  // the first tied pair (2 and 7) that is an option
  CHECK(t.tied_outcomes == std::vector<int>{0});
  const Question& q = confusions_question_text();
  CHECK(takeaway_line(t, q, 0).find("which the run agrees with.") != std::string::npos);
  CHECK(takeaway_line(t, q, 2).find("which the run agrees with.") != std::string::npos);
  CHECK(takeaway_line(t, q, 1).find("does not agree with (it supports \"2 and 7\")") != std::string::npos);
  CHECK(confusions_takeaway(ConfusionMatrix::Zero(10, 10), "drawings").result ==
        "the model made no mistakes on these drawings");
}

TEST_CASE("every question quotes the tutorial and offers two or three answers", "[questions]") {
  for (const Question* q : {&threshold_question_text(), &test_size_question_text(), &imbalance_question_text(),
                            &augment_question_text(), &confusions_question_text()}) {
    CHECK(std::string(q->tutorial).back() == '?');
    CHECK(q->options.size() >= 2);
    CHECK(q->options.size() <= 3);
  }
  REQUIRE(questions_answered_elsewhere().size() == 2);
  for (const AnsweredElsewhere& q : questions_answered_elsewhere()) {
    CHECK(std::string(q.tutorial).back() == '?');
    CHECK(std::string(q.where).size() > 20);
  }
  // Each is told where the page answers it: the solvers race, and the threshold and calibration.
  CHECK(std::string(questions_answered_elsewhere()[0].where).find("Race the solvers") != std::string::npos);
  CHECK(std::string(questions_answered_elsewhere()[1].where).find("Calibration") != std::string::npos);
}
