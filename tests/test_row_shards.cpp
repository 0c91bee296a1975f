// Row sharding (issue 12): an L-BFGS run whose rows are split across "workers" (here
// ShardEvaluators in this process, fed the same bytes the page's workers get) gives the
// whole run's model. Independent checks: the first pass at theta = 0 is n log K (every
// class equally likely; balanced weights sum to n), worked by hand; the shards' rows,
// worked by hand from the summation groups; and the sharded runs against the unsharded
// one: bit for bit with 2 and 4 shards, which add the same numbers in the same tree,
// and to the same optimum with 3, which adds them in another order.
#include <catch2/catch.hpp>

#include <cmath>

#include "core/jobs/shard_messages.hpp"
#include "core/linear_model/logistic_objective.hpp"
#include "core/linear_model/logistic_regression.hpp"
#include "core/linear_model/pairwise_sums.hpp"
#include "test_support.hpp"

using namespace digitlab;
using namespace digitlab::testing;

namespace {

// 900 rows by default, whose 128-row groups leave 25 of the 32 empty; 4,608 rows put
// rows in every group (group g ends at 144 g rounded down to a multiple of 128).
struct Toy {
  Matrix X;
  Labels y;
  explicit Toy(int rows = 900) : X(wavy_features(rows, 6, 0.3f)) {
    // Four classes the features tell apart (two thresholds): a run of 23 passes natively.
    // (Labels unrelated to the features were fitted in 5 passes, too few to compare runs
    // by, once L-BFGS stepped with the features' spreads.)
    for (int r = 0; r < X.rows(); ++r)
      y.push_back((X(r, 1) > 0.2f ? 2 : 0) + (X(r, 4) + 0.3f * X(r, 0) > 0 ? 1 : 0));
  }
};

// tol 1e-2: the runs end by the gradient rule (about 23 passes), before the float32
// products' noise decides whether a line search or the loss's relative decrease ends
// them; at 1e-4, L-BFGS with the features' spreads ended by a failed line search in wasm
// and converged natively.
LogisticRegressionSettings settings() {
  LogisticRegressionSettings s;
  s.max_iter = 500;
  s.tol = 1e-2;
  s.balanced = true;
  return s;
}

// Steps `trainer` to the end, answering its shards from `evaluators` (one per shard
// beyond the first) with what a ShardCourier sends them, as the page's first worker
// does; `lose_at` > 0 drops the shards at that pass. Returns how many messages of each
// kind went: loads, targets (one-vs-rest's next problems), requests.
struct Sent {
  int loads = 0, targets = 0, requests = 0;
};
Sent run_sharded(LogisticRegressionTrainer& trainer, std::vector<ShardEvaluator>& evaluators, int lose_at = 0) {
  ShardCourier courier;
  Sent sent;
  while (!trainer.done()) {
    trainer.step(1.0);
    if (!trainer.shards()) continue;
    if (lose_at > 0 && trainer.progress().passes >= lose_at) {
      trainer.take_back_rows();
      continue;
    }
    std::vector<ShardPart> parts;
    for (const auto& [shard, bytes] : courier.collect(trainer)) {
      const std::vector<std::uint8_t> reply = evaluators[static_cast<std::size_t>(shard - 1)].handle(bytes);
      if (!reply.empty()) parts.push_back(decode_shard_part(reply));
      const std::uint32_t magic = bytes[0] | bytes[1] << 8 | bytes[2] << 16 | static_cast<std::uint32_t>(bytes[3]) << 24;
      if (shard == 1) (magic == 0x44484c53 ? sent.loads : magic == 0x44485453 ? sent.targets : sent.requests) += 1;
    }
    // Added last shard first: the sum must not depend on the order of arrival.
    for (auto part = parts.rbegin(); part != parts.rend(); ++part)
      REQUIRE(trainer.add_shard_part(part->pass, part->shard, part->loss, part->grad));
  }
  return sent;
}

}  // namespace

