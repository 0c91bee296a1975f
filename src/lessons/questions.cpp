#include "lessons/questions.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace digitlab::app {

namespace {

template <typename... T>
std::string format(const char* pattern, T... values) {
  char text[400];
  std::snprintf(text, sizeof text, pattern, values...);
  return text;
}

// "1.2 points lower" / "0.3 points higher" / "the same".
std::string points(double delta_points, const char* up, const char* down) {
  if (std::fabs(delta_points) < 0.005) return "the same";
  return format("%.2f points %s", std::fabs(delta_points), delta_points > 0 ? up : down);
}

// Whether a gap is larger than chance alone would likely make it: two standard errors of
// the gap, `se_points` (nothing when it is not known, 0).
// `on`: what the gap was counted on (" on 200 test images of 5"), or "".
std::string chance_remark(double delta_points, double se_points, const std::string& on = "") {
  if (!(se_points > 0)) return "";
  if (std::fabs(delta_points) < 2 * se_points)
    return ";" + on + (on.empty() ? "" : ",") +
           format(" a gap this size is within two standard errors (%.2f points), so chance alone could make it",
                  2 * se_points);
  return ";" + on + (on.empty() ? "" : ",") +
         format(" that is more than two standard errors (%.2f points), more than chance alone would likely make",
                2 * se_points);
}

// The standard error in points of the gap between two shares, p1 of n1 and p2 of n2,
// counted on independent samples (0 if either count is unknown). Two models scored on the
// same digits tend to be right on the same ones, so it overstates their gap's error: a
// cautious guide, which calls fewer gaps real.
double gap_standard_error(double p1, long long n1, double p2, long long n2) {
  if (n1 <= 0 || n2 <= 0) return 0;
  return 100 * std::sqrt(p1 * (1 - p1) / static_cast<double>(n1) + p2 * (1 - p2) / static_cast<double>(n2));
}

}  // namespace

// [SECTION] The questions, in the tutorial's words (../shared/seed/)

const Question& threshold_question_text() {
  static const Question q{
      "How does the choice of the threshold in logistic regression affect the classification results? Can adjusting "
      "this threshold improve the model's performance for certain classes over others?",
      "Call a test image a given digit when the model's probability for that digit reaches a threshold. If the "
      "threshold drops from 0.50 to 0.20, what happens to that digit's recall and precision?",
      {"recall rises, precision falls", "both rise", "neither changes"}};
  return q;
}

const Question& test_size_question_text() {
  static const Question q{
      "What impact does changing the test_size in train_test_split have on model performance metrics like accuracy? "
      "Could this reveal overfitting or underfitting issues in our model?",
      "Hold out half of the pool (test_size 0.5) instead of a fifth (0.2): the model trains on fewer digits. Its "
      "accuracy on the held-out digits will be...",
      {"lower", "about the same (within 0.5 points)", "higher"}};
  return q;
}

const Question& imbalance_question_text() {
  static const Question q{
      "How does the distribution of classes in the dataset influence recall scores? Could an imbalanced dataset lead "
      "to lower recall for minority classes?",
      "Keep only a few of one digit's training images (the rest untouched). That digit's recall on the test "
      "digits will...",
      {"fall by more than 10 points", "fall by 10 points or fewer", "not fall"}};
  return q;
}

const Question& augment_question_text() {
  static const Question q{
      "If we were to implement data augmentation techniques (like rotations, scaling, or noise addition), how might "
      "this influence the distribution of values in the confusion matrix? Could this help in reducing "
      "misclassifications for certain digit pairs?",
      "Train once on the digits as they are and once with turned, shifted and noisy copies added. On test digits "
      "that are themselves turned, shifted and noisy, the model with copies will score...",
      {"higher", "about the same (within 0.5 points)", "lower"}};
  return q;
}

const Question& confusions_question_text() {
  static const Question q{
      "Which class pairs exhibit the highest confusion rates? What characteristics of these digits might contribute "
      "to their frequent misclassification?",
      "Which two digits will the page's model mix up most often (counting both directions)?",
      {"4 and 9", "3 and 5", "2 and 7"}};
  return q;
}

const std::vector<AnsweredElsewhere>& questions_answered_elsewhere() {
  static const std::vector<AnsweredElsewhere> q = {
      {"How does the choice of solver in logistic regression (lbfgs, liblinear, newton-cg, etc.) influence model "
       "convergence and performance on MNIST?",
       "Tutorial > Logistic regression, \"Race the solvers\": L-BFGS, Newton-CG and SAG fit softmax on the same "
       "digits to scikit-learn's rule, with their passes, time, loss after every pass and test accuracy. "
       "liblinear is not among them."},
      {"How would changing the model's decision threshold or perhaps using a different probability calibration "
       "method affect the entries in this confusion matrix?",
       "The threshold half: the Threshold question (one digit's threshold against its precision and recall), and "
       "Evaluate's \"One class's own threshold\". The calibration half: Evaluate, under \"Calibration: can the "
       "probabilities be trusted?\" (temperature scaling or Platt's, and the confusion matrix before and after)."}};
  return q;
}

