#include "app/logic/glossary.hpp"

#include <cassert>

namespace digitlab::app {

const std::vector<GlossaryEntry>& glossary() {
  // One line each, true for what the page shows (the numbers in brackets are the page's).
  static const std::vector<GlossaryEntry> all = {
      {Term::TruePositive, "tp", "TP (true positive)",
       "An image of the digit in question that the model called that digit: a hit (the diagonal cell of its row)."},
      {Term::FalseNegative, "fn", "FN (false negative)",
       "An image of the digit that the model called another digit: a miss (its row, without the diagonal)."},
      {Term::FalsePositive, "fp", "FP (false positive)",
       "An image of another digit that the model called this digit: a false alarm (its column, without the diagonal)."},
      {Term::TrueNegative, "tn", "TN (true negative)",
       "An image of another digit that the model did not call this digit: a correct rejection (outside its row and column)."},
      {Term::Accuracy, "accuracy", "accuracy",
       "The share of all test images the model got right: the diagonal of the confusion matrix over its total."},
      {Term::ConfusionMatrix, "confusion_matrix", "confusion matrix",
       "A table counting test images by true digit (rows) and predicted digit (columns); the diagonal holds the right answers."},
      {Term::Precision, "precision", "precision",
       "Of the images the model called this digit, the share that really are it: TP / (TP + FP), read down its column."},
      {Term::Recall, "recall", "recall",
       "Of the images that really are this digit, the share the model found: TP / (TP + FN), read along its row."},
      {Term::F1, "f1", "F1",
       "The harmonic mean of precision and recall, 2PR / (P + R): high only when both are high."},
      {Term::Specificity, "specificity", "specificity",
       "Of the images that are not this digit, the share the model left alone: TN / (TN + FP)."},
      {Term::Support, "support", "support",
       "How many test images truly belong to a class: the sum of its row in the confusion matrix."},
      {Term::MacroAvg, "macro_avg", "macro avg",
       "The plain mean of the ten per-digit scores: every digit counts the same, however many test images it has."},
      {Term::WeightedAvg, "weighted_avg", "weighted avg",
       "The mean of the per-digit scores weighted by each digit's support: digits with more test images count more."},
      {Term::C, "c", "C (inverse L2 strength)",
       "C = 1 / (strength of the L2 penalty): a small C pulls every weight hard toward 0, a large C lets weights grow to fit."},
      {Term::L2, "l2", "L2 penalty",
       "A cost of (1 / 2C) x the sum of squared weights, added to the log-loss summed over the training digits: it "
       "pulls weights toward 0."},
      {Term::LogLoss, "log_loss", "loss (log-loss)",
       "-log(probability given to the true digit), averaged over digits. Training lowers its sum plus the L2 penalty "
       "(shown per digit)."},
      {Term::Iteration, "iteration", "iteration",
       "One step of the solver; for L-BFGS each step reads every training digit at least once."},
      {Term::MaxIter, "max_iter", "max_iter",
       "The most iterations (or epochs) the solver may take: it stops there, settled or not (ConvergenceWarning)."},
      {Term::Epoch, "epoch", "epoch",
       "One pass of mini-batch training through all the training digits, a batch at a time, in a new random order."},
      {Term::LBFGS, "lbfgs", "L-BFGS",
       "The default solver: steps use the gradient over all digits, the last few steps' curvature and how much each feature spreads."},
      {Term::MiniBatch, "minibatch", "mini-batch gradient descent",
       "A solver that steps after each small random batch of training digits (batch size), many steps per epoch."},
      {Term::NewtonCg, "newton_cg", "Newton-CG",
       "A solver that steps to where the loss's curvature says its minimum is: few iterations, several passes over the digits each."},
      {Term::Sag, "sag", "SAG",
       "Stochastic average gradient: a step after each random digit, along the average of every digit's latest gradient."},
      {Term::SettledRule, "settled_rule", "settled accuracy",
       "Stops once the validation digits' accuracy, averaged over 10 passes that moved the model, changed under 0.1 point over 50."},
      {Term::LearningRate, "learning_rate", "learning rate",
       "How far each mini-batch step moves the weights; too large and the loss grows instead of falling (diverges)."},
      {Term::BatchSize, "batch_size", "batch size",
       "How many training digits each mini-batch step looks at before it moves the weights."},
      {Term::Gradient, "gradient", "gradient",
       "How the loss changes as each weight changes; the solver steps against it, and near 0 everywhere it has settled."},
      {Term::Softmax, "softmax", "softmax",
       "Turns ten scores into ten probabilities that compete and sum to 1: e^z_k / sum_j e^z_j."},
      {Term::Sigmoid, "sigmoid", "sigmoid",
       "1 / (1 + e^-z): squeezes one score into 0..1 on its own, the answer to one yes-or-no question."},
      {Term::OneVsRest, "one_vs_rest", "one-vs-rest",
       "Ten yes-or-no models, one per digit (\"is it a 3?\"), each with its own sigmoid; the most confident one wins."},
      {Term::Threshold, "threshold", "threshold",
       "The probability at or above which an image is called the digit; lower it and recall rises while precision falls."},
      {Term::ValidationSlice, "validation_slice", "validation slice",
       "Training digits held out of the fit and used only to watch training, so the test digits stay unseen until Evaluate."},
      {Term::TestDigits, "test_digits", "test digits",
       "Digits kept away from training and used once the model is done, to estimate how it does on new handwriting."},
      {Term::MnistSplit, "mnist_split", "MNIST's split",
       "MNIST comes as 60,000 training and 10,000 test digits; the page uses that split, the tutorial pools all 70,000."},
      {Term::TestSize, "test_size", "test_size",
       "The share of the data train_test_split keeps for testing; the tutorial uses 0.2 (20% of 70,000 = 14,000 digits)."},
      {Term::StandardScaler, "standard_scaler", "StandardScaler",
       "Rescales each pixel to mean 0 and standard deviation 1 over the training digits."},
      {Term::MinMaxScaler, "minmax_scaler", "MinMaxScaler",
       "Rescales each pixel so that its smallest and largest values over the training digits become 0 and 1."},
      {Term::PcaComponent, "pca_component", "PCA component",
       "A direction in pixel space along which the digits vary most, shown as an image; its sign is arbitrary."},
      {Term::ExplainedVariance, "explained_variance", "explained variance",
       "The share of the digits' total pixel variance that a component (or the kept ones together) accounts for."},
      {Term::PolynomialFeatures, "polynomial_features", "degree-2 polynomial features",
       "Every feature, its square and the product of every pair, so a model that adds things up can react to pairs."},
      {Term::ClassWeightBalanced, "class_weight_balanced", "class_weight balanced",
       "Weighs each training image by n / (10 x its digit's count), so a rare digit weighs as much in the loss as a common one."},
      {Term::Augmentation, "augmentation", "data augmentation",
       "Training on extra copies of the digits that are turned, shifted or noisy, labels kept."},
      {Term::NoiseSigma, "noise_sigma", "noise sigma",
       "The standard deviation of the random noise added to each pixel, in grey levels of 0..255 (20 is about 8% of white)."},
      {Term::Calibration, "calibration", "calibration",
       "How well probabilities match how often they come true: of the digits called 80% sure, about 80% should be right."},
      {Term::Confidence, "confidence", "confidence",
       "The model's largest probability for a digit: how sure it says it is of the answer it gives."},
      {Term::ReliabilityDiagram, "reliability_diagram", "reliability diagram",
       "Digits grouped by how sure the model was (bins of 10%); each bar is how often it was right. Calibrated: on the diagonal."},
      {Term::Ece, "ece", "ECE (expected calibration error)",
       "The gap between sureness and how often right, per bin of 10%, averaged with each bin weighted by its share of digits."},
      {Term::Temperature, "temperature", "temperature T",
       "Every score divided by T before the softmax: T > 1 makes the model less sure, T < 1 more; its answers never change."},
      {Term::PlattScaling, "platt_scaling", "Platt scaling",
       "Each class's own score z becomes sigmoid(a z + b), a and b fitted per class on held-out digits; it can change answers."},
  };
  return all;
}

const GlossaryEntry& glossary_entry(Term term) {
  const auto index = static_cast<std::size_t>(term);
  assert(index < glossary().size() && glossary()[index].term == term && "glossary(): entries in the enum's order");
  return glossary()[index];
}

const GlossaryEntry* find_term(std::string_view key) {
  for (const GlossaryEntry& e : glossary())
    if (key == e.key) return &e;
  return nullptr;
}

bool term_marks_cell(Term term, int digit, int t, int p) {
  switch (term) {
    case Term::TruePositive: return t == digit && p == digit;
    case Term::FalseNegative: return t == digit && p != digit;
    case Term::FalsePositive: return p == digit && t != digit;
    case Term::TrueNegative: return t != digit && p != digit;
    case Term::Accuracy: return t == p;
    case Term::ConfusionMatrix: return true;
    case Term::Precision: return p == digit;                 // TP + FP: its column
    case Term::Recall: case Term::Support: return t == digit;  // TP + FN: its row
    case Term::F1: return t == digit || p == digit;          // both
    case Term::Specificity: return t != digit;               // TN + FP: the other rows
    default: return false;
  }
}

bool term_has_cells(Term term) {
  for (int t = 0; t < 10; ++t)
    for (int p = 0; p < 10; ++p)
      if (term_marks_cell(term, 0, t, p)) return true;
  return false;
}

}  // namespace digitlab::app