TEST_CASE("2 or 4 shards give the unsharded L-BFGS run, bit for bit", "[shards]") {
  Toy toy(4608);  // every summation group holds rows
  LogisticRegressionTrainer whole(settings(), toy.X, toy.y);
  while (!whole.done()) whole.step(1.0);
  REQUIRE(whole.progress().passes > 10);

  for (const int count : {2, 4}) {
    INFO(count << " shards");
    LogisticRegressionTrainer sharded(settings(), toy.X, toy.y);
    REQUIRE(sharded.share_rows(count));
    std::vector<ShardEvaluator> evaluators(static_cast<std::size_t>(count - 1));
    run_sharded(sharded, evaluators);
    CHECK(sharded.progress().passes == whole.progress().passes);
    CHECK(sharded.loss_history() == whole.loss_history());
    CHECK(sharded.progress().loss == whole.progress().loss);
    CHECK(sharded.model().coef() == whole.model().coef());
    CHECK(sharded.model().intercept() == whole.model().intercept());
  }
}

// One-vs-rest's problems read the same rows with other targets: the shards keep their
// rows and get each next class's targets. Four classes: four problems, one load and three
// target messages a shard, and the unshared run's model, bit for bit.
TEST_CASE("one-vs-rest shares its rows: 2 or 4 shards give the unsharded run, bit for bit", "[shards]") {
  Toy toy(4608);
  LogisticRegressionSettings ovr = settings();
  ovr.multi_class = MultiClass::OneVsRest;
  LogisticRegressionTrainer whole(ovr, toy.X, toy.y);
  while (!whole.done()) whole.step(1.0);
  REQUIRE(whole.progress().problem_count == 4);
  REQUIRE(whole.progress().passes > 20);

  for (const int count : {2, 4}) {
    INFO(count << " shards");
    LogisticRegressionTrainer sharded(ovr, toy.X, toy.y);
    REQUIRE(sharded.share_rows(count));
    std::vector<ShardEvaluator> evaluators(static_cast<std::size_t>(count - 1));
    const Sent sent = run_sharded(sharded, evaluators);
    CHECK(sent.loads == 1);
    CHECK(sent.targets == 3);
    CHECK(sent.requests == whole.progress().passes);
    CHECK(sharded.progress().passes == whole.progress().passes);
    CHECK(sharded.problem_starts() == whole.problem_starts());
    CHECK(sharded.loss_history() == whole.loss_history());
    CHECK(sharded.model().coef() == whole.model().coef());
    CHECK(sharded.model().intercept() == whole.model().intercept());
  }
}

// Shards lost in the middle of one-vs-rest (past its first class): every later class's
// rows are evaluated here, and the run ends where the unshared one does.
TEST_CASE("one-vs-rest that loses its shards past its first class finishes alone", "[shards]") {
  Toy toy;
  LogisticRegressionSettings ovr = settings();
  ovr.multi_class = MultiClass::OneVsRest;
  LogisticRegressionTrainer whole(ovr, toy.X, toy.y);
  int second_class_pass = 0;  // the first pass of the second class's problem
  whole.set_pass_callback([&second_class_pass](const LogisticRegressionTrainer& t) {
    if (second_class_pass == 0 && t.progress().problem == 1) second_class_pass = t.progress().passes;
    return std::string();
  });
  while (!whole.done()) whole.step(1.0);
  REQUIRE(second_class_pass > 0);
  const int second_class_starts = second_class_pass;

  LogisticRegressionTrainer lost(ovr, toy.X, toy.y);
  REQUIRE(lost.share_rows(2));
  std::vector<ShardEvaluator> evaluators(1);
  const Sent sent = run_sharded(lost, evaluators, second_class_starts + 3);
  CHECK(sent.targets >= 1);  // the shard had moved on to a later class
  CHECK(lost.shards() == nullptr);
  CHECK(lost.progress().status == whole.progress().status);
  CHECK(lost.progress().loss == Approx(whole.progress().loss).epsilon(1e-7));
  CHECK((lost.model().coef() - whole.model().coef()).cwiseAbs().maxCoeff() < 1e-4);
}

