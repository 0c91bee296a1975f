// The PCA covariance's rows lent to the other shards' workers (issue 12;
// pipeline_fit_job.hpp): each sums the raw pixels of its share (pixel_sums), the sums
// travel as bytes (shard_messages.hpp), and the job adds them. Independent checks: sums
// and shares worked by hand, and the lent runs against the unshared one, whose PCA they
// must equal bit for bit (the sums are exact integers, so the order they are added in
// cannot change a bit), including when a shard is lost and its rows come back.
#include <catch2/catch.hpp>

#include <memory>

#include "core/jobs/pipeline_fit_job.hpp"
#include "core/jobs/shard_messages.hpp"
#include "test_support.hpp"

using namespace digitlab;
using namespace digitlab::testing;

namespace {

PipelineSettings settings(Scaling scaling = Scaling::MinMax) {
  PipelineSettings s;
  s.scaling = scaling;
  s.pca_components = 5;
  s.poly_degree = 1;
  s.model.max_iter = 5;
  return s;
}

// Steps `job` until training begins (its preprocessing is then fitted), handing it shard
// `shard`'s sums the first time it waits for them, unless `answer` is false. Returns how
// many times step() found it waiting.
int step_to_training(PipelineFitJob& job, const Dataset& data, bool answer = true) {
  int waits = 0;
  for (int steps = 0; job.progress().stage < FitStage::Training; ++steps) {
    REQUIRE(steps < 100000);
    job.step(0.001);
    if (!job.waiting_for_covariance()) continue;
    ++waits;
    REQUIRE(answer);
    const RowRange share = covariance_share(data.pixels.rows(), 2, 1);
    REQUIRE(job.add_covariance_part(1, pixel_sums(data.pixels.middleRows(share.begin, share.end - share.begin))));
  }
  return waits;
}

// The PCA an unshared job fits.
PCA unshared_pca(const std::shared_ptr<const Dataset>& data, Scaling scaling = Scaling::MinMax) {
  PipelineFitJob job(settings(scaling), rows_of(data), data->labels, 3);
  step_to_training(job, *data, false);
  return *job.pipeline().pca();
}

void require_same_pca(const PCA& a, const PCA& b) {
  REQUIRE(a.components().rows() == 5);
  CHECK(a.components() == b.components());  // exact, not approximate
  CHECK(a.mean() == b.mean());
  CHECK(a.explained_variance() == b.explained_variance());
  CHECK(a.total_variance() == b.total_variance());
}

}  // namespace

TEST_CASE("pixel sums are the rows' count, column sums and products, worked by hand", "[covariance_shares]") {
  PixelMatrix pixels(3, 2);
  pixels << 1, 2,
            3, 4,
            0, 5;
  const PixelSums sums = pixel_sums(pixels);
  CHECK(sums.rows == 3);
  CHECK(sums.sum(0) == 4.0);                // 1 + 3 + 0
  CHECK(sums.sum(1) == 11.0);               // 2 + 4 + 5
  CHECK(sums.lower(0, 0) == 10.0);          // 1 + 9 + 0
  CHECK(sums.lower(1, 0) == 14.0);          // 2 + 12 + 0
  CHECK(sums.lower(1, 1) == 45.0);          // 4 + 16 + 25
  CHECK(sums.lower(0, 1) == 0.0);           // the upper triangle is not used
}

TEST_CASE("covariance shares: equal runs of rows, only with PCA and more than one shard", "[covariance_shares]") {
  CHECK(covariance_share(10, 2, 0).begin == 0);
  CHECK(covariance_share(10, 2, 0).end == 5);
  CHECK(covariance_share(10, 2, 1).begin == 5);
  CHECK(covariance_share(10, 2, 1).end == 10);
  // 10 rows over 4: 2, 3, 2, 3 (row 10 * s / 4, rounded down).
  const std::vector<Eigen::Index> ends{2, 5, 7, 10};
  for (int s = 0; s < 4; ++s) {
    CHECK(covariance_share(10, 4, s).begin == (s == 0 ? 0 : ends[static_cast<std::size_t>(s) - 1]));
    CHECK(covariance_share(10, 4, s).end == ends[static_cast<std::size_t>(s)]);
  }
  CHECK(shares_covariance(settings(), 10, 2));
  CHECK_FALSE(shares_covariance(settings(), 10, 1));
  CHECK(shares_covariance(settings(), 4, 4));
  CHECK_FALSE(shares_covariance(settings(), 3, 4));  // a shard would have no row
  PipelineSettings no_pca = settings();
  no_pca.pca_components = 0;
  CHECK_FALSE(shares_covariance(no_pca, 10, 2));
}

