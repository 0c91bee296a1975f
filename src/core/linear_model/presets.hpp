// The tutorial's steps as named pipeline settings, one table for the command line
// (--preset pca30) and the page (its Train buttons, train({preset: 'pca30'})).
//
//   const Preset* p = find_preset("poly2");   // nullptr for an unknown name
//   PipelineSettings s = p->settings;          // MinMaxScaler + PCA30 + poly2, balanced
#pragma once

#include <string>
#include <vector>

#include "core/linear_model/pipeline.hpp"

namespace digitlab {

struct Preset {
  const char* key;    // "pca30": what --preset and train() take
  const char* title;  // "PCA 30": the page's button
  const char* blurb;  // one line on what it does
  PipelineSettings settings;
};

// In the tutorial's order: raw, standard, minmax, pca30, poly2, then best.
const std::vector<Preset>& presets();
const Preset* find_preset(const std::string& key);
// For a message: "raw, standard, minmax, pca30, poly2 or best".
std::string preset_choices();

}  // namespace digitlab