// A targets message is refused before any rows, and with a count that is not the rows'.
TEST_CASE("a shard refuses targets before its rows or of the wrong count", "[shards]") {
  Toy toy;
  LogisticRegressionSettings ovr = settings();
  ovr.multi_class = MultiClass::OneVsRest;
  LogisticRegressionTrainer trainer(ovr, toy.X, toy.y);
  REQUIRE(trainer.share_rows(2));
  const RowShards& shards = *trainer.shards();
  ShardEvaluator fresh;
  CHECK_THROWS_WITH(fresh.handle(encode_shard_targets(trainer.objective(), shards, 1)),
                    Catch::Contains("targets before the rows"));
  ShardEvaluator loaded;
  loaded.handle(encode_shard_load(trainer.objective(), shards, 1));
  CHECK_THROWS_WITH(loaded.handle(encode_shard_targets(trainer.objective(), shards, 0)),  // shard 0's 384 rows, not 516
                    Catch::Contains("not the rows'"));
  CHECK(loaded.handle(encode_shard_targets(trainer.objective(), shards, 1)).empty());
}

TEST_CASE("a sharded L-BFGS run starts at n log K and ends on the unsharded run's model", "[shards]") {
  Toy toy;
  LogisticRegressionTrainer whole(settings(), toy.X, toy.y);
  while (!whole.done()) whole.step(1.0);

  LogisticRegressionTrainer sharded(settings(), toy.X, toy.y);
  REQUIRE(sharded.share_rows(3));
  // Groups 0-9, 10-20 and 21-31 of 900 rows; group g ends at 900 g / 32 rounded down
  // to 128: 281 -> 256 (g = 10), 590 -> 512 (g = 21).
  CHECK(sharded.shards()->begin(1) == 256);
  CHECK(sharded.shards()->begin(2) == 512);
  CHECK(sharded.shards()->end(2) == 900);
  std::vector<ShardEvaluator> evaluators(2);
  run_sharded(sharded, evaluators);
  CHECK(evaluators[0].rows() == 256);
  CHECK(evaluators[1].rows() == 388);

  REQUIRE_FALSE(sharded.loss_history().empty());
  // (1e-7: the balanced weights are float, so their sum is n to float precision)
  CHECK(sharded.loss_history().front() == Approx(std::log(4.0)).epsilon(1e-7));
  INFO("whole: " << whole.progress().message << " after " << whole.progress().passes << " passes");
  CHECK(sharded.progress().status == TrainingStatus::Converged);
  CHECK(whole.progress().status == TrainingStatus::Converged);
  CHECK(sharded.progress().loss == Approx(whole.progress().loss).epsilon(1e-7));
  const LogisticRegression a = whole.model(), b = sharded.model();
  CHECK((a.coef() - b.coef()).cwiseAbs().maxCoeff() < 1e-3);
  // The same predictions wherever the top two scores are not within rounding of a tie
  // (in wasm, float sums in another order moved one such toy row).
  const Eigen::MatrixXf za = a.decision_function(toy.X), zb = b.decision_function(toy.X);
  int compared = 0;
  for (Eigen::Index r = 0; r < za.rows(); ++r) {
    Eigen::RowVectorXf row = za.row(r);
    Eigen::Index top = 0, top_b = 0;
    row.maxCoeff(&top);
    zb.row(r).maxCoeff(&top_b);
    row(top) = -1e30f;
    if (za(r, top) - row.maxCoeff() < 1e-2f) continue;
    ++compared;
    CHECK(top == top_b);
  }
  CHECK(compared > 450);  // 898 of the 900 toy rows natively (595 with the toy's earlier labels, many near-ties)
}

