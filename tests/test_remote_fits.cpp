// The chapters' runs with their fits elsewhere (RemoteFits: a Web Worker on the page).
// Here the "worker" is this thread: it decodes the request, runs the same ValidatedFitJob
// the page's worker runs a slice at a time, and delivers a report after each slice, so
// what the queue does with reports, failures and cancels is checked against the same
// run fitted by the queue itself.
#include <catch2/catch.hpp>

#include <memory>

#include "core/jobs/fit_messages.hpp"
#include "lessons/chapter_runs.hpp"
#include "test_support.hpp"

using namespace digitlab;
using namespace digitlab::app;

namespace {

struct ThisThreadWorker {
  std::unique_ptr<ValidatedFitJob> job;
  int id = 0, posted = 0;
  std::vector<int> cancelled;

  void connect(RemoteFits& remote) {
    remote.post = [this](int fit, const FitRequestPieces& request) {
      const FitRequest r = decode_fit_request(request.joined());
      job = std::make_unique<ValidatedFitJob>(r.settings, rows_of(r.fit), r.fit->labels, r.validation, r.rule,
                                              CurvePace::AtFirstPass, r.fit->n_classes);
      id = fit;
      ++posted;
      return true;
    };
    remote.cancel_fit = [this](int fit) { cancelled.push_back(fit); };
  }
  // One slice and its report (with the model once done, as web/fit-worker.js's).
  void slice(RemoteFits& remote) {
    if (!job) return;
    job->step(0.0005);
    remote.deliver(id, encode_fit_report(report_of(*job, job->done())));
    if (job->done()) job.reset();
  }
};

RunSpec blob_spec(const std::string& label, Solver solver) {
  auto train = std::make_shared<const Dataset>(testing::pixel_blobs(240, 11));
  auto test = std::make_shared<const Dataset>(testing::pixel_blobs(90, 12));
  PipelineSettings settings;
  settings.scaling = Scaling::MinMax;
  settings.poly_degree = 2;
  settings.model.max_iter = 40;
  settings.model.solver = solver;
  return {label, settings, train, {{"test", test}}};
}

void run_here(RunQueue& q) {
  for (int i = 0; i < 100000 && q.busy(); ++i) q.step(0.001);
}

}  // namespace

TEST_CASE("remote fits: a run fitted in the worker scores as the same run fitted here", "[remote_fits]") {
  for (Solver solver : {Solver::Lbfgs, Solver::NewtonCg}) {
    INFO("solver " << static_cast<int>(solver));
    RunQueue here, there;
    here.add(blob_spec("a", solver));
    there.add(blob_spec("a", solver));
    run_here(here);

    RemoteFits remote;
    ThisThreadWorker worker;
    worker.connect(remote);
    bool said_worker = false;
    double last_fraction = 0;
    for (int i = 0; i < 100000 && there.busy(); ++i) {
      there.step(0.001, &remote);
      said_worker |= there.status().find("in a worker") != std::string::npos;
      CHECK(there.fraction() >= last_fraction);
      last_fraction = there.fraction();
      worker.slice(remote);
    }
    REQUIRE_FALSE(there.busy());
    CHECK_FALSE(remote.busy());
    CHECK(worker.posted == 1);
    CHECK(said_worker);
    const Run &a = *here.runs()[0], &b = *there.runs()[0];
    CHECK(b.error.empty());
    CHECK(b.fitted_remotely);
    CHECK_FALSE(a.fitted_remotely);
    CHECK(b.workers == 1);  // the report's count: this worker shares its rows with none
    CHECK(b.training.iteration == a.training.iteration);
    CHECK(b.training.passes == a.training.passes);
    CHECK(b.loss == a.loss);
    CHECK(b.loss_by_pass == a.loss_by_pass);
    REQUIRE(b.model);
    CHECK(b.model->model().coef() == a.model->model().coef());
    CHECK(b.features() == a.features());
    CHECK(b.score("test")->confusion == a.score("test")->confusion);
    CHECK(b.accuracy("test") == a.accuracy("test"));
    CHECK(worker.cancelled.empty());
  }
}

TEST_CASE("remote fits: a worker that breaks before reporting leaves the run to fit here", "[remote_fits]") {
  RunQueue here, there;
  here.add(blob_spec("a", Solver::Lbfgs));
  there.add(blob_spec("a", Solver::Lbfgs));
  run_here(here);
  RemoteFits remote;
  ThisThreadWorker worker;
  worker.connect(remote);
  there.step(0.001, &remote);
  REQUIRE(worker.posted == 1);
  remote.fail(worker.id, "the program did not load", true);
  for (int i = 0; i < 100000 && there.busy(); ++i) there.step(0.001, &remote);
  CHECK(worker.posted == 1);
  CHECK_FALSE(remote.available());
  CHECK(remote.broken() == "the program did not load");
  const Run &a = *here.runs()[0], &b = *there.runs()[0];
  CHECK(b.error.empty());
  CHECK_FALSE(b.fitted_remotely);
  CHECK(b.accuracy("test") == a.accuracy("test"));
  // And the next queue fits here from the start.
  RunQueue next;
  next.add(blob_spec("b", Solver::Lbfgs));
  next.step(0.001, &remote);
  CHECK(worker.posted == 1);
}

TEST_CASE("remote fits: a fit that fails in the worker ends its run with the reason", "[remote_fits]") {
  RunQueue there;
  there.add(blob_spec("a", Solver::Lbfgs));
  RemoteFits remote;
  ThisThreadWorker worker;
  worker.connect(remote);
  there.step(0.001, &remote);
  worker.slice(remote);
  there.step(0.001, &remote);  // its first report is in
  remote.fail(worker.id, "out of memory", false);
  there.step(0.001, &remote);
  REQUIRE_FALSE(there.busy());
  CHECK(there.runs()[0]->error == "out of memory");
  CHECK(remote.available());  // the worker itself is fine
}

TEST_CASE("remote fits: clearing a queue cancels the worker's fit; stale reports are dropped", "[remote_fits]") {
  RemoteFits remote;
  ThisThreadWorker worker;
  worker.connect(remote);
  RunQueue there;
  there.add(blob_spec("a", Solver::Lbfgs));
  there.step(0.001, &remote);
  const int first = worker.id;
  CHECK(remote.busy());
  there.clear();
  CHECK_FALSE(remote.busy());
  CHECK(worker.cancelled == std::vector<int>{first});
  worker.slice(remote);  // a report already on its way
  there.add(blob_spec("b", Solver::Lbfgs));
  there.step(0.001, &remote);
  CHECK(worker.id != first);
  CHECK_FALSE(remote.take(first).has_value());  // the cancelled fit's late report is not kept
  for (int i = 0; i < 100000 && there.busy(); ++i) {
    there.step(0.001, &remote);
    worker.slice(remote);
  }
  CHECK(there.runs()[0]->error.empty());
  CHECK(there.runs()[0]->fitted_remotely);
}
