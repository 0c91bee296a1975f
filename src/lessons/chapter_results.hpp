// The chapters' precomputed results: what `digitlab chapter-results` runs at build time
// with each experiment's default settings (experiments.hpp), written to a small text
// file the page loads (assets/chapter-results.txt), so every chapter and question opens
// with a result instead of an empty chart. No ImGui: the CLI writes it, the page reads it.
//
// The file, one record a line, fields separated by tabs:
//   digitlab-chapter-results	1
//   data	<dataset description>	<training digits>	<test digits>
//   experiment	<name>
//   run	<label>	<status>	<iterations>	<max_iter>	<features>	<fit seconds>	<training digits>
//   loss	<loss per iteration, space separated>
//   score	<evaluation>	<digits>	<accuracy>	<100 confusion counts, rows true, space separated>
//   picture	<digit>	<scale>	<max |w|>	<one value per pixel, space separated>
// A run's loss and score lines follow its run line. The Weights experiment's run is
// followed by ten picture lines, digits 0 to 9 in order: its model's weights carried
// back to pixels (pixel_space_weights) and painted as the page paints them
// (weight_pictures, weight_templates.hpp): each digit's column divided by `scale`, the
// 99th percentile of its |w|, and clipped to -1..1. Values are written to 3 decimals
// (the page's colours resolve about 1/128 of that range), `scale` and `max |w|`, the
// largest |w|, to 4 significant digits: 784 x 10 values, about 46 KB (14 KB gzipped).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "lessons/chapter_runs.hpp"
#include "core/tutorial/weight_templates.hpp"

namespace digitlab::app {

struct ChapterResults {
  bool loaded = false;
  std::string dataset;        // what the build ran on ("MNIST train ...")
  int train_digits = 0, test_digits = 0;  // of the loaded dataset the subsets came from
  // Per experiment ("logistic", "test_size", ...): finished runs, marked precomputed.
  std::map<std::string, std::vector<std::shared_ptr<const Run>>> experiments;
  // Per experiment ("weights"): the ten weight pictures of its run, as read (rounded).
  std::map<std::string, WeightPictures> pictures;
};

constexpr int kPictureDigits = 10;

// The finished runs of each named queue, in the format above, each queue followed by
// its pictures if `pictures` has them (ten columns; values already in -1..1).
std::string write_chapter_results(const std::string& dataset, int train_digits, int test_digits,
                                  const std::vector<std::pair<std::string, const RunQueue*>>& queues,
                                  const std::map<std::string, WeightPictures>& pictures = {});

// Reads the format above; throws DataError naming `name` and the line on anything else.
ChapterResults parse_chapter_results(const std::string& text, const std::string& name);

// Fills an empty queue with an experiment's precomputed runs (copies); false if none.
bool install_precomputed(RunQueue& queue, const ChapterResults& results, const std::string& experiment);

}  // namespace digitlab::app
