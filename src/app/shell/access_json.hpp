// What the page's DOM layer for screen readers needs, as JSON (web/access.js reads it a
// few times a second through digitlab_access_json): the panel's heading and text, the
// lesson step, the prediction, training progress and the Evaluate panel's tables. Smaller
// than state_json, so reading it often costs little.
#pragma once

#include "app/shell/app_state.hpp"
#include "core/common/json_writer.hpp"

namespace digitlab::app {

void write_access_json(JsonWriter& j, const AppState& s);

}  // namespace digitlab::app