// [SECTION] Takeaways

std::string takeaway_line(const Takeaway& t, const Question& q, int guess) {
  const int n = static_cast<int>(q.options.size());
  if (guess < 0 || guess >= n) return t.result + ".";
  std::string line = t.result + "; you expected \"" + q.options[static_cast<std::size_t>(guess)] + "\", which the run ";
  if (t.outcome == guess || std::find(t.tied_outcomes.begin(), t.tied_outcomes.end(), guess) != t.tied_outcomes.end())
    return line + "agrees with.";
  line += "does not agree with";
  if (t.outcome >= 0 && t.outcome < n)
    return line + " (it supports \"" + q.options[static_cast<std::size_t>(t.outcome)] + "\").";
  return line + " (nor any of the answers offered).";
}

Takeaway threshold_takeaway(int digit, double high, const BinaryScores& at_high, double low, const BinaryScores& at_low) {
  constexpr double kSame = 0.001;
  const double dr = at_low.recall - at_high.recall, dp = at_low.precision - at_high.precision;
  Takeaway t;
  if (dr > kSame && dp < -kSame) t.outcome = 0;
  else if (dr > kSame && dp > kSame) t.outcome = 1;
  else if (std::fabs(dr) <= kSame && std::fabs(dp) <= kSame) t.outcome = 2;
  t.result = format("lowering digit %d's threshold from %.2f to %.2f moved its recall from %.3f to %.3f and its "
                    "precision from %.3f to %.3f",
                    digit, high, low, at_high.recall, at_low.recall, at_high.precision, at_low.precision);
  return t;
}

std::string test_size_note(const std::vector<TestSizePoint>& points, long long pool) {
  std::string s = "With a large test part the model trains on few digits: it fits them (near 100% on its own part) and "
                  "does worse on new ones, the overfitting gap. With a small test part the score rests on few digits, "
                  "each a large step of it.";
  const auto test_digits = [pool](double size) { return static_cast<long long>(std::ceil(size * pool - 1e-9)); };
  const TestSizePoint *smallest = nullptr, *widest = nullptr;
  for (const TestSizePoint& p : points) {
    if (p.test.n >= 1 && (!smallest || p.size < smallest->size)) smallest = &p;
    if (p.test.n >= 2 && (!widest || p.test.sd > widest->test.sd)) widest = &p;
  }
  if (smallest && test_digits(smallest->size) > 0) {
    const long long n = test_digits(smallest->size);
    s += format(" Here, at test_size %.2g, it rests on %lld digits, each worth %.2g point", smallest->size, n, 100.0 / n);
    s += smallest->test.n >= 2 ? format(", and its splits spread by %.2f points sd.", 100 * smallest->test.sd) : ".";
  }
  // Where the splits spread most: a model that learned from few digits changes with which
  // ones it got; a score on few test digits moves by whole digits.
  if (widest && widest->test.sd > 0) {
    const long long test = test_digits(widest->size), train = pool - test;
    s += format(" The splits spread most at test_size %.2g (%.2f points sd), ", widest->size, 100 * widest->test.sd);
    s += train <= test ? format("where the model learned from only %lld digits: which ones it got changes the model itself.", train)
                       : format("where the score rests on %lld test digits.", test);
  }
  return s + " (In the table, +- is the standard deviation over the splits of one size, sd, in points of accuracy.) "
             "The tutorial's 0.2 is a compromise.";
}

