// The Train panel's form: what its widgets edit (ImGui wants ints for combo boxes and
// sliders), its presets, the settings it stands for, and train({...}) from a script.
//
//   TrainForm form;
//   apply_preset(form, preset_index("pca30"));      // the subset stays
//   PipelineSettings s = to_settings(form);
//   ParseProblems problems;
//   form = read_train_spec(form, "preset=poly2;subset=1000;max_iter=50", problems);
#pragma once

#include <string>
#include <vector>

#include "app/logic/key_values.hpp"
#include "core/linear_model/pipeline.hpp"

namespace digitlab::app {

struct TrainForm {
  int preset = 4;           // index into presets() (core/linear_model/presets.hpp); -1 when edited by hand
  int subset = 10000;
  int scaling = 2;          // a Scaling: none, standard, minmax (setting_names.hpp's order)
  bool pca_on = true;
  int pca_components = 30;
  int poly_degree = 2;
  float C = 1.0f;
  bool balanced = true;
  int multi_class = 0;      // a MultiClass: multinomial (softmax), one-vs-rest
  int solver = 0;           // a Solver: L-BFGS, mini-batch, Newton-CG
  int stop_rule = 0;        // the settled accuracy (the page's default), or scikit-learn's rule
  int max_iter = 1000;
  float learning_rate = 0.1f;
  int batch_size = 256;
  bool focus_requested = false;  // the first field takes the keyboard when next drawn (Shift+T)
};

PipelineSettings to_settings(const TrainForm& form);
// presets()[index] in the form; the number of training digits stays as the learner chose.
void apply_preset(TrainForm& form, int index);
int preset_index(const std::string& key);  // -1 if unknown

// window.digitlab.train's items ("preset=poly2;subset=1000;max_iter=50", in order) on top
// of `form`: preset, subset, max_iter, pca, poly, C, scaling, balanced, model (multinomial
// or ovr), solver, stop (settled or sklearn), learning_rate, batch_size. Each problem goes to `problems`; the caller
// starts nothing unless there are none.
TrainForm read_train_spec(TrainForm form, const std::string& spec, ParseProblems& problems);
// The same for items already split, each key read without `prefix` (the address's
// "train.subset=1000" with prefix "train.").
TrainForm read_train_items(TrainForm form, const std::vector<KeyValue>& items, ParseProblems& problems,
                           const std::string& prefix = "");

// The form as read_train_spec's items, only those that differ from a new form's (or, for
// a preset other than the default, from that preset's): read onto a new TrainForm, they
// give the same form back. The page's address writes them (issue 15).
std::vector<KeyValue> train_form_items(const TrainForm& form);
// Whether the form holds exactly its preset's settings; after reading an address, a form
// that does not is marked as edited by hand (preset -1), as the panel's widgets mark it.
bool matches_preset(const TrainForm& form);

}  // namespace digitlab::app
