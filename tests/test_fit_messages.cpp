// The page's messages to and from its training worker (core/jobs/fit_messages.hpp), and
// the run both sides step (core/jobs/validated_fit_job.hpp): what the worker fits from a
// decoded request is what the page's thread fits from its own rows.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>

#include "core/jobs/fit_messages.hpp"
#include "core/linear_model/model_file.hpp"
#include "test_support.hpp"

using namespace digitlab;

namespace {

// Three classes of 4x4 images, each class brighter in its own quarter, with noise.
Dataset blobs(int n, unsigned seed) { return testing::pixel_blobs(n, seed); }

PipelineSettings small_settings() {
  PipelineSettings s;
  s.scaling = Scaling::MinMax;
  s.model.max_iter = 25;
  s.model.C = 0.5;
  s.model.seed = 7;
  return s;
}

}  // namespace

TEST_CASE("fit messages: a request carries the settings and exactly the rows asked for", "[fit_messages]") {
  const Dataset all = blobs(90, 1), validation = blobs(12, 2);
  // Runs of consecutive rows (copied a run at a time), one ending at the last row, a row
  // twice, a descending pair, rows alone and out of order.
  const std::vector<int> rows = {5, 6, 7, 0, 89, 44, 44, 45, 17, 87, 88, 89, 3, 2};
  const FitRequest r = decode_fit_request(encode_fit_request(small_settings(), StopRule::Settled, all, rows, validation));
  CHECK(r.rule == StopRule::Settled);
  CHECK(r.settings.scaling == Scaling::MinMax);
  CHECK(r.settings.model.max_iter == 25);
  CHECK(r.settings.model.C == 0.5);
  CHECK(r.settings.model.seed == 7u);
  REQUIRE(r.fit->size() == static_cast<int>(rows.size()));
  CHECK(r.fit->n_classes == 3);
  CHECK(r.fit->pixel_count() == 16);
  for (int i = 0; i < r.fit->size(); ++i) {
    CHECK(r.fit->pixels.row(i) == all.pixels.row(rows[static_cast<std::size_t>(i)]));
    CHECK(r.fit->labels[static_cast<std::size_t>(i)] == all.labels[static_cast<std::size_t>(rows[static_cast<std::size_t>(i)])]);
  }
  CHECK(r.validation->pixels == validation.pixels);
  CHECK(r.validation->labels == validation.labels);
}

TEST_CASE("fit messages: in pieces, the fit rows' pixels are read where they lie, a run of rows at a time",
          "[fit_messages]") {
  const Dataset all = blobs(90, 1), validation = blobs(12, 2);
  const std::vector<int> rows = {5, 6, 7, 0, 89, 44, 44, 45, 17, 87, 88, 89, 3, 2};
  const FitRequestPieces pieces = encode_fit_request_pieces(small_settings(), StopRule::Sklearn, all, rows, validation);
  // Worked out by hand from `rows`: 5-7, 0, 89, 44, 44-45, 17, 87-89, 3, 2.
  const std::vector<int> run_firsts = {5, 0, 89, 44, 44, 17, 87, 3, 2}, run_lengths = {3, 1, 1, 1, 2, 1, 3, 1, 1};
  REQUIRE(pieces.pixel_runs.size() == run_firsts.size());
  for (std::size_t k = 0; k < run_firsts.size(); ++k) {
    CHECK(pieces.pixel_runs[k].data == all.pixels.data() + run_firsts[k] * all.pixels.cols());
    CHECK(pieces.pixel_runs[k].size == static_cast<std::size_t>(run_lengths[k] * all.pixels.cols()));
  }
  // Neither end holds a pixel of the fit rows: the head is the settings and a shape, the
  // tail the 14 labels and the validation slice (its 12 x 16 pixels and labels, a shape).
  CHECK(pieces.head.size() < 200);
  CHECK(pieces.tail.size() < 14 * 4 + 12 * 16 + 12 * 4 + 100);
  CHECK(pieces.tail.size() >= 14 * 4 + 12 * 16 + 12 * 4);
  const std::vector<std::uint8_t> joined = pieces.joined();
  CHECK(joined.size() == pieces.size());
  const FitRequest r = decode_fit_request(joined);
  REQUIRE(r.fit->size() == static_cast<int>(rows.size()));
  for (int i = 0; i < r.fit->size(); ++i) CHECK(r.fit->pixels.row(i) == all.pixels.row(rows[static_cast<std::size_t>(i)]));
  CHECK(r.validation->pixels == validation.pixels);
  CHECK_THROWS_AS(encode_fit_request_pieces(small_settings(), StopRule::Sklearn, all, {1, 90}, validation), DataError);
  CHECK_THROWS_AS(encode_fit_request_pieces(small_settings(), StopRule::Sklearn, all, {-1}, validation), DataError);
}

