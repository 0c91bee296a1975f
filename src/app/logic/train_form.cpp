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

TrainForm read_train_spec(TrainForm form, const std::string& spec, ParseProblems& problems) {
  return read_train_items(std::move(form), split_key_values(spec, ';'), problems);
}

TrainForm read_train_items(TrainForm f, const std::vector<KeyValue>& items, ParseProblems& problems,
                           const std::string& prefix) {
  constexpr double kUnbounded = std::numeric_limits<double>::infinity();
  for (const KeyValue& item : items) {
    const bool prefixed = item.key.compare(0, prefix.size(), prefix) == 0;
    const std::string key = prefixed ? item.key.substr(prefix.size()) : "";
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

namespace {

// The fields of two forms that an address carries, in read_train_spec's keys.
void add_differences(const TrainForm& base, const TrainForm& f, std::vector<KeyValue>& items) {
  auto add = [&](const char* key, std::string value) { items.push_back({key, std::move(value)}); };
  if (f.subset != base.subset) add("subset", std::to_string(f.subset));
  if (f.scaling != base.scaling) add("scaling", name_of(enum_from_index<Scaling>(f.scaling)));
  if (f.pca_on != base.pca_on || (f.pca_on && f.pca_components != base.pca_components))
    add("pca", std::to_string(f.pca_on ? f.pca_components : 0));
  if (f.poly_degree != base.poly_degree) add("poly", std::to_string(f.poly_degree));
  if (f.C != base.C) add("C", number_text(f.C));
  if (f.balanced != base.balanced) add("balanced", f.balanced ? "1" : "0");
  if (f.multi_class != base.multi_class) add("model", name_of(enum_from_index<MultiClass>(f.multi_class)));
  if (f.solver != base.solver) add("solver", name_of(enum_from_index<Solver>(f.solver)));
  if (f.stop_rule != base.stop_rule) add("stop", f.stop_rule == 0 ? "settled" : "sklearn");
  if (f.max_iter != base.max_iter) add("max_iter", std::to_string(f.max_iter));
  if (f.learning_rate != base.learning_rate) add("learning_rate", number_text(f.learning_rate));
  if (f.batch_size != base.batch_size) add("batch_size", std::to_string(f.batch_size));
}

}  // namespace

std::vector<KeyValue> train_form_items(const TrainForm& form) {
  std::vector<KeyValue> items;
  TrainForm base;
  if (form.preset >= 0 && form.preset != base.preset) {  // the preset first: it resets what follows
    items.push_back({"preset", presets().at(static_cast<std::size_t>(form.preset)).key});
    apply_preset(base, form.preset);
  }
  add_differences(base, form, items);
  return items;
}

bool matches_preset(const TrainForm& form) {
  if (form.preset < 0) return false;
  TrainForm preset = form;
  apply_preset(preset, form.preset);
  std::vector<KeyValue> differences;
  add_differences(preset, form, differences);
  return differences.empty();
}

}  // namespace digitlab::app
