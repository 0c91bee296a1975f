// What one training run of the command-line tool may use on this machine: the memory
// Linux says is available (and, in the wasm build, what is left of the 4 GB heap), and
// low estimates of this build's speed (README's bench figures, halved).
#pragma once

#include "core/linear_model/training_estimate.hpp"

namespace digitlab {

ResourceLimits machine_limits();

}  // namespace digitlab