TEST_CASE("fit messages: taken apart as the worker gets it, the request is the joined one", "[fit_messages]") {
  const Dataset all = blobs(90, 1), validation = blobs(12, 2);
  const std::vector<int> rows = {5, 6, 7, 0, 89, 44, 44, 45, 17, 87, 88, 89, 3, 2};
  const FitRequestPieces pieces = encode_fit_request_pieces(small_settings(), StopRule::Settled, all, rows, validation);
  // As web/fit-workers.js joins them: the head and tail in one buffer, the pixel runs in another.
  std::vector<std::uint8_t> rest = pieces.head, pixels;
  rest.insert(rest.end(), pieces.tail.begin(), pieces.tail.end());
  for (const auto& run : pieces.pixel_runs) pixels.insert(pixels.end(), run.data, run.data + run.size);
  REQUIRE(pixels.size() == rows.size() * 16);

  SplitFitRequest split(rest, pixels.size());
  REQUIRE(split.pixel_bytes() == pixels.size());
  std::memcpy(split.pixels(), pixels.data(), pixels.size());
  const FitRequest r = split.finish();
  const FitRequest joined = decode_fit_request(pieces.joined());
  CHECK(r.rule == StopRule::Settled);
  CHECK(r.settings.model.C == 0.5);
  CHECK(r.settings.model.max_iter == joined.settings.model.max_iter);
  CHECK(r.fit->pixels == joined.fit->pixels);
  CHECK(r.fit->labels == joined.fit->labels);
  for (int i = 0; i < r.fit->size(); ++i) {
    CHECK(r.fit->pixels.row(i) == all.pixels.row(rows[static_cast<std::size_t>(i)]));
    CHECK(r.fit->labels[static_cast<std::size_t>(i)] == all.labels[static_cast<std::size_t>(rows[static_cast<std::size_t>(i)])]);
  }
  CHECK(r.fit->image_rows == 4);
  CHECK(r.fit->n_classes == 3);
  CHECK(r.validation->pixels == validation.pixels);
  CHECK(r.validation->labels == validation.labels);

  // Pixels of another size than the head says, a cut tail, a padded one: refused, and
  // the first before any room is made for them.
  CHECK_THROWS_AS(SplitFitRequest(rest, pixels.size() + 16), DataError);
  CHECK_THROWS_AS(SplitFitRequest(rest, pixels.size() - 1), DataError);
  std::vector<std::uint8_t> cut(rest.begin(), rest.end() - 1), padded = rest;
  padded.push_back(0);
  SplitFitRequest short_tail(cut, pixels.size());
  CHECK_THROWS_AS(short_tail.finish(), DataError);
  SplitFitRequest long_tail(padded, pixels.size());
  CHECK_THROWS_AS(long_tail.finish(), DataError);
  // The head alone (no tail at all) is refused at finish(); the joined request, taken for
  // head and tail, by its head (it says 224 bytes of pixels, and none came apart).
  SplitFitRequest head_only(pieces.head, pixels.size());
  CHECK_THROWS_AS(head_only.finish(), DataError);
  CHECK_THROWS_AS(SplitFitRequest(pieces.joined(), 0), DataError);
}

TEST_CASE("fit messages: cut short, padded or of the wrong kind, a message is refused", "[fit_messages]") {
  const Dataset all = blobs(30, 1);
  std::vector<std::uint8_t> bytes = encode_fit_request(small_settings(), StopRule::Sklearn, all, {1, 2, 3}, all);
  for (std::size_t keep : {std::size_t{0}, std::size_t{3}, bytes.size() / 2, bytes.size() - 1}) {
    const std::vector<std::uint8_t> cut(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(keep));
    CHECK_THROWS_AS(decode_fit_request(cut), DataError);
  }
  std::vector<std::uint8_t> padded = bytes;
  padded.push_back(0);
  CHECK_THROWS_AS(decode_fit_request(padded), DataError);
  CHECK_THROWS_AS(decode_fit_report(bytes), DataError);
}

