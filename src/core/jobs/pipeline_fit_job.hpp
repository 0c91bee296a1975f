// Fitting a whole pipeline a time budget at a time: scaler statistics, PCA covariance,
// PCA eigenvectors, the feature matrix (and, for L-BFGS, the features' spreads it steps by),
// then logistic regression. Each stage works in row blocks, so no single step holds a
// browser frame for long; fit() is a loop over step(). The raw rows come from a RowSource
// (bytes converted per block), and only the final feature matrix is materialized.
//
//   PipelineFitJob job(settings, rows_of(train.pixels), train.labels);
//   while (!job.done()) { job.step(0.012); draw_progress(job.progress()); }
//   Pipeline fitted = job.pipeline();
//
// Only the preprocessing (the Scaling and PCA chapters' pictures): the same stages,
// ending once the scaler and PCA are fitted, with no features and no model.
//   PipelineFitJob job(PipelineFitJob::PreprocessingOnly{}, Scaling::MinMax, 60, rows_of(digits));
//   while (!job.done()) job.step(0.012);
//   job.preprocessing().pca()->components();
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/linear_model/feature_spread.hpp"
#include "core/linear_model/pipeline.hpp"
#include "core/data/row_source.hpp"

namespace digitlab {

enum class FitStage { Scaling, PcaCovariance, PcaEigen, Features, Training, Done };
const char* to_string(FitStage stage);

// Row sharding of the PCA covariance (issue 12): where the rows are 8-bit pixels and
// `shards` workers share a fit with PCA, shard s >= 1 sums the raw pixels of rows
// covariance_share(rows, shards, s) in its own worker (pixel_sums(), pca.hpp) and the
// job adds those sums (add_covariance_part); the job sums shard 0's share. The sums are
// exact integers, so the PCA is the unshared one's, bit for bit.
struct RowRange {
  Eigen::Index begin = 0, end = 0;
};
// (Lent only with PCA, more than one shard and at least a row for each.)
bool shares_covariance(const PipelineSettings& settings, Eigen::Index rows, int shards);
RowRange covariance_share(Eigen::Index rows, int shards, int shard);

struct FitProgress {
  FitStage stage = FitStage::Scaling;
  double fraction = 0.0;        // whole job, 0..1 (preprocessing counts for 10%)
  double elapsed_seconds = 0.0;
  double preprocess_seconds = 0.0;
  TrainingProgress training;    // meaningful from FitStage::Training on
};

class PipelineFitJob {
 public:
  // The job keeps its own copy of the labels, and the rows as the RowSource holds them
  // (rows_of(shared_ptr<const Dataset>) shares the dataset, so replacing it is safe).
  PipelineFitJob(PipelineSettings settings, RowSource rows, Labels labels, int n_classes = 0);
  struct PreprocessingOnly {};
  PipelineFitJob(PreprocessingOnly, Scaling scaling, int pca_components, RowSource rows);
  ~PipelineFitJob();

  // Works for about budget_seconds; returns progress().fraction (0..1, 1 once done()).
  double step(double budget_seconds);
  void stop();  // stops training; before training, the job ends without a model
  // Forwarded to the trainer once training begins (LogisticRegressionTrainer::PassCallback).
  void set_pass_callback(LogisticRegressionTrainer::PassCallback callback);
  bool done() const { return progress_.stage == FitStage::Done; }
  bool has_model() const;
  // Row sharding (LogisticRegressionTrainer::share_rows), asked for before training
  // begins; trainer() is null until then. step() returns early while the trainer waits.
  // With pixel rows it also lends the covariance's rows (shares_covariance above).
  void share_rows(int count);
  // Shard `shard`'s sums of its covariance rows, from its worker; false (and ignored) when
  // not lent to it, already in, or of another number of rows or columns.
  bool add_covariance_part(int shard, PixelSums sums);
  // This job's covariance rows are summed and a lent share's sums are missing: step()
  // returns at once until they arrive.
  bool waiting_for_covariance() const;
  // The other shards' workers are gone: the rows lent to them and not yet summed are
  // summed here, and training does not share its rows.
  void shards_lost();
  LogisticRegressionTrainer* trainer() { return trainer_.get(); }
  int shards_used() const { return trainer_ && trainer_->shards() ? trainer_->shards()->count() : 1; }
  // The workers whose rows' sums made the PCA covariance (1: all summed here).
  int covariance_shards() const { return covariance_shards_; }
  const FitProgress& progress() const { return progress_; }
  const PipelineSettings& settings() const { return settings_; }
  const std::vector<double>& loss_history() const;
  const std::vector<int>& problem_starts() const;  // LogisticRegressionTrainer::problem_starts
  // What training reads, once built: the base features (scaled, projected) and the
  // polynomial expansion applied a block at a time.
  FeatureSource training_features() const;

  // The fitted pipeline with the model so far; requires has_model().
  Pipeline pipeline() const;
  // The fitted scaler and PCA, no model; requires done() of a PreprocessingOnly job.
  const Pipeline& preprocessing() const;

 private:
  bool advance_rows();  // one block of the current stage; true when it ends
  void plan_covariance_rows();
  bool advance_covariance();  // one block of this job's covariance rows; true when it ends
  double covariance_rows_done() const;  // summed here or received, of all rows
  void enter(FitStage stage);
  void finish_training_stage();
  // L-BFGS steps by the features' spreads: the features stage reads them last.
  bool reads_spread() const;

  PipelineSettings settings_;
  RowSource rows_;
  Labels labels_;
  int n_classes_;
  bool preprocessing_only_ = false;
  Eigen::Index next_row_ = 0;
  Matrix block_;
  PixelMatrix pixel_block_;  // the covariance's rows, where they are 8-bit pixels
  std::optional<StandardScaler> standard_;
  std::optional<MinMaxScaler> minmax_;
  std::optional<PCA> pca_;
  Pipeline preprocessing_;  // fitted scaler and PCA, no model yet
  Matrix base_features_;
  std::optional<FeatureSpreadSum> spread_sum_;  // the features' spreads being read
  std::unique_ptr<LogisticRegressionTrainer> trainer_;
  std::optional<LogisticRegression> final_model_;
  FitProgress progress_;
  std::chrono::steady_clock::time_point step_started_;  // elapsed = time in step() calls
  std::vector<double> no_history_;
  std::vector<int> no_starts_;
  LogisticRegressionTrainer::PassCallback after_pass_;
  int shard_count_ = 1;
  // The covariance's rows lent to other shards (empty: none): per shard, lent or not, and
  // the sums received; the row ranges summed here, the one in progress.
  std::vector<bool> lent_;
  std::vector<std::optional<PixelSums>> lent_sums_;
  std::vector<RowRange> covariance_here_;
  std::size_t covariance_range_ = 0;
  Eigen::Index covariance_rows_here_ = 0;
  int covariance_shards_ = 1;
};

}  // namespace digitlab