TEST_CASE("shards refuse stale parts, and a run that loses its shards finishes alone", "[shards]") {
  Toy toy;
  LogisticRegressionTrainer whole(settings(), toy.X, toy.y);
  while (!whole.done()) whole.step(1.0);

  LogisticRegressionTrainer sharded(settings(), toy.X, toy.y);
  REQUIRE(sharded.share_rows(2));
  sharded.step(1.0);  // begins pass 1 and returns: its point is to be sent
  REQUIRE(sharded.shard_point_unsent());
  CHECK_FALSE(sharded.add_shard_part(0, 1, 0.0, Eigen::VectorXd::Zero(sharded.objective().parameter_count())));
  CHECK_FALSE(sharded.add_shard_part(1, 2, 0.0, Eigen::VectorXd::Zero(sharded.objective().parameter_count())));
  CHECK_FALSE(sharded.add_shard_part(1, 1, 0.0, Eigen::VectorXd::Zero(3)));
  sharded.mark_shard_point_sent();
  sharded.step(1.0);  // this shard's rows; the other's part is missing
  CHECK(sharded.waiting_for_shards());
  CHECK(sharded.progress().passes == 0);

  std::vector<ShardEvaluator> evaluators(1);
  LogisticRegressionTrainer lost(settings(), toy.X, toy.y);
  REQUIRE(lost.share_rows(2));
  run_sharded(lost, evaluators, 5);
  CHECK(lost.shards() == nullptr);
  CHECK(lost.progress().status == TrainingStatus::Converged);
  CHECK(lost.progress().loss == Approx(whole.progress().loss).epsilon(1e-7));
}

// The pass callback (the page's validation accuracy and settled rule) runs once per pass.
// Sharded, it runs once the next pass's point is out, so the other shards do not wait
// for it, and sees the trainer as an unsharded run's callback does at that pass.
TEST_CASE("a sharded run's pass callback runs after the next point is out, once a pass", "[shards]") {
  Toy toy;
  struct Seen {
    int passes, shard_pass;
    bool unsent;
    double loss;
  };
  const int stop_at = 7;
  const auto watch = [&](std::vector<Seen>& seen) {
    return [&seen, stop_at](const LogisticRegressionTrainer& t) {
      seen.push_back({t.progress().passes, t.shards() ? t.shards()->pass() : 0, t.shard_point_unsent(), t.progress().loss});
      return t.progress().passes == stop_at ? std::string("enough") : std::string();
    };
  };
  // Labels the features explain in another way than the toy's, so the run is still going
  // when the callback ends it at pass 7.
  for (int r = 0; r < toy.X.rows(); ++r) toy.y[static_cast<std::size_t>(r)] = (toy.X(r, 0) > 0.0f) + 2 * (toy.X(r, 1) > 0.0f);
  std::vector<Seen> alone_seen, sharded_seen;
  LogisticRegressionTrainer alone(settings(), toy.X, toy.y);
  alone.set_pass_callback(watch(alone_seen));
  while (!alone.done()) alone.step(1.0);

  LogisticRegressionTrainer sharded(settings(), toy.X, toy.y);
  sharded.set_pass_callback(watch(sharded_seen));
  REQUIRE(sharded.share_rows(2));
  std::vector<ShardEvaluator> evaluators(1);
  run_sharded(sharded, evaluators);

  REQUIRE(alone_seen.size() == static_cast<std::size_t>(stop_at));
  REQUIRE(sharded_seen.size() == alone_seen.size());
  for (std::size_t k = 0; k < sharded_seen.size(); ++k) {
    CHECK(sharded_seen[k].passes == static_cast<int>(k) + 1);
    // Pass k + 1 has begun and its point was handed over before pass k's callback.
    CHECK(sharded_seen[k].shard_pass == static_cast<int>(k) + 2);
    CHECK_FALSE(sharded_seen[k].unsent);
    CHECK(sharded_seen[k].loss == Approx(alone_seen[k].loss).epsilon(1e-6));
  }
  CHECK(alone.progress().status == TrainingStatus::Settled);
  CHECK(sharded.progress().status == TrainingStatus::Settled);
  CHECK(sharded.progress().message == "enough");
  CHECK(sharded.progress().passes == stop_at);
  CHECK((sharded.model().coef() - alone.model().coef()).cwiseAbs().maxCoeff() < 1e-4);
}

