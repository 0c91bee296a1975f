// What pressing Train asks of the page, checked before anything is allocated: the
// settings must make sense for the pixels loaded, and the run must fit the page's limits
// (core/linear_model/training_estimate.hpp). A refused request changes nothing.
//
//   TrainingRequest r = check_training_request(form, 60000, 784, page_training_limits());
//   if (!r.refusal.empty()) notice("cannot train: " + r.refusal);
//   else start(r.settings, r.fit_digits);    // r.estimate.warning: it will be slow
#pragma once

#include <string>

#include "app/logic/train_form.hpp"
#include "core/linear_model/training_estimate.hpp"

namespace digitlab::app {

// How many training digits every Train-panel run holds out as its validation slice (the
// live accuracy curve's digits): kCurveDigits, or a fifth of a smaller set; the model
// fits at most the rest.
constexpr int kCurveDigits = 2000;
int validation_digits(int train_size);
int max_fit_digits(int train_size);

struct TrainingRequest {
  PipelineSettings settings;
  int fit_digits = 0;         // the form's subset, within 100 and max_fit_digits
  TrainingEstimate estimate;
  std::string refusal;        // not empty: do not start, and why
};

TrainingRequest check_training_request(const TrainForm& form, int train_size, int pixels, const ResourceLimits& limits);

}  // namespace digitlab::app
