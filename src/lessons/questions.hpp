// The tutorial's "Questions to Explore" as the page asks them: the tutorial's words,
// what the learner is asked to expect (two or three answers), and the one-line takeaway
// computed from a result, saying whether the run agrees with the learner's guess.
// No ImGui: the widget is src/app/question_prompt.cpp; tests/test_questions.cpp checks
// the takeaways against numbers worked out by hand.
//
//   const Question& q = imbalance_question_text();
//   Takeaway t = imbalance_takeaway(5, 0.90, 0.40, 0.70);   // t.outcome == 0: "fall a lot"
//   takeaway_line(t, q, guess);   // "... ; you expected "...", which the run agrees with."
#pragma once

#include <string>
#include <vector>

#include "core/metrics/binary_metrics.hpp"
#include "lessons/experiments.hpp"
#include "core/metrics/metrics.hpp"

namespace digitlab::app {

struct Question {
  const char* tutorial;              // the tutorial's question, word for word
  const char* ask;                   // what the learner is asked to expect
  std::vector<std::string> options;  // the answers offered
};

const Question& threshold_question_text();
const Question& test_size_question_text();
const Question& imbalance_question_text();
const Question& augment_question_text();
const Question& confusions_question_text();
// The tutorial's questions with no question panel of their own, each with where in the
// page it is answered (the "Answered elsewhere" panel).
struct AnsweredElsewhere {
  const char* tutorial;  // the tutorial's question, word for word
  const char* where;     // the panels that answer it
};
const std::vector<AnsweredElsewhere>& questions_answered_elsewhere();

// A guess: an option's index; kNoGuess before the learner chose, kSkipped if they chose
// to see the result without guessing.
constexpr int kNoGuess = -1, kSkipped = -2;

struct Takeaway {
  int outcome = -1;    // the option the result supports; -1: none of them
  std::vector<int> tied_outcomes;  // more options it supports as much (a tie), if any
  std::string result;  // what was measured, in a sentence without its full stop
};

// "<result>; you expected "<option>", which the run agrees with." (or does not, and
// which answer it supports); just "<result>." without a guess.
std::string takeaway_line(const Takeaway& t, const Question& q, int guess);

// Threshold: digit d's precision and recall at threshold `high` (0.5) and at `low` (0.2).
// Options: recall up and precision down / both up / neither changes (by 0.001).
Takeaway threshold_takeaway(int digit, double high, const BinaryScores& at_high, double low, const BinaryScores& at_low);
// test_size: the mean test accuracy at 0.5 against 0.2 (the first and last size if
// either is missing), and whether the gap exceeds the means' own chance (two standard
// errors). Options: lower / within 0.5 points / higher.
// The questions' bands are fixed in points; the chance remark says when a run's gap is
// too small for its digits to tell apart.
Takeaway test_size_takeaway(const std::vector<TestSizePoint>& points);
// The note under test_size's table: what a large and a small test part cost, with this
// run's figures where it has them (the smallest part's digits, the widest spread of
// splits and why), from `pool` digits split as scikit-learn does (ceil for the test part).
std::string test_size_note(const std::vector<TestSizePoint>& points, long long pool);
// Imbalance: the rare digit's recall, full pool, thinned, thinned + balanced, on `images`
// test images of it (0: unknown; known, the result says whether the fall exceeds chance).
// Options: falls by more than 10 points / by 10 or fewer / does not fall.
Takeaway imbalance_takeaway(int digit, double full, double thinned, double balanced, long long images = 0);
// Augmentation: accuracy on `images` augmented test digits (0: unknown) without and with copies.
// Options: higher / within 0.5 points / lower.
Takeaway augment_takeaway(double plain, double grown, long long images = 0);
// Confused pairs: the unordered pair with the most mistakes both ways (every pair that
// ties for the most, if several do), counted in `items` ("test digits", "drawings").
// Options: 4 and 9 / 3 and 5 / 2 and 7.
Takeaway confusions_takeaway(const ConfusionMatrix& cm, const std::string& items = "test digits");

}  // namespace digitlab::app