TEST_CASE("fit messages: the worker's run from a request equals the page's run on its rows", "[fit_messages]") {
  auto all = std::make_shared<const Dataset>(blobs(300, 3));
  auto validation = std::make_shared<const Dataset>(blobs(600, 4));  // 3 blocks of 250: ready after pass 1
  std::vector<int> rows;
  for (int i = 299; i >= 0; i -= 2) rows.push_back(i);  // every other row, in another order
  Labels labels;
  for (int i : rows) labels.push_back(all->labels[static_cast<std::size_t>(i)]);
  const PipelineSettings settings = small_settings();

  // The page's thread: its rows of the loaded set, the curve a block per step.
  ValidatedFitJob page(settings, rows_of(all, rows), labels, validation, StopRule::Sklearn, CurvePace::BlockPerStep, 3);
  while (!page.done()) page.step(1e-9);  // a pass or so a step
  // The worker: the request's copy of those rows, the curve at the first pass.
  const FitRequest r = decode_fit_request(encode_fit_request(settings, StopRule::Sklearn, *all, rows, *validation));
  ValidatedFitJob worker(r.settings, rows_of(r.fit), r.fit->labels, r.validation, r.rule, CurvePace::AtFirstPass, 3);
  while (!worker.done()) worker.step(0.001);

  const TrainingProgress &a = page.progress().training, &b = worker.progress().training;
  CHECK(a.status == b.status);
  CHECK(a.passes == b.passes);
  CHECK(a.iteration == b.iteration);
  CHECK(a.loss == b.loss);
  CHECK(page.pipeline().model().coef() == worker.pipeline().model().coef());
  CHECK(page.pipeline().model().intercept() == worker.pipeline().model().intercept());
  // The worker scores every pass; the page from the pass its curve's digits were ready.
  CHECK(worker.watch().accuracy_by_pass().size() == static_cast<std::size_t>(b.passes));
  CHECK(page.watch().accuracy_by_pass().size() <= worker.watch().accuracy_by_pass().size());
  CHECK(worker.curve_digits() == 600);

  // Its final report, as the page reads it: the progress, the curves and the model.
  const FitReport seen = decode_fit_report(encode_fit_report(report_of(worker, true)));
  CHECK(seen.progress.stage == FitStage::Done);
  CHECK(seen.progress.training.passes == b.passes);
  CHECK(seen.progress.training.message == b.message);
  CHECK(seen.loss_history == worker.loss_history());
  CHECK(seen.problem_starts == std::vector<int>{0});  // softmax: one problem
  CHECK(seen.accuracy_by_pass == worker.watch().accuracy_by_pass());
  CHECK(seen.accuracy_first_pass == 1);
  // The page's curve starts later, and ends at the run's last pass as the worker's does.
  const FitReport page_report = report_of(page, false);
  REQUIRE(page_report.accuracy_first_pass > 1);
  CHECK(page_report.accuracy_first_pass + static_cast<int>(page_report.accuracy_by_pass.size()) - 1 == a.passes);
  // A loss per pass, the last one the run's final loss (the chapters' race plots them).
  REQUIRE(seen.loss_by_pass.size() == static_cast<std::size_t>(b.passes));
  CHECK(seen.loss_by_pass == worker.loss_by_pass());
  CHECK(page.loss_by_pass() == worker.loss_by_pass());
  CHECK(seen.loss_by_pass.back() == Approx(b.loss).epsilon(1e-6));
  CHECK(seen.confusion == worker.watch().confusion());
  CHECK(seen.confusion.sum() == 600);
  CHECK(seen.rule_window_first == -1);  // scikit-learn's rule: no settled window
  CHECK(seen.rule_average_by_pass.empty());  // nor its averages
  CHECK(seen.rule_fed_by_pass.empty());
  CHECK(seen.curve_digits == 600);
  REQUIRE(seen.has_model);
  const Pipeline model = decode_model(seen.model, "report").pipeline;
  CHECK(model.model().coef() == worker.pipeline().model().coef());
  CHECK(model.predict(validation->features()) == worker.pipeline().predict(validation->features()));
  // Without the model asked for, a report carries none.
  CHECK(decode_fit_report(encode_fit_report(report_of(worker, false))).model.empty());
}

