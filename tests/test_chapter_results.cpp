// The precomputed results' file: written from finished runs, read back the same; bad
// files are refused with the line.
#include <catch2/catch.hpp>

#include "lessons/chapter_results.hpp"
#include "lessons/experiments.hpp"
#include "test_support.hpp"
#include "core/tutorial/weight_templates.hpp"

using namespace digitlab;
using namespace digitlab::app;

namespace {

// n digits of ten kinds, easy to tell apart: digit k is a bright band of columns 2k..2k+3.
Dataset ten_bands(int n) {
  Dataset d;
  d.pixels = PixelMatrix::Zero(n, 784);
  d.labels.resize(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    const int label = i % 10;
    d.labels[static_cast<std::size_t>(i)] = label;
    for (int p = 0; p < 784; ++p)
      if (p % 28 >= 2 * label && p % 28 < 2 * label + 4) d.pixels(i, p) = static_cast<std::uint8_t>(100 + (i * 7 + p) % 100);
  }
  d.n_classes = 10;
  d.image_rows = d.image_cols = 28;
  return d;
}

}  // namespace

TEST_CASE("chapter results round-trip through the file", "[chapter_results]") {
  const Dataset train = ten_bands(300), test = ten_bands(120);
  RunQueue queue;
  PolyExperiment e;
  e.subset = 200;
  e.components = 4;
  e.max_iter = 30;
  for (RunSpec& spec : poly_runs(e, train, test)) queue.add(std::move(spec));
  while (queue.busy()) queue.step(1.0);
  REQUIRE(queue.runs().size() == 2);
  REQUIRE(queue.runs()[1]->error.empty());
  const std::string text = write_chapter_results("ten bands", 300, 120, {{"poly", &queue}});
  const ChapterResults r = parse_chapter_results(text, "results.txt");
  CHECK(r.loaded);
  CHECK(r.dataset == "ten bands");
  CHECK(r.train_digits == 300);
  CHECK(r.test_digits == 120);
  RunQueue shown;
  REQUIRE(install_precomputed(shown, r, "poly"));
  CHECK_FALSE(install_precomputed(shown, r, "poly"));  // only into an empty queue
  CHECK_FALSE(install_precomputed(shown, r, "augment"));
  CHECK(shown.precomputed());
  CHECK(shown.finished());
  REQUIRE(shown.runs().size() == 2);
  for (std::size_t i = 0; i < 2; ++i) {
    const Run &a = *queue.runs()[i], &b = *shown.runs()[i];
    CHECK(b.spec.label == a.spec.label);
    CHECK(b.precomputed);
    CHECK(b.accuracy("test") == Approx(a.accuracy("test")).epsilon(1e-8));
    CHECK(b.score("test")->confusion == a.score("test")->confusion);
    CHECK(b.training.iteration == a.training.iteration);
    CHECK(b.training.status == a.training.status);
    CHECK(b.features() == a.features());
    CHECK(b.train_count == 200);
    CHECK(b.evaluation_counts == std::vector<int>{120});
    CHECK(b.loss.size() == a.loss.size());
    CHECK(a.loss_starts == std::vector<int>{0});  // softmax: one problem, its curve from the first value
    CHECK(b.loss_starts == a.loss_starts);
  }
  CHECK(shown.runs()[1]->features() == 4 + 10);  // 4 components, degree 2
}

