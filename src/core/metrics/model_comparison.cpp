// Two models' predictions on the same digits, side by side.
#include "core/metrics/model_comparison.hpp"

#include <stdexcept>

namespace digitlab {

ModelComparison compare_models(const Labels& labels, const Labels& before, const Labels& after, int n_classes) {
  if (before.size() != labels.size() || after.size() != labels.size())
    throw std::invalid_argument("compare_models: both models must predict every row");
  ModelComparison c;
  c.before = confusion_matrix(labels, before, n_classes);
  c.after = confusion_matrix(labels, after, n_classes);
  c.difference = c.after - c.before;
  c.before_report = classification_report(c.before);
  c.after_report = classification_report(c.after);
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const bool was_right = before[i] == labels[i], is_right = after[i] == labels[i];
    if (is_right && !was_right) c.fixed.push_back(static_cast<int>(i));
    if (was_right && !is_right) c.broken.push_back(static_cast<int>(i));
  }
  return c;
}

}  // namespace digitlab
