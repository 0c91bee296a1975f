#include "core/jobs/pipeline_fit_job.hpp"

#include <algorithm>
#include <cassert>
#include <chrono>

namespace digitlab {

namespace {

// Rows per block, for a few milliseconds of work in wasm (about 20 MFLOP, or 400k
// values for the cheap stages); the covariance's in multiples of the 128-row panels of
// pixel_cross_products.hpp and cross_products.hpp.
Eigen::Index block_rows(FitStage stage, Eigen::Index cols, int pca_components) {
  const Eigen::Index d = std::max<Eigen::Index>(1, cols);
  switch (stage) {
    case FitStage::PcaCovariance: return std::max<Eigen::Index>(128, 20000000 / (d * d) / 128 * 128);
    case FitStage::Features: return std::max<Eigen::Index>(16, 10000000 / (d * std::max(1, pca_components)));
    default: return std::max<Eigen::Index>(64, 400000 / d);
  }
}

constexpr double kPreprocessShare = 0.1;

}  // namespace

const char* to_string(FitStage stage) {
  switch (stage) {
    case FitStage::Scaling: return "scaling";
    case FitStage::PcaCovariance: return "PCA covariance";
    case FitStage::PcaEigen: return "PCA eigenvectors";
    case FitStage::Features: return "features";
    case FitStage::Training: return "training";
    case FitStage::Done: return "done";
  }
  return "";
}

bool shares_covariance(const PipelineSettings& settings, Eigen::Index rows, int shards) {
  return shards > 1 && settings.pca_components > 0 && rows >= shards;
}

RowRange covariance_share(Eigen::Index rows, int shards, int shard) {
  return {rows * shard / shards, rows * (shard + 1) / shards};
}

PipelineFitJob::PipelineFitJob(PipelineSettings settings, RowSource rows, Labels labels, int n_classes)
    : settings_(settings), rows_(std::move(rows)), labels_(std::move(labels)),
      n_classes_(n_classes > 0 ? n_classes : count_classes(labels_)) {
  const std::string problem = check_settings(settings_, static_cast<int>(rows_.cols));
  if (!problem.empty()) throw DataError(problem);
  if (rows_.rows == 0) throw DataError("cannot fit on zero samples");
  if (static_cast<Eigen::Index>(labels_.size()) != rows_.rows)
    throw DataError(std::to_string(rows_.rows) + " samples but " + std::to_string(labels_.size()) + " labels");
  enter(FitStage::Scaling);
}

PipelineFitJob::PipelineFitJob(PreprocessingOnly, Scaling scaling, int pca_components, RowSource rows)
    : rows_(std::move(rows)), n_classes_(0), preprocessing_only_(true) {
  settings_.scaling = scaling;
  settings_.pca_components = pca_components;
  const std::string problem = check_settings(settings_, static_cast<int>(rows_.cols));
  if (!problem.empty()) throw DataError(problem);
  if (rows_.rows == 0) throw DataError("cannot fit on zero samples");
  enter(FitStage::Scaling);
}

PipelineFitJob::~PipelineFitJob() = default;

void PipelineFitJob::enter(FitStage stage) {
  progress_.stage = stage;
  next_row_ = 0;
  const int d = static_cast<int>(rows_.cols);
  switch (stage) {
    case FitStage::Scaling:
      if (settings_.scaling == Scaling::Standard) standard_.emplace().begin_fit(d);
      else if (settings_.scaling == Scaling::MinMax) minmax_.emplace().begin_fit(d);
      else enter(FitStage::PcaCovariance);
      break;
    case FitStage::PcaCovariance:
      if (standard_) standard_->finish_fit();
      if (minmax_) minmax_->finish_fit();
      if (settings_.pca_components > 0) {
        pca_.emplace(settings_.pca_components);
        if (rows_.fill_pixels) {
          // Pixels: the PCA sums them exactly and applies the scaling a * x + b after.
          Eigen::VectorXd scale = Eigen::VectorXd::Ones(d), offset = Eigen::VectorXd::Zero(d);
          if (standard_) {
            scale = standard_->scale().cast<double>().cwiseInverse();
            offset = -standard_->mean().cast<double>().cwiseProduct(scale);
          } else if (minmax_) {
            scale = minmax_->data_range().cast<double>().cwiseInverse();
            offset = -minmax_->data_min().cast<double>().cwiseProduct(scale);
          }
          pca_->begin_fit_pixels(d, std::move(scale), std::move(offset));
          plan_covariance_rows();
        } else {
          pca_->begin_fit(d);
        }
      } else {
        enter(FitStage::Features);
      }
      break;
    case FitStage::PcaEigen:
      pca_->begin_decomposition();
      break;
    case FitStage::Features:
      preprocessing_ = Pipeline::from_fitted(settings_, d, standard_, minmax_, pca_, LogisticRegression(settings_.model));
      if (preprocessing_only_) {
        progress_.stage = FitStage::Done;
        break;
      }
      base_features_.resize(rows_.rows, preprocessing_.base_count());
      break;
    case FitStage::Training:
      progress_.preprocess_seconds =
          progress_.elapsed_seconds + std::chrono::duration<double>(std::chrono::steady_clock::now() - step_started_).count();
      if (spread_sum_) {
        const FeatureSpread spread = spread_sum_->result();
        trainer_ = std::make_unique<LogisticRegressionTrainer>(settings_.model, training_features(), labels_, n_classes_, &spread);
        spread_sum_.reset();
      } else {
        trainer_ = std::make_unique<LogisticRegressionTrainer>(settings_.model, training_features(), labels_, n_classes_);
      }
      if (after_pass_) trainer_->set_pass_callback(after_pass_);
      if (shard_count_ > 1) trainer_->share_rows(shard_count_);
      break;
    case FitStage::Done:
      break;
  }
}

// The covariance rows summed here: all, or shard 0's share and those no longer lent.
void PipelineFitJob::plan_covariance_rows() {
  covariance_here_.clear();
  covariance_range_ = 0;
  covariance_rows_here_ = 0;
  if (lent_.empty()) covariance_here_.push_back({0, rows_.rows});
  for (std::size_t s = 0; s < lent_.size(); ++s)
    if (!lent_[s] && !lent_sums_[s])
      covariance_here_.push_back(covariance_share(rows_.rows, static_cast<int>(lent_.size()), static_cast<int>(s)));
  next_row_ = covariance_here_.front().begin;
}

void PipelineFitJob::share_rows(int count) {
  shard_count_ = count;
  // Lent only before any covariance row is summed (without a scaler the job starts there).
  const bool before = progress_.stage < FitStage::PcaCovariance ||
                      (progress_.stage == FitStage::PcaCovariance && covariance_rows_here_ == 0);
  if (!before || !rows_.fill_pixels) return;
  lent_.clear();
  lent_sums_.clear();
  if (shares_covariance(settings_, rows_.rows, count)) {
    lent_.assign(static_cast<std::size_t>(count), true);
    lent_[0] = false;
    lent_sums_.resize(static_cast<std::size_t>(count));
  }
  if (progress_.stage == FitStage::PcaCovariance) plan_covariance_rows();
}

bool PipelineFitJob::add_covariance_part(int shard, PixelSums sums) {
  const auto s = static_cast<std::size_t>(shard);
  if (shard < 1 || s >= lent_.size() || !lent_[s] || lent_sums_[s] || progress_.stage > FitStage::PcaCovariance) return false;
  const RowRange share = covariance_share(rows_.rows, static_cast<int>(lent_.size()), shard);
  if (sums.rows != share.end - share.begin || sums.sum.size() != rows_.cols || sums.lower.rows() != rows_.cols ||
      sums.lower.cols() != rows_.cols)
    return false;
  lent_sums_[s] = std::move(sums);
  return true;
}

bool PipelineFitJob::waiting_for_covariance() const {
  if (progress_.stage != FitStage::PcaCovariance || covariance_range_ < covariance_here_.size()) return false;
  for (std::size_t s = 0; s < lent_.size(); ++s)
    if (lent_[s] && !lent_sums_[s]) return true;
  return false;
}

void PipelineFitJob::shards_lost() {
  shard_count_ = 1;
  for (std::size_t s = 0; s < lent_.size(); ++s) {
    if (!lent_[s] || lent_sums_[s]) continue;
    lent_[s] = false;
    // Summing already: the share joins the rows summed here (before, enter() adds it).
    if (progress_.stage == FitStage::PcaCovariance) {
      const bool idle = covariance_range_ >= covariance_here_.size();
      covariance_here_.push_back(covariance_share(rows_.rows, static_cast<int>(lent_.size()), static_cast<int>(s)));
      if (idle) next_row_ = covariance_here_[covariance_range_].begin;
    }
  }
}

bool PipelineFitJob::advance_covariance() {
  if (covariance_range_ < covariance_here_.size()) {
    const RowRange range = covariance_here_[covariance_range_];
    const Eigen::Index count = std::min(block_rows(progress_.stage, rows_.cols, settings_.pca_components), range.end - next_row_);
    rows_.fill_pixels(next_row_, count, pixel_block_);
    pca_->fit_partial_pixels(pixel_block_);
    next_row_ += count;
    covariance_rows_here_ += count;
    if (next_row_ >= range.end && ++covariance_range_ < covariance_here_.size())
      next_row_ = covariance_here_[covariance_range_].begin;
    return false;
  }
  if (waiting_for_covariance()) return false;
  for (std::optional<PixelSums>& sums : lent_sums_)
    if (sums) {
      pca_->add_pixel_sums(*sums);
      ++covariance_shards_;
    }
  lent_sums_.clear();
  lent_.clear();
  return true;
}

double PipelineFitJob::covariance_rows_done() const {
  double rows = static_cast<double>(covariance_rows_here_);
  for (const std::optional<PixelSums>& sums : lent_sums_)
    if (sums) rows += static_cast<double>(sums->rows);
  return rows;
}

bool PipelineFitJob::advance_rows() {
  if (progress_.stage == FitStage::PcaCovariance && rows_.fill_pixels) return advance_covariance();
  const Eigen::Index count =
      std::min(block_rows(progress_.stage, rows_.cols, settings_.pca_components), rows_.rows - next_row_);
  rows_.fill(next_row_, count, block_);
  switch (progress_.stage) {
    case FitStage::Scaling:
      if (standard_) standard_->fit_partial(block_);
      else minmax_->fit_partial(block_);
      break;
    case FitStage::PcaCovariance:
      pca_->fit_partial(standard_ ? standard_->transform(block_) : minmax_ ? minmax_->transform(block_) : block_);
      break;
    case FitStage::Features:
      preprocessing_.transform_base_rows(block_, base_features_.middleRows(next_row_, count));
      break;
    default:
      break;
  }
  next_row_ += count;
  return next_row_ >= rows_.rows;
}

double PipelineFitJob::step(double budget_seconds) {
  using Clock = std::chrono::steady_clock;
  step_started_ = Clock::now();
  const auto spent = [&] { return std::chrono::duration<double>(Clock::now() - step_started_).count(); };
  const double stages_before = progress_.elapsed_seconds;

  // A block is not started when the last one says it would end past the budget, nor
  // the first block of a new stage (its cost is unknown: in wasm the first eigen step
  // took up to 50 ms when it was measured), and a second block begun at 11 ms held
  // frames for 50-70 ms.
  double last_block = 0.0;
  while (!done()) {
    const double before = spent();
    const FitStage stage_before = progress_.stage;
    switch (progress_.stage) {
      case FitStage::Scaling:
        if (advance_rows()) enter(FitStage::PcaCovariance);
        break;
      case FitStage::PcaCovariance:
        if (advance_rows()) enter(FitStage::PcaEigen);
        break;
      case FitStage::PcaEigen:
        pca_->step_decomposition(0.0);  // one unit: this loop keeps the frame's budget
        if (!pca_->decomposing()) enter(FitStage::Features);
        break;
      case FitStage::Features:
        // Then, for L-BFGS, the features' spreads it steps by, a block at a time.
        if (spread_sum_) {
          spread_sum_->add_block();
          if (spread_sum_->done()) enter(FitStage::Training);
        } else if (advance_rows()) {
          if (reads_spread()) spread_sum_.emplace(training_features());
          else enter(FitStage::Training);
        }
        break;
      case FitStage::Training:
        trainer_->step(std::max(0.0, budget_seconds - spent()));
        progress_.training = trainer_->progress();
        if (trainer_->done()) finish_training_stage();
        break;
      case FitStage::Done:
        break;
    }
    // A point to send to the other shards, or their parts (or covariance sums) to wait for:
    // the caller's turn.
    if (trainer_ && (trainer_->shard_point_unsent() || trainer_->waiting_for_shards())) break;
    if (waiting_for_covariance()) break;
    last_block = spent() - before;
    if (progress_.stage != stage_before) break;  // a new stage's first block gets a frame of its own
    if (spent() + last_block >= budget_seconds) break;
  }
  progress_.elapsed_seconds = stages_before + spent();

  // Progress: preprocessing stages share the first 10%, training the rest (all of it
  // for a PreprocessingOnly job, over its three stages).
  if (preprocessing_only_) {
    const double within = progress_.stage == FitStage::PcaEigen ? 0.5
                          : static_cast<double>(next_row_) / static_cast<double>(rows_.rows);
    progress_.fraction = done() ? 1.0 : std::min(1.0, (static_cast<int>(progress_.stage) + within) / 3.0);
  } else if (progress_.stage == FitStage::Training || done()) {
    progress_.fraction = done() ? 1.0 : kPreprocessShare + (1 - kPreprocessShare) * progress_.training.fraction;
  } else {
    const int stage = static_cast<int>(progress_.stage);
    const double rows_within = static_cast<double>(next_row_) / static_cast<double>(rows_.rows);
    const double within = progress_.stage == FitStage::PcaEigen ? 0.5
                          : progress_.stage == FitStage::PcaCovariance && rows_.fill_pixels
                              ? covariance_rows_done() / static_cast<double>(rows_.rows)
                          : progress_.stage == FitStage::Features && spread_sum_ ? 0.5 + 0.5 * spread_sum_->fraction()
                          : progress_.stage == FitStage::Features && reads_spread() ? 0.5 * rows_within
                                                                                      : rows_within;
    progress_.fraction = kPreprocessShare * (stage + within) / 4.0;
  }
  return progress_.fraction;
}

void PipelineFitJob::finish_training_stage() {
  final_model_ = trainer_->model();
  progress_.training = trainer_->progress();
  progress_.stage = FitStage::Done;
}

void PipelineFitJob::stop() {
  if (done()) return;
  if (trainer_) {
    trainer_->stop();
    finish_training_stage();
  } else {
    progress_.training.status = TrainingStatus::Stopped;
    progress_.training.message = "stopped before training began: no model";
    progress_.stage = FitStage::Done;
  }
}

void PipelineFitJob::set_pass_callback(LogisticRegressionTrainer::PassCallback callback) {
  after_pass_ = std::move(callback);
  if (trainer_) trainer_->set_pass_callback(after_pass_);
}

bool PipelineFitJob::reads_spread() const {
  return !preprocessing_only_ && settings_.model.solver == Solver::Lbfgs && settings_.model.lbfgs_scaling;
}

FeatureSource PipelineFitJob::training_features() const {
  return expanded_features(base_features_, PolynomialFeatures(settings_.poly_degree));
}

const Pipeline& PipelineFitJob::preprocessing() const {
  assert(preprocessing_only_ && done() && "PipelineFitJob::preprocessing before a PreprocessingOnly job is done");
  return preprocessing_;
}

bool PipelineFitJob::has_model() const { return trainer_ != nullptr; }

const std::vector<double>& PipelineFitJob::loss_history() const {
  return trainer_ ? trainer_->loss_history() : no_history_;
}

const std::vector<int>& PipelineFitJob::problem_starts() const {
  return trainer_ ? trainer_->problem_starts() : no_starts_;
}

Pipeline PipelineFitJob::pipeline() const {
  if (!has_model()) throw DataError("the pipeline has no model yet: " + std::string(to_string(progress_.stage)));
  return preprocessing_.with_model(final_model_ ? *final_model_ : trainer_->model());
}

}  // namespace digitlab