TEST_CASE("a bad chapter-results file names its line", "[chapter_results]") {
  CHECK_THROWS_WITH(parse_chapter_results("", "r.txt"), "r.txt, line 0: empty");
  CHECK_THROWS_WITH(parse_chapter_results("something else\n", "r.txt"),
                    "r.txt, line 1: not a chapter-results file, version 1");
  const std::string head = "digitlab-chapter-results\t1\ndata\tMNIST\t60000\t10000\nexperiment\tpoly\n";
  CHECK_THROWS_WITH(parse_chapter_results(head + "run\tPCA\tdone\t3\t30\t4\t0.1\t200\n", "r.txt"),
                    "r.txt, line 4: unknown status 'done'");
  std::string cells;
  for (int k = 0; k < 100; ++k) cells += (k ? " " : "") + std::string(k == 0 ? "5" : "0");
  const std::string run = "run\tPCA\tconverged\t3\t30\t4\t0.1\t200\n";
  CHECK_THROWS_WITH(parse_chapter_results(head + run + "score\ttest\t6\t1\t" + cells + "\n", "r.txt"),
                    "r.txt, line 5: the confusion counts do not add up to the digits");
  CHECK_THROWS_WITH(parse_chapter_results(head + run + "score\ttest\t5\t1\t5 0 0\n", "r.txt"),
                    "r.txt, line 5: fewer than 100 confusion counts");
  CHECK(parse_chapter_results(head + run + "score\ttest\t5\t1\t" + cells + "\n", "r.txt").experiments.at("poly").size() == 1);
  // Where each one-vs-rest problem's curve starts: from 0, rising, within the loss line.
  const std::string loss = "loss\t0.69 0.5 0.69 0.4\n";
  CHECK(parse_chapter_results(head + run + loss + "starts\t0 2\n", "r.txt").experiments.at("poly")[0]->loss_starts ==
        std::vector<int>{0, 2});
  CHECK_THROWS_WITH(parse_chapter_results(head + run + loss + "starts\t1 2\n", "r.txt"),
                    "r.txt, line 6: the starts must rise from 0: '1'");
  CHECK_THROWS_WITH(parse_chapter_results(head + run + loss + "starts\t0 2 2\n", "r.txt"),
                    "r.txt, line 6: the starts must rise from 0: '2'");
  CHECK_THROWS_WITH(parse_chapter_results(head + run + loss + "starts\t0 5\n", "r.txt"),
                    "r.txt, line 6: a start past the loss line's end: '5'");
  CHECK_THROWS_WITH(parse_chapter_results(head + run + loss + "starts\t0\nstarts\t0\n", "r.txt"),
                    "r.txt, line 7: a second starts line for one run");
  CHECK_THROWS_WITH(parse_chapter_results(head + "starts\t0\n", "r.txt"), "r.txt, line 4: a starts line before any run");
}

TEST_CASE("one-vs-rest's curve keeps where each class's problem starts, through the file", "[chapter_results]") {
  const Dataset train = ten_bands(300), test = ten_bands(120);
  LogisticExperiment e;
  e.subset = 200;
  e.max_iter = 15;
  RunQueue queue;
  for (RunSpec& spec : logistic_runs(e, train, test)) queue.add(std::move(spec));
  while (queue.busy()) queue.step(1.0);
  REQUIRE(queue.runs().size() == 2);
  const Run& ovr = *queue.runs()[1];
  REQUIRE(ovr.spec.label == "one-vs-rest");
  // Ten problems, each the all-zero start (every sigmoid 1/2: log-loss ln 2, by hand) and
  // at least one iteration.
  REQUIRE(ovr.loss_starts.size() == 10);
  for (std::size_t k = 0; k < 10; ++k) {
    const int end = k + 1 < 10 ? ovr.loss_starts[k + 1] : static_cast<int>(ovr.loss.size());
    CHECK(end - ovr.loss_starts[k] >= 2);
    CHECK(ovr.loss[static_cast<std::size_t>(ovr.loss_starts[k])] == Approx(std::log(2.0)).epsilon(1e-5));
  }
  const ChapterResults r = parse_chapter_results(write_chapter_results("ten bands", 300, 120, {{"logistic", &queue}}), "r.txt");
  RunQueue shown;
  REQUIRE(install_precomputed(shown, r, "logistic"));
  CHECK(shown.runs()[1]->loss_starts == ovr.loss_starts);
  CHECK(shown.runs()[0]->loss_starts == std::vector<int>{0});
}

