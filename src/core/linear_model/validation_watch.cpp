#include "core/linear_model/validation_watch.hpp"

#include <algorithm>
#include <limits>

namespace digitlab {

namespace {

constexpr Eigen::Index kBlockRows = 256;

// The fraction of rows of `blocks` (X, loaded) whose highest score is their label (a
// single score: > 0 means class 1), and their confusion matrix. Through the objective's
// LinearBlock: in wasm, Eigen's own product has no SIMD path and took longer than a
// training pass on 10,000 digits.
double accuracy_of(const LogisticRegression& model, std::vector<LinearBlock>& blocks, const Labels& y,
                   ConfusionMatrix& confusion) {
  const Eigen::MatrixXf W = model.coef().cast<float>();
  const Eigen::RowVectorXf b = model.intercept().cast<float>().transpose();
  Eigen::MatrixXf S;
  long correct = 0, rows = 0;
  const Eigen::Index classes = std::max<Eigen::Index>(2, W.cols());
  confusion = ConfusionMatrix::Zero(classes, classes);
  for (LinearBlock& block : blocks) {
    block.scores(W, b, S);
    for (Eigen::Index i = 0; i < block.rows(); ++i, ++rows) {
      Eigen::Index best = 0;
      if (S.cols() == 1) best = S(i, 0) > 0.0f ? 1 : 0;
      else S.row(i).maxCoeff(&best);
      const int truth = y[static_cast<std::size_t>(rows)];
      correct += best == truth;
      if (truth >= 0 && truth < classes) ++confusion(truth, best);
    }
  }
  return rows ? static_cast<double>(correct) / static_cast<double>(rows) : 0.0;
}

}  // namespace

std::string ValidationWatch::after_pass(const LogisticRegressionTrainer& trainer, const Matrix& X, const Labels& y) {
  const TrainingProgress& p = trainer.progress();
  double value;  // the rule gets it unrounded; the curve keeps floats
  const bool moved = accuracy_.empty() || p.iteration != last_iteration_ || p.problem != last_problem_;
  if (!moved) {
    value = accuracy_.back();
  } else {
    if (X.data() != blocks_data_ || X.rows() != blocks_rows_ || X.cols() != blocks_cols_) {
      blocks_.assign(static_cast<std::size_t>((X.rows() + kBlockRows - 1) / kBlockRows), LinearBlock());
      for (std::size_t k = 0; k < blocks_.size(); ++k) {
        const Eigen::Index first = static_cast<Eigen::Index>(k) * kBlockRows;
        blocks_[k].load(X.middleRows(first, std::min(kBlockRows, X.rows() - first)));
      }
      blocks_data_ = X.data();
      blocks_rows_ = X.rows();
      blocks_cols_ = X.cols();
    }
    value = accuracy_of(trainer.model(), blocks_, y, confusion_);
    last_iteration_ = p.iteration;
    last_problem_ = p.problem;
  }
  accuracy_.push_back(static_cast<float>(value));
  passes_.push_back(p.passes);
  if (rule_ != StopRule::Settled) return "";
  std::string stop;
  const bool fed = p.problem + 1 == p.problem_count && moved;
  fed_.push_back(fed ? 1 : 0);
  if (fed) {
    rule_curve_index_.push_back(static_cast<int>(accuracy_.size()) - 1);
    if (static_cast<int>(rule_curve_index_.size()) > settled_.settings().window + 1) rule_curve_index_.pop_front();
    if (settled_.add(value)) stop = settled_.reason();
  }
  average_.push_back(settled_.has_average() ? static_cast<float>(settled_.latest_average())
                                            : std::numeric_limits<float>::quiet_NaN());
  return stop;
}

const char* stopped_by(TrainingStatus status) {
  switch (status) {
    case TrainingStatus::Running: return "";
    case TrainingStatus::Settled: return "settled";
    case TrainingStatus::Converged:
    case TrainingStatus::MaxIter:
    case TrainingStatus::LineSearchFailed: return "sklearn";
    case TrainingStatus::Stopped: return "user";
    case TrainingStatus::Diverged:
    case TrainingStatus::Failed: return "error";
  }
  return "";
}

const char* stopped_by_text(TrainingStatus status, Solver solver) {
  switch (status) {
    case TrainingStatus::Settled: return "the settled-accuracy rule";
    case TrainingStatus::Converged:
    case TrainingStatus::MaxIter:
    case TrainingStatus::LineSearchFailed:
      switch (solver) {
        case Solver::Sag:
          return "scikit-learn's rule for SAG (over an epoch no weight moved more than tol times the largest, or "
                 "max_iter)";
        case Solver::MiniBatch: return "the mini-batch rule (an epoch lowered the loss by under tol, or max_iter)";
        default: return "scikit-learn's rule (max |gradient| <= tol, or max_iter)";
      }
    case TrainingStatus::Stopped: return "you (Stop)";
    default: return "an error";
  }
}

}  // namespace digitlab
