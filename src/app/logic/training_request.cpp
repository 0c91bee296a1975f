#include "app/logic/training_request.hpp"

#include <algorithm>

namespace digitlab::app {

int validation_digits(int train_size) { return std::min(kCurveDigits, train_size / 5); }

int max_fit_digits(int train_size) { return train_size - validation_digits(train_size); }

TrainingRequest check_training_request(const TrainForm& form, int train_size, int pixels, const ResourceLimits& limits) {
  TrainingRequest r;
  r.settings = to_settings(form);
  r.refusal = check_settings(r.settings, pixels);
  if (!r.refusal.empty()) return r;
  r.fit_digits = std::clamp(form.subset, 100, max_fit_digits(train_size));
  r.estimate = estimate_training(r.settings, r.fit_digits, pixels, 10, limits);
  r.refusal = r.estimate.refusal;
  return r;
}

}  // namespace digitlab::app