TEST_CASE("the Weights experiment's pictures round-trip through the file", "[chapter_results]") {
  const Dataset train = ten_bands(300), test = ten_bands(120);
  WeightsExperiment e;
  e.subset = 200;
  e.max_iter = 30;
  RunQueue queue;
  for (RunSpec& spec : weights_runs(e, train, test)) queue.add(std::move(spec));
  while (queue.busy()) queue.step(1.0);
  REQUIRE(queue.runs().size() == 1);
  const Run& run = *queue.runs().front();
  REQUIRE(run.model);
  CHECK(run.spec.settings.model.C == Approx(0.05));
  CHECK(run.features() == 784);
  const WeightPictures p = weight_pictures(pixel_space_weights(*run.model).weights);
  REQUIRE(p.values.rows() == 784);
  REQUIRE(p.values.cols() == 10);
  // Digit 3's band (columns 6..9) raises its score: its picture is red there.
  CHECK(p.values(14 * 28 + 7, 3) > 0);
  CHECK(p.values(14 * 28 + 7, 3) > p.values(14 * 28 + 20, 3));

  const std::string text = write_chapter_results("ten bands", 300, 120, {{"weights", &queue}}, {{"weights", p}});
  const ChapterResults r = parse_chapter_results(text, "results.txt");
  REQUIRE(r.pictures.count("weights") == 1);
  const WeightPictures& q = r.pictures.at("weights");
  REQUIRE(q.values.rows() == 784);
  REQUIRE(q.values.cols() == 10);
  // Written to 3 decimals: each value within half a thousandth (and float rounding).
  CHECK((q.values - p.values).cwiseAbs().maxCoeff() <= 0.0005f + 1e-6f);
  for (std::size_t d = 0; d < 10; ++d) {
    CHECK(q.scale[d] == Approx(p.scale[d]).epsilon(1e-3));
    CHECK(q.max_abs[d] == Approx(p.max_abs[d]).epsilon(1e-3));
    CHECK(q.max_abs[d] >= q.scale[d]);
  }
  RunQueue shown;
  REQUIRE(install_precomputed(shown, r, "weights"));
  CHECK(shown.runs().front()->accuracy("test") == Approx(run.accuracy("test")).epsilon(1e-8));
  CHECK(shown.runs().front()->train_count == 200);
  // A file without pictures has none.
  CHECK(parse_chapter_results(write_chapter_results("ten bands", 300, 120, {{"weights", &queue}}), "r.txt")
            .pictures.empty());
  // Fewer than ten pictures cannot be written.
  WeightPictures nine = p;
  nine.values.conservativeResize(784, 9);
  nine.scale.resize(9);
  nine.max_abs.resize(9);
  CHECK_THROWS_WITH(write_chapter_results("x", 1, 1, {{"weights", &queue}}, {{"weights", nine}}),
                    "chapter-results: weights: ten weight pictures expected");
}

TEST_CASE("a bad picture record is refused with its line", "[chapter_results]") {
  const std::string head = "digitlab-chapter-results\t1\ndata\tMNIST\t60000\t10000\nexperiment\tweights\n";
  const std::string run = "run\traw-pixel softmax\tmax_iter\t100\t100\t784\t1.5\t5000\n";
  auto picture = [](int digit, const std::string& values, const std::string& scale = "0.5") {
    return "picture\t" + std::to_string(digit) + "\t" + scale + "\t2.5\t" + values + "\n";
  };
  std::string ten;
  for (int d = 0; d < 10; ++d) ten += picture(d, "0 0.5 -1 1");
  const ChapterResults good = parse_chapter_results(head + run + ten, "r.txt");
  REQUIRE(good.pictures.at("weights").values.rows() == 4);
  CHECK(good.pictures.at("weights").values(2, 9) == -1.0f);
  CHECK(good.pictures.at("weights").scale[9] == 0.5f);

  CHECK_THROWS_WITH(parse_chapter_results(head + picture(0, "0 1"), "r.txt"),
                    "r.txt, line 4: a picture line before any run");
  CHECK_THROWS_WITH(parse_chapter_results(head + run + picture(1, "0 1"), "r.txt"),
                    "r.txt, line 5: picture 1 out of order");
  CHECK_THROWS_WITH(parse_chapter_results(head + run + picture(0, "0 1.5"), "r.txt"),
                    "r.txt, line 5: a picture value outside -1..1: '1.5'");
  CHECK_THROWS_WITH(parse_chapter_results(head + run + picture(0, "0 x"), "r.txt"),
                    "r.txt, line 5: not a number: 'x'");
  CHECK_THROWS_WITH(parse_chapter_results(head + run + picture(0, "0 1", "0"), "r.txt"),
                    "r.txt, line 5: a picture's scale must be above 0");
  CHECK_THROWS_WITH(parse_chapter_results(head + run + picture(0, "0 1") + picture(1, "0 1 1"), "r.txt"),
                    "r.txt, line 6: picture 1 has 3 values, not one per pixel");
  CHECK_THROWS_WITH(parse_chapter_results(head + run + picture(0, ""), "r.txt"),
                    "r.txt, line 5: picture 0 has 0 values, not one per pixel");
  CHECK_THROWS_WITH(parse_chapter_results(head + run + ten + picture(10, "0 0.5 -1 1"), "r.txt"),
                    "r.txt, line 15: more than ten pictures");
  // Nine pictures: refused at the end of the file.
  std::string nine;
  for (int d = 0; d < 9; ++d) nine += picture(d, "0 1");
  CHECK_THROWS_WITH(parse_chapter_results(head + run + nine, "r.txt"), "r.txt, line 13: weights: 9 pictures, not ten");
}
