// The precomputed results' file: written from finished runs, read back the same; bad
// files are refused with the line.
#include <catch2/catch.hpp>

#include "chapter_results.hpp"
#include "experiments.hpp"
#include "test_support.hpp"

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
  while (queue.step(1.0)) {
  }
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
}
