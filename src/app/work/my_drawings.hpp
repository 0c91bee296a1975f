// The learner's own test set: drawings saved with the digit they show, kept as MNIST's
// IDX pair (my-digits-images-idx3-ubyte, my-digits-labels-idx1-ubyte) so the browser can
// store them (IndexedDB, web/digitlab.js), the learner can export and import them, and
// `digitlab evaluate --images ... --labels ...` reads them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/shell/app_state.hpp"

namespace digitlab::app {

constexpr const char* kMyImages = "my-digits-images-idx3-ubyte";
constexpr const char* kMyLabels = "my-digits-labels-idx1-ubyte";
constexpr int kMaxMyDrawings = 2000;

// Saves the current drawing's 28x28 image as an example of `label`; false (and a
// notice) when nothing is drawn or the set is full.
bool save_drawing(AppState& app, int label);
void delete_drawing(AppState& app, int index);
// The set as IDX bytes (plain, uncompressed): the images or the labels file.
std::vector<std::uint8_t> my_drawings_idx(const AppState& app, bool images);
// One file of an imported or stored pair (named kMyImages / kMyLabels): checked like
// every IDX file; once both are there they replace the set. A bad pair changes nothing.
void receive_my_drawing_file(AppState& app, const std::string& key, std::vector<std::uint8_t> bytes);
bool is_my_drawing_file(const std::string& key);

// Evaluate on the learner's drawings (true) or on MNIST's test digits (false).
void evaluate_on(AppState& app, bool mine);

}  // namespace digitlab::app