TEST_CASE("covariance sums cross as bytes and come back equal; malformed ones are refused", "[covariance_shares]") {
  const Dataset data = pixel_blobs(40, 3);
  CovariancePart part;
  part.shard = 1;
  part.sums = pixel_sums(data.pixels);
  const std::vector<std::uint8_t> bytes = encode_covariance_part(part);
  REQUIRE(is_covariance_part(bytes));
  CHECK_FALSE(is_covariance_part(encode_shard_request(1, Eigen::VectorXd::Zero(3))));
  const CovariancePart back = decode_covariance_part(bytes);
  CHECK(back.shard == 1);
  CHECK(back.sums.rows == 40);
  CHECK(back.sums.sum == part.sums.sum);
  CHECK(back.sums.lower.triangularView<Eigen::Lower>().toDenseMatrix() ==
        part.sums.lower.triangularView<Eigen::Lower>().toDenseMatrix());

  std::vector<std::uint8_t> cut(bytes.begin(), bytes.end() - 8);
  CHECK_THROWS_AS(decode_covariance_part(cut), DataError);
  // The last value (the lower triangle's last entry, a sum of squares) made a fraction,
  // then negative: neither is a sum of pixels.
  std::vector<std::uint8_t> fraction = bytes;
  const double half = 0.5, negative = -1.0;
  std::memcpy(fraction.data() + fraction.size() - 8, &half, 8);
  CHECK_THROWS_AS(decode_covariance_part(fraction), DataError);
  std::memcpy(fraction.data() + fraction.size() - 8, &negative, 8);
  CHECK_THROWS_AS(decode_covariance_part(fraction), DataError);
}

TEST_CASE("a job that lends half its covariance rows fits the unshared PCA, bit for bit", "[covariance_shares]") {
  const auto data = std::make_shared<const Dataset>(pixel_blobs(301, 7));
  const PCA reference = unshared_pca(data);

  SECTION("the sums come while it waits") {
    PipelineFitJob job(settings(), rows_of(data), data->labels, 3);
    job.share_rows(2);
    CHECK(step_to_training(job, *data) == 1);
    require_same_pca(*job.pipeline().pca(), reference);
    CHECK(job.covariance_shards() == 2);
  }
  SECTION("the sums come early (the shard was quicker than the scaler's pass)") {
    PipelineFitJob job(settings(), rows_of(data), data->labels, 3);
    job.share_rows(2);
    const RowRange share = covariance_share(301, 2, 1);
    REQUIRE(job.add_covariance_part(1, pixel_sums(data->pixels.middleRows(share.begin, share.end - share.begin))));
    CHECK(step_to_training(job, *data, false) == 0);
    require_same_pca(*job.pipeline().pca(), reference);
  }
  SECTION("the shard is lost while the job waits: it sums those rows itself") {
    PipelineFitJob job(settings(), rows_of(data), data->labels, 3);
    job.share_rows(2);
    while (!job.waiting_for_covariance()) {
      REQUIRE(job.progress().stage <= FitStage::PcaCovariance);
      job.step(0.001);
    }
    job.step(0.001);  // waiting: nothing moves
    CHECK(job.waiting_for_covariance());
    job.shards_lost();
    CHECK_FALSE(job.waiting_for_covariance());
    CHECK(step_to_training(job, *data, false) == 0);
    require_same_pca(*job.pipeline().pca(), reference);
    CHECK(job.covariance_shards() == 1);
    CHECK(job.trainer()->shards() == nullptr);  // and training does not share
  }
  SECTION("the shard is lost before the covariance begins") {
    PipelineFitJob job(settings(), rows_of(data), data->labels, 3);
    job.share_rows(2);
    job.shards_lost();
    CHECK(step_to_training(job, *data, false) == 0);
    require_same_pca(*job.pipeline().pca(), reference);
  }
}

TEST_CASE("without a scaler the job starts at the covariance, and still lends", "[covariance_shares]") {
  const auto data = std::make_shared<const Dataset>(pixel_blobs(200, 11));
  PipelineFitJob job(settings(Scaling::None), rows_of(data), data->labels, 3);
  REQUIRE(job.progress().stage == FitStage::PcaCovariance);
  job.share_rows(2);
  CHECK(step_to_training(job, *data) == 1);
  require_same_pca(*job.pipeline().pca(), unshared_pca(data, Scaling::None));
}

TEST_CASE("a job refuses covariance sums it did not lend or has already", "[covariance_shares]") {
  const auto data = std::make_shared<const Dataset>(pixel_blobs(100, 5));
  const RowRange share = covariance_share(100, 2, 1);
  const PixelSums right = pixel_sums(data->pixels.middleRows(share.begin, share.end - share.begin));
  PipelineFitJob unshared(settings(), rows_of(data), data->labels, 3);
  CHECK_FALSE(unshared.add_covariance_part(1, right));  // nothing lent

  PipelineFitJob job(settings(), rows_of(data), data->labels, 3);
  job.share_rows(2);
  CHECK_FALSE(job.add_covariance_part(0, right));   // its own share
  CHECK_FALSE(job.add_covariance_part(2, right));   // no such shard
  CHECK_FALSE(job.add_covariance_part(1, pixel_sums(data->pixels.topRows(10))));  // other rows
  CHECK(job.add_covariance_part(1, right));
  CHECK_FALSE(job.add_covariance_part(1, right));   // a repeat
}
