// The page's dataset switch (issue 15): MNIST's digits or Fashion-MNIST's clothing. The
// app forgets everything it had from the other dataset; web/digitlab.js then loads the new
// one's files (its model, its chapters' results, its four IDX files) from the manifest.
#pragma once

#include <string>
#include <vector>

#include "app/shell/app_state.hpp"

namespace digitlab::app {

// The datasets this site was built with (the manifest's), and the one the page loads
// first (data= in the address, when the site has it).
void set_datasets(AppState& app, const std::vector<std::string>& available, const std::string& current);

// Makes `key` ("mnist" or "fashion") the page's dataset: training, evaluation and the
// chapters' runs stop; data, model (and the previous one), evaluation, files and the
// chapters' results are forgotten; the Train form and the chapters' settings are kept.
// False, changing nothing, for a dataset the site does not have.
bool use_dataset(AppState& app, const std::string& key);

// The Data panel's switch: asks the page (PageRequests.dataset) to switch and load.
void dataset_switch(AppState& app);

}  // namespace digitlab::app
