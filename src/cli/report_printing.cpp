#include "report_printing.hpp"

#include <cstdio>

#include "args.hpp"

namespace digitlab {

std::string confusion_text(const ConfusionMatrix& cm) {
  std::string out = "confusion matrix (rows: true digit, columns: predicted)\n      ";
  char cell[16];
  for (Eigen::Index c = 0; c < cm.cols(); ++c) {
    std::snprintf(cell, sizeof cell, "%6lld", static_cast<long long>(c));
    out += cell;
  }
  out += "\n";
  for (Eigen::Index r = 0; r < cm.rows(); ++r) {
    std::snprintf(cell, sizeof cell, "%6lld", static_cast<long long>(r));
    out += cell;
    for (Eigen::Index c = 0; c < cm.cols(); ++c) {
      std::snprintf(cell, sizeof cell, "%6lld", cm(r, c));
      out += cell;
    }
    out += "\n";
  }
  return out;
}

void print_evaluation(const ClassReport& report, const ConfusionMatrix& cm) {
  std::printf("accuracy %.4f (%lld of %lld)\n\n%s\n%s", report.accuracy, cm.trace(), report.total,
              to_text(report).c_str(), confusion_text(cm).c_str());
  std::printf("most confused (true -> predicted):");
  for (const Confusion& pair : most_confused_pairs(cm, 5))
    std::printf("  %d->%d (%lld)", pair.true_class, pair.predicted_class, pair.count);
  std::printf("\n");
}

void check_unused(const Args& args) {
  for (const std::string& name : args.unused()) std::fprintf(stderr, "warning: option %s was not used\n", name.c_str());
}

}  // namespace digitlab
