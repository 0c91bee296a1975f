#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "app/logic/glossary.hpp"

using namespace digitlab::app;

TEST_CASE("every term has a key, a name and a one-line definition, in the enum's order", "[glossary]") {
  const auto& all = glossary();
  REQUIRE(all.size() == static_cast<std::size_t>(Term::Count));
  std::set<std::string> keys;
  for (std::size_t i = 0; i < all.size(); ++i) {
    const GlossaryEntry& e = all[i];
    INFO("entry " << i << ": " << (e.key ? e.key : "(null)"));
    CHECK(static_cast<std::size_t>(e.term) == i);
    REQUIRE(e.key != nullptr);
    REQUIRE(e.name != nullptr);
    REQUIRE(e.definition != nullptr);
    const std::string definition = e.definition;
    CHECK(!std::string(e.key).empty());
    CHECK(!std::string(e.name).empty());
    CHECK(definition.size() >= 20);
    CHECK(definition.size() <= 130);  // one line of a tooltip
    CHECK(definition.find('\n') == std::string::npos);
    CHECK(definition.back() == '.');
    CHECK(keys.insert(e.key).second);  // keys are unique
    CHECK(&glossary_entry(e.term) == &e);
    CHECK(find_term(e.key) == &e);
  }
  CHECK(find_term("no such term") == nullptr);
}

TEST_CASE("the terms the issue asks for and the page names are in the glossary", "[glossary]") {
  for (const char* key : {"tp", "fn", "fp", "tn", "precision", "recall", "f1", "support", "macro_avg", "weighted_avg",
                          "specificity", "c", "log_loss", "epoch", "lbfgs", "minibatch", "explained_variance",
                          "pca_component", "softmax", "sigmoid", "threshold", "validation_slice", "noise_sigma",
                          "mnist_split", "accuracy", "confusion_matrix"}) {
    INFO(key);
    CHECK(find_term(key) != nullptr);
  }
}

TEST_CASE("a term marks its part of a confusion matrix read for one digit", "[glossary]") {
  const int d = 3;
  auto count = [&](Term term) {
    int n = 0;
    for (int t = 0; t < 10; ++t)
      for (int p = 0; p < 10; ++p) n += term_marks_cell(term, d, t, p);
    return n;
  };
  CHECK(count(Term::TruePositive) == 1);
  CHECK(term_marks_cell(Term::TruePositive, d, 3, 3));
  CHECK(count(Term::FalseNegative) == 9);  // the row without the diagonal
  CHECK(term_marks_cell(Term::FalseNegative, d, 3, 5));
  CHECK_FALSE(term_marks_cell(Term::FalseNegative, d, 5, 3));
  CHECK(count(Term::FalsePositive) == 9);  // the column without the diagonal
  CHECK(term_marks_cell(Term::FalsePositive, d, 5, 3));
  CHECK(count(Term::TrueNegative) == 81);
  CHECK(count(Term::Support) == 10);  // the whole row: its sum
  CHECK(count(Term::Recall) == 10);
  CHECK(count(Term::Precision) == 10);
  CHECK(term_marks_cell(Term::Precision, d, 7, 3));
  CHECK(count(Term::Accuracy) == 10);  // the diagonal
  CHECK(count(Term::Specificity) == 90);
  CHECK(count(Term::Sigmoid) == 0);
  CHECK_FALSE(term_has_cells(Term::Epoch));
  CHECK(term_has_cells(Term::FalsePositive));
}
