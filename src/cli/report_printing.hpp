// Printing evaluation results for people (text) and programs (JSON).
#pragma once

#include <string>

#include "core/metrics/metrics.hpp"

namespace digitlab {

void print_evaluation(const ClassReport& report, const ConfusionMatrix& cm);
std::string confusion_text(const ConfusionMatrix& cm);
void check_unused(const class Args& args);  // warns about options nobody read

}  // namespace digitlab
