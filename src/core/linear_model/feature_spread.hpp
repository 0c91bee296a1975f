// Each feature's mean and spread, as L-BFGS's starting inverse Hessian uses them
// (LbfgsScaling, lbfgs.hpp). Read from at most 8,192 rows spread evenly over the source
// (every ceil(n / 8192)-th row), a block at a time, so degree-2 features are never made
// whole: a tenth of a pass on 60,000 digits. A preconditioner needs no more precision, and
// a run shared between workers reads the same rows, so it takes the same steps.
//
//   LbfgsScaling scaling = feature_spread(source);
//   scaling.outputs = 10;                     // the softmax problem's columns
//   lbfgs.set_scaling(scaling);
#pragma once

#include "core/linear_model/feature_source.hpp"
#include "core/linear_model/lbfgs.hpp"

namespace digitlab {

// outputs left 0: the caller sets how many columns of weights the problem has. A feature
// that does not vary (a pixel that is always 0) is given spread 1.
LbfgsScaling feature_spread(const FeatureSource& source);

}  // namespace digitlab
