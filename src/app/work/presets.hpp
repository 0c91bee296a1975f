// The tutorial's steps as one-click settings for the Train panel, and the form <->
// pipeline settings conversion.
#pragma once

#include <string>

#include "app/shell/app_state.hpp"

namespace digitlab::app {

struct Preset {
  const char* name;
  const char* blurb;
  TrainForm form;
};

const std::vector<Preset>& presets();
int preset_index(const std::string& key);  // "raw", "standard", "minmax", "pca30", "poly2", "best"; -1 if unknown
PipelineSettings to_settings(const TrainForm& form);

}  // namespace digitlab::app