// The callback of a pass still due runs when the run converges (at once) and when Stop
// comes before the next step: every pass gets one.
TEST_CASE("a sharded run's pass callback runs once a pass to the end, and on Stop", "[shards]") {
  Toy toy;
  int calls = 0;
  LogisticRegressionTrainer converged(settings(), toy.X, toy.y);
  converged.set_pass_callback([&calls](const LogisticRegressionTrainer&) { ++calls; return std::string(); });
  REQUIRE(converged.share_rows(2));
  std::vector<ShardEvaluator> evaluators(1);
  run_sharded(converged, evaluators);
  CHECK(converged.progress().status == TrainingStatus::Converged);
  CHECK(calls == converged.progress().passes);

  int stopped_calls = 0;
  LogisticRegressionTrainer stopped(settings(), toy.X, toy.y);
  stopped.set_pass_callback([&stopped_calls](const LogisticRegressionTrainer&) { ++stopped_calls; return std::string(); });
  REQUIRE(stopped.share_rows(2));
  const RowShards& shards = *stopped.shards();
  std::vector<ShardEvaluator> other(1);
  other[0].handle(encode_shard_load(stopped.objective(), shards, 1));
  // Passes 1 and 2 answered; pass 3's point is out, pass 2's callback still due.
  while (stopped.progress().passes < 2 || !stopped.shard_point_unsent()) {
    stopped.step(1.0);
    if (!stopped.shard_point_unsent()) continue;
    if (stopped.progress().passes >= 2) break;
    stopped.mark_shard_point_sent();
    const ShardPart part = decode_shard_part(other[0].handle(encode_shard_request(shards.pass(), shards.point())));
    REQUIRE(stopped.add_shard_part(part.pass, part.shard, part.loss, part.grad));
  }
  CHECK(stopped.progress().passes == 2);
  CHECK(stopped_calls == 1);
  stopped.stop();
  CHECK(stopped.progress().status == TrainingStatus::Stopped);
  CHECK(stopped_calls == 2);
}

// Worked by hand for the page's 58,000 training digits: group g ends at 58,000 g / 32
// rounded down to a multiple of 128, so 14,500 -> 14,464 (g = 8), 29,000 -> 28,928
// (g = 16), 43,500 -> 43,392 (g = 24).
TEST_CASE("shards hold equal runs of the summation groups", "[shards]") {
  const std::vector<Eigen::Index> ends = summation_group_ends(58000);
  REQUIRE(ends.size() == 32);
  CHECK(ends[7] == 14464);
  CHECK(ends[15] == 28928);
  CHECK(ends.back() == 58000);
  const RowShards two(ends, 2);
  CHECK(two.end(0) == 28928);
  CHECK(two.begin(1) == 28928);
  CHECK(two.groups(1) == 16);
  const std::vector<Eigen::Index> second = two.group_ends(1);  // counted from row 28,928
  REQUIRE(second.size() == 16);
  CHECK(second[7] == 43392 - 28928);
  CHECK(second.back() == 58000 - 28928);
  const RowShards four(ends, 4);
  CHECK(four.end(0) == 14464);
  CHECK(four.end(1) == 28928);
  CHECK(four.end(2) == 43392);
  CHECK(four.end(3) == 58000);
  CHECK(RowShards(ends, 1).end(0) == 58000);
  CHECK(RowShards(ends, 50).count() == 32);  // a group at least each
  // The page's PCA 30 + degree 2 groups whole 256-row blocks: 14,500 -> 14,336,
  // 29,000 -> 28,928, 43,500 -> 43,264.
  const std::vector<Eigen::Index> blocks = summation_group_ends(58000, 256);
  CHECK(blocks[7] == 14336);
  CHECK(blocks[15] == 28928);
  CHECK(blocks[23] == 43264);
  CHECK(blocks.back() == 58000);
}

// 3 shards of 400 rows take groups 0-9, 10-20 and 21-31; groups 0-9 end at 400 g / 32
// rounded down to 128, row 0 for g <= 10, so the first shard would hold nothing.
TEST_CASE("a run whose rows would leave a shard empty is not shared", "[shards]") {
  const Matrix X = wavy_features(400, 6, 0.3f);
  Labels y;
  for (int r = 0; r < X.rows(); ++r) y.push_back(r % 4);
  LogisticRegressionTrainer three(settings(), X, y);
  CHECK_FALSE(three.share_rows(3));
  CHECK(three.shards() == nullptr);
  LogisticRegressionTrainer two(settings(), X, y);
  CHECK(two.share_rows(2));
  CHECK(two.shards()->end(0) == 128);  // 400 x 16 / 32 = 200 -> 128
}