TEST_CASE("fit messages: mid-run, the model so far travels as a model file too", "[fit_messages]") {
  auto all = std::make_shared<const Dataset>(blobs(300, 5));
  auto validation = std::make_shared<const Dataset>(blobs(30, 6));
  Labels labels = all->labels;
  PipelineSettings settings = small_settings();
  settings.model.max_iter = 200;
  settings.model.tol = 0;  // runs to max_iter: never done within the loop below
  ValidatedFitJob run(settings, rows_of(all), labels, validation, StopRule::Sklearn, CurvePace::AtFirstPass, 3);
  while (!run.done() && run.progress().training.passes < 3) run.step(1e-7);
  REQUIRE_FALSE(run.done());
  REQUIRE(run.has_model());
  const FitReport seen = decode_fit_report(encode_fit_report(report_of(run, true)));
  CHECK(seen.progress.stage == FitStage::Training);
  const Pipeline model = decode_model(seen.model, "report").pipeline;
  CHECK(model.model().coef() == run.pipeline().model().coef());
  CHECK(model.model().fit_report().status == TrainingStatus::Stopped);  // as Stop would keep it
}

TEST_CASE("fit messages: the settled rule's window travels with the curve, and must lie on it", "[fit_messages]") {
  // By hand: a curve of 60 values whose last 51 are the rule's window (test_settled.cpp
  // checks the watch that fills these in on a real run).
  FitReport report;
  report.accuracy_by_pass.assign(60, 0.9f);
  report.rule_window_first = 9;
  report.rule_window_last = 59;
  report.rule_average_by_pass.assign(60, 0.9f);
  report.rule_average_by_pass[0] = std::numeric_limits<float>::quiet_NaN();  // before the first average
  report.rule_average_by_pass[59] = 0.905f;
  report.rule_fed_by_pass.assign(60, 1);
  report.rule_fed_by_pass[30] = 0;  // a pass that did not move the model
  const FitReport seen = decode_fit_report(encode_fit_report(report));
  CHECK(seen.rule_fed_by_pass == report.rule_fed_by_pass);
  CHECK(seen.rule_window_first == 9);
  CHECK(seen.rule_window_last == 59);
  REQUIRE(seen.rule_average_by_pass.size() == 60);
  CHECK(std::isnan(seen.rule_average_by_pass[0]));
  CHECK(seen.rule_average_by_pass[59] == 0.905f);
  CHECK(decode_fit_report(encode_fit_report(FitReport())).rule_window_first == -1);  // none yet

  FitReport bad = report;
  bad.rule_window_last = 60;  // past the curve's end
  CHECK_THROWS_AS(decode_fit_report(encode_fit_report(bad)), DataError);
  bad = report;
  bad.rule_window_first = 60;  // ends before it starts
  CHECK_THROWS_AS(decode_fit_report(encode_fit_report(bad)), DataError);
  bad = report;
  bad.rule_window_first = -1;  // half a window
  CHECK_THROWS_AS(decode_fit_report(encode_fit_report(bad)), DataError);
  bad = report;
  bad.rule_average_by_pass.pop_back();  // not beside the curve
  CHECK_THROWS_AS(decode_fit_report(encode_fit_report(bad)), DataError);
  bad = report;
  bad.rule_fed_by_pass.pop_back();  // not beside the averages
  CHECK_THROWS_AS(decode_fit_report(encode_fit_report(bad)), DataError);
  bad = report;
  bad.rule_fed_by_pass[3] = 2;  // fed or not: 1 or 0
  CHECK_THROWS_AS(decode_fit_report(encode_fit_report(bad)), DataError);
  bad = report;
  bad.accuracy_first_pass = 0;  // passes count from 1
  CHECK_THROWS_AS(decode_fit_report(encode_fit_report(bad)), DataError);
}

TEST_CASE("fit messages: the workers that shared the rows and the covariance travel in the report", "[fit_messages]") {
  FitReport report;
  report.shards = 1;
  report.covariance_shards = 2;  // (a run whose shard was lost after the covariance)
  const FitReport seen = decode_fit_report(encode_fit_report(report));
  CHECK(seen.shards == 1);
  CHECK(seen.covariance_shards == 2);
  FitReport bad = report;
  bad.covariance_shards = 0;
  CHECK_THROWS_AS(decode_fit_report(encode_fit_report(bad)), DataError);
  bad = report;
  bad.shards = 0;
  CHECK_THROWS_AS(decode_fit_report(encode_fit_report(bad)), DataError);
}
