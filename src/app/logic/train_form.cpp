#include "app/logic/train_form.hpp"

#include "core/linear_model/settled_accuracy.hpp"

#include <limits>

#include "core/linear_model/presets.hpp"
#include "core/linear_model/setting_names.hpp"

namespace digitlab::app {

PipelineSettings to_settings(const TrainForm& f) {
  PipelineSettings s;
  s.scaling = enum_from_index<Scaling>(f.scaling);
  s.pca_components = f.pca_on ? f.pca_components : 0;
  s.poly_degree = f.poly_degree;
  s.model.C = f.C;
  s.model.balanced = f.balanced;
  s.model.multi_class = enum_from_index<MultiClass>(f.multi_class);
  s.model.solver = enum_from_index<Solver>(f.solver);
  s.model.max_iter = f.max_iter;
  s.model.learning_rate = f.learning_rate;
  s.model.batch_size = f.batch_size;
  return s;
}

void apply_preset(TrainForm& form, int index) {
  const PipelineSettings& s = presets().at(static_cast<std::size_t>(index)).settings;
  TrainForm f;  // the form's defaults for what a preset does not set (C, solver...)
  f.preset = index;
  f.subset = form.subset;
  f.stop_rule = form.stop_rule;  // how to stop is the learner's, not the preset's
  f.scaling = static_cast<int>(s.scaling);
  f.pca_on = s.pca_components > 0;
  f.pca_components = s.pca_components > 0 ? s.pca_components : f.pca_components;
  f.poly_degree = s.poly_degree;
  f.balanced = s.model.balanced;
  f.max_iter = s.model.max_iter;
  form = f;
}

int preset_index(const std::string& key) {
  const Preset* p = find_preset(key);
  return p ? static_cast<int>(p - presets().data()) : -1;
}

TrainForm read_train_spec(TrainForm f, const std::string& spec, ParseProblems& problems) {
  constexpr double kUnbounded = std::numeric_limits<double>::infinity();
  for (const KeyValue& item : split_key_values(spec, ';')) {
    const std::string& key = item.key;
    // The ranges are what a run can take at all; the page's own limits (digits loaded,
    // memory, pixels) are checked when it starts (training_request.hpp).
    if (key == "preset") {
      const int index = preset_index(item.value);
      if (index >= 0) apply_preset(f, index);
      else problems.bad_value(item, preset_choices());
    } else if (key == "subset") read_int(item, {1, 1e7}, f.subset, problems);
    else if (key == "max_iter") read_int(item, {1, 1e6}, f.max_iter, problems);
    else if (key == "pca") {
      if (read_int(item, {0, 1e6}, f.pca_components, problems)) f.pca_on = f.pca_components > 0;
    } else if (key == "poly") read_int(item, {1, 2}, f.poly_degree, problems);
    else if (key == "C") read_number(item, {1e-6, 1e6}, f.C, problems);
    else if (key == "scaling") {
      Scaling s{};
      if (read_name(item, s, problems)) f.scaling = static_cast<int>(s);
    } else if (key == "balanced") read_bool(item, f.balanced, problems);
    else if (key == "model") {
      MultiClass m{};
      if (read_name(item, m, problems)) f.multi_class = static_cast<int>(m);
    } else if (key == "solver") {
      Solver s{};
      if (read_name(item, s, problems)) f.solver = static_cast<int>(s);
    } else if (key == "stop") {
      StopRule rule{};
      if (parse_stop_rule(item.value, rule)) f.stop_rule = rule == StopRule::Settled ? 0 : 1;
      else problems.bad_value(item, "settled or sklearn");
    } else if (key == "learning_rate") read_number(item, {1e-9, kUnbounded}, f.learning_rate, problems);
    else if (key == "batch_size") read_int(item, {1, 1e6}, f.batch_size, problems);
    else problems.unknown_key(item);
  }
  return f;
}

}  // namespace digitlab::app