Takeaway test_size_takeaway(const std::vector<TestSizePoint>& points_by_size) {
  Takeaway t;
  const TestSizePoint *small = nullptr, *large = nullptr;
  for (const TestSizePoint& p : points_by_size) {
    if (std::fabs(p.size - 0.2) < 1e-9) small = &p;
    if (std::fabs(p.size - 0.5) < 1e-9) large = &p;
  }
  if ((!small || !large) && points_by_size.size() >= 2) {
    small = &points_by_size.front();
    large = &points_by_size.back();
  }
  if (!small || !large || small->test.n == 0 || large->test.n == 0) {
    t.result = "not enough finished runs to compare two test sizes";
    return t;
  }
  const double delta = 100 * (large->test.mean - small->test.mean);
  t.outcome = delta < -0.5 ? 0 : delta > 0.5 ? 2 : 1;
  t.result = format("with test_size %.2g the mean test accuracy over %d splits was %s than with %.2g (%.2f%% "
                    "against %.2f%%",
                    large->size, large->test.n, points(delta, "higher", "lower").c_str(), small->size,
                    100 * large->test.mean, 100 * small->test.mean);
  if (t.result.find("the same than") != std::string::npos)
    t.result.replace(t.result.find("the same than"), 13, "the same as");
  // The means' standard error needs each size's spread, which one split cannot measure.
  if (large->test.n < 2 || small->test.n < 2) {
    t.result += "; with one split at a size, how far single splits spread is not measured: more seeds per size "
                "measure it)";
    return t;
  }
  t.result += format("; single splits spread by %.2f and %.2f points sd)", 100 * large->test.sd, 100 * small->test.sd);
  const double se = 100 * std::sqrt(large->test.sd * large->test.sd / large->test.n +
                                    small->test.sd * small->test.sd / small->test.n);
  t.result += chance_remark(delta, se);
  return t;
}

Takeaway imbalance_takeaway(int digit, double full, double thinned, double balanced, long long images) {
  Takeaway t;
  const double drop = 100 * (full - thinned);
  t.outcome = drop > 10 ? 0 : drop > 0 ? 1 : 2;
  // Recalls as the table shows them (0.900), the gap also in the question's points (of 100).
  const std::string gap = std::fabs(drop) < 0.005 ? "the same"
                          : format("%s by %.3f, %.2f points", drop > 0 ? "down" : "up", std::fabs(drop) / 100, std::fabs(drop));
  t.result = format("digit %d's recall went from %.3f on the full pool to %.3f thinned (%s), and class_weight "
                    "balanced made it %.3f",
                    digit, full, thinned, gap.c_str(), balanced);
  if (images > 0)
    t.result += chance_remark(drop, gap_standard_error(full, images, thinned, images),
                              format(" on %lld test images of %d", images, digit));
  return t;
}

Takeaway augment_takeaway(double plain, double grown, long long images) {
  Takeaway t;
  const double delta = 100 * (grown - plain);
  t.outcome = delta > 0.5 ? 0 : delta < -0.5 ? 2 : 1;
  t.result = format("on the augmented test digits the model with copies scored %.2f%% against %.2f%% without (%s)",
                    100 * grown, 100 * plain, points(delta, "higher", "lower").c_str());
  if (images > 0) t.result += chance_remark(delta, gap_standard_error(plain, images, grown, images));
  return t;
}

Takeaway confusions_takeaway(const ConfusionMatrix& cm, const std::string& items) {
  Takeaway t;
  long long best = 0;
  std::vector<std::pair<int, int>> top;  // every pair with `best` mistakes both ways
  for (int i = 0; i < cm.rows(); ++i)
    for (int j = i + 1; j < cm.cols(); ++j) {
      const long long both = cm(i, j) + cm(j, i);
      if (both > best) top.clear();
      if (both > 0 && both >= best) {
        best = both;
        top.emplace_back(i, j);
      }
    }
  if (top.empty()) {
    t.result = "the model made no mistakes on these " + items;
    return t;
  }
  const int options[3][2] = {{4, 9}, {3, 5}, {2, 7}};
  for (const auto& [a, b] : top)
    for (int k = 0; k < 3; ++k)
      if (a == options[k][0] && b == options[k][1]) {
        if (t.outcome < 0) t.outcome = k;
        else t.tied_outcomes.push_back(k);
      }
  auto pair_counts = [&](int a, int b) {
    return format("%d read as %d: %lld; %d read as %d: %lld", a, b, cm(a, b), b, a, cm(b, a));
  };
  if (top.size() == 1) {
    const auto [a, b] = top.front();
    t.result = format("the pair mixed up most often is %d and %d: %lld ", a, b, best) + items + " (" + pair_counts(a, b) + ")";
    return t;
  }
  // A tie: every tied pair, up to five of them by name.
  constexpr std::size_t kNamed = 5;
  t.result = format("%zu pairs tie as the ones mixed up most often, with %lld ", top.size(), best) + items + " each: ";
  for (std::size_t k = 0; k < std::min(top.size(), kNamed); ++k)
    t.result += (k > 0 ? ", " : "") + format("%d and %d (", top[k].first, top[k].second) +
                pair_counts(top[k].first, top[k].second) + ")";
  if (top.size() > kNamed) t.result += format(" and %zu more", top.size() - kNamed);
  return t;
}

}  // namespace digitlab::app
