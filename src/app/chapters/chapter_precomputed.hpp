// The chapters' precomputed results in the page: assets/chapter-results.txt (made by
// `digitlab chapter-results` when the page was built) put into each experiment's empty
// queue while its settings are the defaults, and the note that says so.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/shell/app_state.hpp"
#include "core/common/json_writer.hpp"

namespace digitlab::app {

constexpr const char* kChapterResultsFile = "chapter-results.txt";

// The file arrived (window.digitlab.loadFile, the manifest): parse it, keep it, and show
// it in every experiment still empty and at its defaults. Throws DataError on a bad
// file, which receive_file (work.cpp) reports as that file failed.
void receive_chapter_results(AppState& app, const std::string& name, const std::vector<std::uint8_t>& bytes);
// Puts the precomputed runs into the queues that are empty and at their defaults.
void install_chapter_results(AppState& app);

// Above a queue's results: "Precomputed when the page was built, on N training digits
// ...", naming the chapter's own run button (`button`, the label it shows) as the way to
// recompute it; a second button that did the same puzzled learners. Nothing when the
// queue's runs were made here. `defaults`: the chapter's settings are the defaults.
void precomputed_note(const AppState& app, const RunQueue& queue, bool defaults, const char* button);

// state().chapter_results: loaded, dataset, and which experiments it holds.
void chapter_results_json(JsonWriter& j, const AppState& app);

}  // namespace digitlab::app
