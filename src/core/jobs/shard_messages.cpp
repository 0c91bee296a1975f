#include "core/jobs/shard_messages.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "core/jobs/byte_codec.hpp"

namespace digitlab {

namespace {

constexpr std::uint32_t kLoadMagic = 0x44484c53;     // "SLHD"
constexpr std::uint32_t kRequestMagic = 0x44485153;  // "SQHD"
constexpr std::uint32_t kPartMagic = 0x44485053;     // "SPHD"
constexpr std::uint32_t kCovarianceMagic = 0x44484353;  // "SCHD"
constexpr std::uint32_t kTargetsMagic = 0x44485453;  // "STHD"

void put_theta(Writer& w, const Eigen::VectorXd& v) { w.put_bytes(v.data(), static_cast<std::size_t>(v.size()) * sizeof(double)); }

Eigen::VectorXd get_theta(Reader& r) {
  const std::vector<double> values = r.get_vector<double>();
  return Eigen::Map<const Eigen::VectorXd>(values.data(), static_cast<Eigen::Index>(values.size()));
}

}  // namespace

std::vector<std::uint8_t> encode_shard_load(const LogisticObjective& objective, const RowShards& shards, int shard) {
  const FeatureSource& source = objective.features();
  const Eigen::Index begin = shards.begin(shard), rows = shards.end(shard) - begin, cols = source.base->cols();
  Writer w;
  w.put<std::uint32_t>(kLoadMagic);
  w.put<std::int32_t>(shard);
  w.put<std::int32_t>(source.degree);
  w.put<std::int32_t>(objective.n_outputs());
  w.put<std::int32_t>(objective.kind() == LossKind::Softmax ? 0 : 1);
  w.put<std::int64_t>(rows);
  w.put<std::int64_t>(cols);
  w.put_bytes(source.base->middleRows(begin, rows).data(), static_cast<std::size_t>(rows * cols) * sizeof(float));
  w.put_bytes(objective.targets().data() + begin, static_cast<std::size_t>(rows) * sizeof(int));
  w.put_bytes(objective.sample_weight().data() + begin, static_cast<std::size_t>(rows) * sizeof(float));
  const std::vector<Eigen::Index> ends = shards.group_ends(shard);
  w.put_vector(std::vector<std::int64_t>(ends.begin(), ends.end()));
  return std::move(w.bytes);
}

std::vector<std::uint8_t> encode_shard_targets(const LogisticObjective& objective, const RowShards& shards, int shard) {
  const Eigen::Index begin = shards.begin(shard), rows = shards.end(shard) - begin;
  Writer w;
  w.put<std::uint32_t>(kTargetsMagic);
  w.put_bytes(objective.targets().data() + begin, static_cast<std::size_t>(rows) * sizeof(int));
  w.put_bytes(objective.sample_weight().data() + begin, static_cast<std::size_t>(rows) * sizeof(float));
  return std::move(w.bytes);
}

std::vector<ShardCourier::Message> ShardCourier::collect(LogisticRegressionTrainer& trainer) {
  std::vector<Message> out;
  const RowShards* shards = trainer.shards();
  if (!shards) return out;
  if (!loaded_) {
    for (int s = 1; s < shards->count(); ++s) out.emplace_back(s, encode_shard_load(trainer.objective(), *shards, s));
    loaded_ = true;
    problem_ = trainer.current_problem();
  }
  if (trainer.current_problem() != problem_) {
    for (int s = 1; s < shards->count(); ++s) out.emplace_back(s, encode_shard_targets(trainer.objective(), *shards, s));
    problem_ = trainer.current_problem();
  }
  if (trainer.shard_point_unsent()) {
    const auto request = encode_shard_request(shards->pass(), shards->point());
    for (int s = 1; s < shards->count(); ++s) out.emplace_back(s, request);
    trainer.mark_shard_point_sent();
  }
  return out;
}

std::vector<std::uint8_t> encode_shard_request(int pass, const Eigen::VectorXd& theta) {
  Writer w;
  w.put<std::uint32_t>(kRequestMagic);
  w.put<std::int32_t>(pass);
  put_theta(w, theta);
  return std::move(w.bytes);
}

std::vector<std::uint8_t> encode_shard_part(const ShardPart& part) {
  Writer w;
  w.put<std::uint32_t>(kPartMagic);
  w.put<std::int32_t>(part.pass);
  w.put<std::int32_t>(part.shard);
  w.put<double>(part.loss);
  put_theta(w, part.grad);
  return std::move(w.bytes);
}

ShardPart decode_shard_part(const std::vector<std::uint8_t>& bytes) {
  Reader r(bytes);
  if (r.get<std::uint32_t>() != kPartMagic) throw DataError("shard message: not a part");
  ShardPart part;
  part.pass = r.get<std::int32_t>();
  part.shard = r.get<std::int32_t>();
  part.loss = r.get<double>();
  part.grad = get_theta(r);
  r.expect_end();
  return part;
}

// The lower triangle goes column by column, from the diagonal down: d(d+1)/2 values.
std::vector<std::uint8_t> encode_covariance_part(const CovariancePart& part) {
  const Eigen::Index d = part.sums.sum.size();
  std::vector<double> lower;
  lower.reserve(static_cast<std::size_t>(d * (d + 1) / 2));
  for (Eigen::Index j = 0; j < d; ++j)
    for (Eigen::Index i = j; i < d; ++i) lower.push_back(part.sums.lower(i, j));
  Writer w;
  w.put<std::uint32_t>(kCovarianceMagic);
  w.put<std::int32_t>(part.shard);
  w.put<std::int64_t>(part.sums.rows);
  put_theta(w, part.sums.sum);
  w.put_vector(lower);
  return std::move(w.bytes);
}

CovariancePart decode_covariance_part(const std::vector<std::uint8_t>& bytes) {
  Reader r(bytes);
  if (r.get<std::uint32_t>() != kCovarianceMagic) throw DataError("shard message: not covariance sums");
  CovariancePart part;
  part.shard = r.get<std::int32_t>();
  part.sums.rows = r.get<std::int64_t>();
  part.sums.sum = get_theta(r);
  const std::vector<double> lower = r.get_vector<double>();
  r.expect_end();
  const Eigen::Index d = part.sums.sum.size();
  if (part.sums.rows < 1 || d < 1 || static_cast<Eigen::Index>(lower.size()) != d * (d + 1) / 2)
    throw DataError("shard message: covariance sums whose counts disagree");
  // Sums of pixels 0..255 and of their products: whole numbers, none negative.
  const auto whole = [](double v) { return std::isfinite(v) && v >= 0.0 && v == std::floor(v); };
  if (!std::all_of(lower.begin(), lower.end(), whole) || !part.sums.sum.unaryExpr(whole).all())
    throw DataError("shard message: covariance sums that are not sums of pixels");
  part.sums.lower = Eigen::MatrixXd::Zero(d, d);
  std::size_t k = 0;
  for (Eigen::Index j = 0; j < d; ++j)
    for (Eigen::Index i = j; i < d; ++i) part.sums.lower(i, j) = lower[k++];
  return part;
}

bool is_covariance_part(const std::vector<std::uint8_t>& bytes) {
  std::uint32_t magic = 0;
  if (bytes.size() < sizeof magic) return false;
  std::memcpy(&magic, bytes.data(), sizeof magic);
  return magic == kCovarianceMagic;
}

void ShardEvaluator::make_objective(Labels targets, const std::vector<float>& weights) {
  objective_.reset();
  for (int t : targets)
    if (t < 0 || t >= std::max(2, outputs_)) throw DataError("shard message: a target out of range");
  // alpha 0: the penalty is added once, where the solver runs.
  objective_ = std::make_unique<LogisticObjective>(
      source_, std::move(targets), Eigen::Map<const Eigen::VectorXf>(weights.data(), static_cast<Eigen::Index>(weights.size())),
      outputs_, kind_, 0.0);
  objective_->set_group_ends(ends_);
}

std::vector<std::uint8_t> ShardEvaluator::handle(const std::vector<std::uint8_t>& message) {
  Reader r(message);
  const auto magic = r.get<std::uint32_t>();
  if (magic == kLoadMagic) {
    objective_.reset();
    shard_ = r.get<std::int32_t>();
    const int degree = r.get<std::int32_t>(), outputs = r.get<std::int32_t>(), kind = r.get<std::int32_t>();
    const auto rows = r.get<std::int64_t>(), cols = r.get<std::int64_t>();
    if (degree < 1 || degree > 2 || outputs < 1 || (kind != 0 && kind != 1) || (kind == 1 && outputs != 1) ||
        rows < 1 || cols < 1)
      throw DataError("shard message: a load with a bad shape");
    const std::vector<float> values = r.get_vector<float>();
    Labels targets = r.get_vector<int>();
    const std::vector<float> weights = r.get_vector<float>();
    const std::vector<std::int64_t> ends = r.get_vector<std::int64_t>();
    r.expect_end();
    if (static_cast<std::int64_t>(values.size()) != rows * cols || static_cast<std::int64_t>(targets.size()) != rows ||
        static_cast<std::int64_t>(weights.size()) != rows)
      throw DataError("shard message: a load whose counts disagree");
    if (ends.empty() || ends.back() != rows || ends.front() < 0 || !std::is_sorted(ends.begin(), ends.end()))
      throw DataError("shard message: summation groups that do not cover the rows");
    outputs_ = outputs;
    kind_ = kind == 0 ? LossKind::Softmax : LossKind::Sigmoid;
    ends_.assign(ends.begin(), ends.end());
    base_ = Eigen::Map<const Matrix>(values.data(), rows, cols);
    source_ = degree == 2 ? expanded_features(base_, PolynomialFeatures(2)) : features_of(base_);
    make_objective(std::move(targets), weights);
    return {};
  }
  if (magic == kTargetsMagic) {  // the next one-vs-rest problem: the same rows, new targets
    if (!objective_) throw DataError("shard message: targets before the rows");
    Labels targets = r.get_vector<int>();
    const std::vector<float> weights = r.get_vector<float>();
    r.expect_end();
    if (static_cast<Eigen::Index>(targets.size()) != base_.rows() || static_cast<Eigen::Index>(weights.size()) != base_.rows())
      throw DataError("shard message: targets whose count is not the rows'");
    make_objective(std::move(targets), weights);
    return {};
  }
  if (magic != kRequestMagic) throw DataError("shard message: unknown kind");
  if (!objective_) throw DataError("shard message: a request before the rows");
  ShardPart part;
  part.pass = r.get<std::int32_t>();
  part.shard = shard_;
  const Eigen::VectorXd theta = get_theta(r);
  r.expect_end();
  if (theta.size() != objective_->parameter_count()) throw DataError("shard message: a point of the wrong size");
  part.loss = objective_->evaluate(theta, part.grad);
  return encode_shard_part(part);
}

}  // namespace digitlab
