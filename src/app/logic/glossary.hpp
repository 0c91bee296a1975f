// The page's glossary: every term a beginner meets, with a one-line definition. The
// panels name terms by this enum (glossary_ui.hpp draws them with a tooltip), so a
// misspelt term does not compile; state() and the page's hidden definition list
// (web/digitlab.js) read the same table. No ImGui here: tests/test_glossary.cpp checks it.
//
//   const GlossaryEntry& e = glossary_entry(Term::Recall);   // e.name, e.definition
//   if (term_marks_cell(Term::FalseNegative, 5, t, p)) ...    // a cell of digit 5's row
#pragma once

#include <string_view>
#include <vector>

namespace digitlab::app {

enum class Term {
  TruePositive, FalseNegative, FalsePositive, TrueNegative,
  Accuracy, ConfusionMatrix, Precision, Recall, F1, Specificity, Support, MacroAvg, WeightedAvg,
  C, L2, LogLoss, Iteration, MaxIter, Epoch, LBFGS, MiniBatch, NewtonCg, Sag, SettledRule, LearningRate, BatchSize, Gradient,
  Softmax, Sigmoid, OneVsRest, Threshold,
  ValidationSlice, TestDigits, MnistSplit, TestSize,
  StandardScaler, MinMaxScaler, PcaComponent, ExplainedVariance, PolynomialFeatures,
  ClassWeightBalanced, Augmentation, NoiseSigma,
  Calibration, Confidence, ReliabilityDiagram, Ece, Temperature, PlattScaling,
  Count  // not a term: how many there are
};

struct GlossaryEntry {
  Term term;
  const char* key;         // for state() and tests: "fn", "macro_avg"
  const char* name;        // as the page writes it: "FN (false negative)"
  const char* definition;  // one line
};

// Every term, in the enum's order.
const std::vector<GlossaryEntry>& glossary();
const GlossaryEntry& glossary_entry(Term term);
// nullptr when no term has this key.
const GlossaryEntry* find_term(std::string_view key);

// Whether hovering `term` marks the cell (true_label, predicted) of a confusion matrix,
// read for one digit `digit` against the rest: FN its row without the diagonal, FP its
// column, support the whole row (its sum), accuracy the diagonal... Terms with no part
// of the matrix mark nothing.
bool term_marks_cell(Term term, int digit, int true_label, int predicted);
// Whether `term` has a part of the confusion matrix to mark.
bool term_has_cells(Term term);

}  // namespace digitlab::app
