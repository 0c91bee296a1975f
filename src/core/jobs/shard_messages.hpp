// What crosses between the training worker that runs L-BFGS and the workers that hold
// the other shards of its rows (issue 12; row_shards.hpp), as bytes (byte_codec.hpp):
//   load     once per run: the shard's rows of the base features (PCA scores, 8 bytes a
//            value fewer than degree-2 features would be), their targets and weights, the
//            objective's shape and the shard's summation groups;
//   targets  one-vs-rest, as it moves to its next problem: the shard's rows' 0/1 targets
//            and weights for that class (the rows stay);
//   request  per pass: the pass number and the point theta;
//   part     per pass, back: that shard's loss and gradient at theta, unpenalized.
// Before those, where the PCA covariance's rows are lent (pipeline_fit_job.hpp), the
// shard's worker gets its share of the fit rows' pixels from the first worker's script
// (web/fit-worker.js, no bytes of this format) and returns
//   covariance  once per run: the raw sums of those pixels (PixelSums, pca.hpp).
//
//   ShardCourier courier;                                  // where the solver runs
//   for (auto& [shard, bytes] : courier.collect(trainer))  // after every step
//     send(shard, bytes);
//   ShardEvaluator evaluator;                              // in shard `shard`'s worker
//   auto part = evaluator.handle(bytes);                   // a part for a request, else empty
//   ShardPart p = decode_shard_part(part);  trainer.add_shard_part(p.pass, p.shard, p.loss, p.grad);
#pragma once

#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "core/linear_model/logistic_objective.hpp"
#include "core/linear_model/logistic_regression.hpp"
#include "core/linear_model/row_shards.hpp"
#include "core/preprocessing/pca.hpp"

namespace digitlab {

std::vector<std::uint8_t> encode_shard_load(const LogisticObjective& objective, const RowShards& shards, int shard);
std::vector<std::uint8_t> encode_shard_targets(const LogisticObjective& objective, const RowShards& shards, int shard);
std::vector<std::uint8_t> encode_shard_request(int pass, const Eigen::VectorXd& theta);

// What the solver's side owes the other shards after a step of a sharded trainer, in
// the order they must be handled: their loads at the first, a problem's targets when
// one-vs-rest moves on, each pass's point (marking it sent). One courier per run.
class ShardCourier {
 public:
  using Message = std::pair<int, std::vector<std::uint8_t>>;  // the shard, the bytes
  std::vector<Message> collect(LogisticRegressionTrainer& trainer);

 private:
  bool loaded_ = false;
  int problem_ = 0;  // whose targets the shards hold
};

struct ShardPart {
  int pass = 0;
  int shard = 0;
  double loss = 0.0;
  Eigen::VectorXd grad;
};
std::vector<std::uint8_t> encode_shard_part(const ShardPart& part);
ShardPart decode_shard_part(const std::vector<std::uint8_t>& bytes);

struct CovariancePart {
  int shard = 0;
  PixelSums sums;
};
std::vector<std::uint8_t> encode_covariance_part(const CovariancePart& part);
// Throws DataError for a malformed message.
CovariancePart decode_covariance_part(const std::vector<std::uint8_t>& bytes);
// Whether a message from a shard is a covariance part (else a pass's part).
bool is_covariance_part(const std::vector<std::uint8_t>& bytes);

// The shard's side: a load makes its objective (no reply), a request returns the part.
// Throws DataError for a malformed message or a request before a load.
class ShardEvaluator {
 public:
  std::vector<std::uint8_t> handle(const std::vector<std::uint8_t>& message);
  Eigen::Index rows() const { return base_.rows(); }

 private:
  // The objective over the loaded rows with these targets and weights (throws for a
  // target out of range, leaving none).
  void make_objective(Labels targets, const std::vector<float>& weights);

  int shard_ = 0;
  Matrix base_;
  FeatureSource source_;
  int outputs_ = 0;
  LossKind kind_ = LossKind::Softmax;
  std::vector<Eigen::Index> ends_;
  std::unique_ptr<LogisticObjective> objective_;
};

}  // namespace digitlab
