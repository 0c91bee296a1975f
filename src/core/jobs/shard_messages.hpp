// What crosses between the training worker that runs L-BFGS and the workers that hold
// the other shards of its rows (issue 12; row_shards.hpp), as bytes (byte_codec.hpp):
//   load     once per run: the shard's rows of the base features (PCA scores, 8 bytes a
//            value fewer than degree-2 features would be), their targets and weights, the
//            objective's shape and the shard's summation groups;
//   request  per pass: the pass number and the point theta;
//   part     per pass, back: that shard's loss and gradient at theta, unpenalized.
// Before those, where the PCA covariance's rows are lent (pipeline_fit_job.hpp), the
// shard's worker gets its share of the fit rows' pixels from the first worker's script
// (web/fit-worker.js, no bytes of this format) and returns
//   covariance  once per run: the raw sums of those pixels (PixelSums, pca.hpp).
//
//   auto load = encode_shard_load(trainer.objective(), shards, 1);
//   ShardEvaluator shard;  shard.handle(load);            // in the shard's worker
//   auto part = shard.handle(encode_shard_request(shards.pass(), shards.point()));
//   ShardPart p = decode_shard_part(part);  trainer.add_shard_part(p.pass, p.shard, p.loss, p.grad);
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "core/linear_model/logistic_objective.hpp"
#include "core/linear_model/row_shards.hpp"
#include "core/preprocessing/pca.hpp"

namespace digitlab {

std::vector<std::uint8_t> encode_shard_load(const LogisticObjective& objective, const RowShards& shards, int shard);
std::vector<std::uint8_t> encode_shard_request(int pass, const Eigen::VectorXd& theta);

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
  int shard_ = 0;
  Matrix base_;
  std::unique_ptr<LogisticObjective> objective_;
};

}  // namespace digitlab