// The page's case, degree-2 features of 30 components (496 of them, in 256-row blocks
// that sum in float between flushes): a pass split 2 or 4 ways gives the whole pass's
// loss and gradient exactly; 3 ways adds the same numbers in another order, so only to
// rounding.
TEST_CASE("a pass over 2 or 4 shards sums exactly as the whole pass", "[shards]") {
  const Matrix base = wavy_features(9000, 30, 0.1f);
  Labels y;
  for (int r = 0; r < base.rows(); ++r) y.push_back(((base(r, 0) > 0.0f) + 2 * (base(r, 3) > 0.3f) + (r % 7 == 0)) % 4);
  LogisticObjective objective(expanded_features(base, PolynomialFeatures(2)), y, Eigen::VectorXf::Ones(9000), 4,
                              LossKind::Softmax, 0.5);
  // Whole 256-row blocks a group: 9,000 x 16 / 32 = 4,500 rounds down to 4,352.
  REQUIRE(objective.block_rows() == 256);
  CHECK(objective.group_ends()[15] == 4352);
  const Eigen::VectorXd theta = Eigen::VectorXd::LinSpaced(objective.parameter_count(), -0.3, 0.2);
  Eigen::VectorXd whole;
  const double f = objective.evaluate(theta, whole);

  for (const int count : {2, 3, 4}) {
    INFO(count << " shards");
    const RowShards shards(objective.group_ends(), count);
    std::vector<ShardEvaluator> evaluators(static_cast<std::size_t>(count - 1));
    std::vector<ShardPart> parts;
    for (int s = 1; s < count; ++s) {
      evaluators[static_cast<std::size_t>(s - 1)].handle(encode_shard_load(objective, shards, s));
      parts.push_back(decode_shard_part(evaluators[static_cast<std::size_t>(s - 1)].handle(encode_shard_request(1, theta))));
    }
    objective.set_local_groups(shards.groups(0));
    objective.begin(theta);
    while (!objective.pass_done()) objective.accumulate(objective.block_rows());
    for (int s = 1; s < count; ++s)
      objective.add_part(parts[static_cast<std::size_t>(s - 1)].loss, parts[static_cast<std::size_t>(s - 1)].grad, shards.groups(s));
    Eigen::VectorXd sharded;
    const double fs = objective.finish(sharded);
    objective.set_local_groups(static_cast<int>(objective.group_ends().size()));
    if (count == 3) {
      CHECK(fs == Approx(f).epsilon(1e-12));
      CHECK(sharded.isApprox(whole, 1e-9));
    } else {
      CHECK(fs == f);
      CHECK(sharded == whole);
    }
  }
}

TEST_CASE("only an L-BFGS run is sharded", "[shards]") {
  Toy toy;
  LogisticRegressionSettings newton = settings();
  newton.solver = Solver::NewtonCg;
  CHECK_FALSE(LogisticRegressionTrainer(newton, toy.X, toy.y).share_rows(2));
  LogisticRegressionSettings sag = settings();
  sag.solver = Solver::Sag;
  CHECK_FALSE(LogisticRegressionTrainer(sag, toy.X, toy.y).share_rows(2));
  CHECK_FALSE(LogisticRegressionTrainer(settings(), toy.X, toy.y).share_rows(1));
}

TEST_CASE("a shard refuses malformed messages", "[shards]") {
  ShardEvaluator shard;
  CHECK_THROWS_AS(shard.handle(encode_shard_request(1, Eigen::VectorXd::Zero(4))), DataError);
  CHECK_THROWS_AS(shard.handle({1, 2, 3}), DataError);
  Toy toy;
  LogisticRegressionTrainer trainer(settings(), toy.X, toy.y);
  REQUIRE(trainer.share_rows(2));
  auto load = encode_shard_load(trainer.objective(), *trainer.shards(), 1);
  auto short_load = load;
  short_load.pop_back();
  CHECK_THROWS_AS(shard.handle(short_load), DataError);
  // The last group's end (8 bytes before the end) must be the shard's row count.
  load[load.size() - 8] ^= 1;
  CHECK_THROWS_AS(shard.handle(load), DataError);
}
