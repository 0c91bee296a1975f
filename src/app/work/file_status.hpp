// The files the page downloads (the model and MNIST's four IDX files), each tracked on its
// own, so one that fails costs only the panels that need it: they say which file and why,
// and offer Retry. web/digitlab.js fetches them, retries a few times with backoff, and
// reports a file that still fails with on_file_failed (app.hpp); a file that arrives but
// is refused (a bad IDX or model file) fails here, in receive_file (work.cpp).
#pragma once

#include <initializer_list>
#include <string>

#include "app/shell/app_state.hpp"

namespace digitlab::app {

constexpr const char* kModelFile = "model.dlm";
constexpr const char* kTrainImages = "train-images-idx3-ubyte";
constexpr const char* kTrainLabels = "train-labels-idx1-ubyte";
constexpr const char* kTestImages = "t10k-images-idx3-ubyte";
constexpr const char* kTestLabels = "t10k-labels-idx1-ubyte";

// "assets/mnist/train-images-idx3-ubyte.gz" -> "train-images-idx3-ubyte".
std::string file_key(const std::string& name);

void file_arrived(AppState& app, const std::string& name);
// Marks the file failed and says so in the notice, naming what waits for it.
void file_failed(AppState& app, const std::string& name, const std::string& reason);

// The first of `keys` that failed, or nullptr.
const FileStatus* failed_file(const AppState& app, std::initializer_list<const char*> keys, std::string* key = nullptr);

// If one of `keys` failed: a red line naming it and why, what `needs` it, and a Retry
// button (the page fetches every failed file again), wrapped at `wrap_width` (0: the
// window's edge). True when it drew the line.
bool failed_files_line(AppState& app, std::initializer_list<const char*> keys, const char* needs,
                       float wrap_width = 0.0f);

}  // namespace digitlab::app
