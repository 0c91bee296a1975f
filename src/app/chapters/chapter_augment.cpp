// Question: "Would augmentation (rotation, shift, noise) change the confusion matrix?"
// Train on a subset as it is and on the same subset grown by augmented copies; score
// both on clean test digits and on augmented ones, and show how the confusion matrix
// moves.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>

#include "app/chapters/chapter_precomputed.hpp"
#include "app/chapters/chapters.hpp"
#include "app/widgets/layout.hpp"
#include "app/widgets/widgets.hpp"
#include "app/widgets/glossary_ui.hpp"
#include "app/chapters/question_prompt.hpp"

namespace digitlab::app {

// The chapter's run button, which the precomputed note names.
constexpr const char* kRunButton = "Train without and with augmentation";

struct AugmentQuestion : ChapterData, AugmentExperiment {
  int guess = kNoGuess;
  // Before the runs: the training digits grown by copies, the test digits shaken, a
  // block of images per frame.
  std::shared_ptr<const Dataset> train, test;
  std::unique_ptr<AugmentJob> grow, shake;
  RunQueue runs;
  DigitAtlas samples;      // one digit and augmented copies of it
  std::string samples_key;
};

namespace {

// Before the runs, what they test; after, what they found, from their scores.
std::string augment_note(const AugmentQuestion& q) {
  const std::string idea =
      "Copies that are turned, moved or noisy are meant to teach the model that these changes do not change the "
      "digit. ";
  if (!q.runs.finished() || q.runs.runs().size() != 2)
    return idea + "Train both models to see whether it then errs less on test digits that are themselves turned or "
                  "moved, and what changes on clean ones.";
  const Run& plain = *q.runs.runs()[0];
  const Run& grown = *q.runs.runs()[1];
  const RunScore* plain_shaken = plain.score("augmented test");
  const RunScore* grown_shaken = grown.score("augmented test");
  if (!plain_shaken || !grown_shaken) return idea;
  auto percent = [](double a) {
    char text[16];
    std::snprintf(text, sizeof text, "%.1f%%", 100 * a);
    return std::string(text);
  };
  const long long right = grown_shaken->confusion.trace() - plain_shaken->confusion.trace();
  std::string text = idea + "In this run, on the augmented test digits: " + percent(plain.accuracy("augmented test")) +
                     " without copies, " + percent(grown.accuracy("augmented test")) + " with them (" +
                     (right >= 0 ? "+" : "") + std::to_string(right) + " right answers on the diagonal). On the clean "
                     "test digits: " + percent(plain.accuracy("test")) + " and " + percent(grown.accuracy("test")) + ".";
  text += right > 0 ? " The blue cells of the difference are confusions the copies removed; red ones, confusions they added."
                    : " The copies did not help on the augmented digits here: try more copies, more iterations, or "
                      "other digits.";
  return text;
}

}  // namespace

static void start_augment_runs(AppState& app) {
  AugmentQuestion& q = app.chapters.get<AugmentQuestion>();
  if (!app.data.train || !app.data.test) return;
  const AugmentInputs inputs = augment_inputs(q, *app.data.train, *app.data.test);
  q.train = inputs.train;
  q.test = inputs.test;
  q.runs.clear();
  // The copies are made a block per frame (advance_augment), then the two runs queue.
  q.grow = augment_train_job(q, inputs);
  q.shake = augment_test_job(q, inputs);
}

static bool advance_augment(AppState& app, double budget_seconds) {
  AugmentQuestion& q = app.chapters.get<AugmentQuestion>();
  if (!q.grow) return advance_runs(app, q.runs, budget_seconds);
  const auto started = std::chrono::steady_clock::now();
  if (!q.grow->done()) q.grow->step(budget_seconds);  // the training copies, then the shaken test digits
  const double left = budget_seconds - std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (q.grow->done() && left > 0) q.shake->step(left);
  if (!q.shake->done()) return true;
  auto grown = std::make_shared<const Dataset>(q.grow->take());
  auto shaken = std::make_shared<const Dataset>(q.shake->take());
  q.grow.reset();
  q.shake.reset();
  for (RunSpec& spec : augment_runs(q, {q.train, q.test}, grown, shaken)) q.runs.add(std::move(spec));
  return true;
}

namespace {

void samples(AppState& app, float tile) {
  AugmentQuestion& q = app.chapters.get<AugmentQuestion>();
  const AugmentSettings& s = q.settings;
  char key[96];
  std::snprintf(key, sizeof key, "%.1f/%d/%.1f", s.max_rotation_degrees, s.max_shift, s.noise_sigma);
  if (q.samples_key != key) {
    // One training digit, then nine augmented copies of it.
    const Dataset& train = *app.data.train;
    Dataset one = take(train, {0, 0, 0, 0, 0, 0, 0, 0, 0});
    Dataset copies = augment_dataset(one, s, 99, false);
    Dataset shown = concatenate(take(train, {0}), copies);
    std::vector<int> rows;
    for (int i = 0; i < shown.size(); ++i) rows.push_back(i);
    build_atlas(q.samples, shown.pixels, rows);
    q.samples_key = key;
  }
  const float u = 1.0f / DigitAtlas::kColumns;
  for (int i = 0; i < q.samples.count(); ++i) {
    if (i > 0) same_line_if_room(tile);  // a second row on a phone
    colormap_image(q.samples.texture, ImVec2(tile, tile), app.chapters.colormap, ImVec2(i * u, 0), ImVec2((i + 1) * u, 1));
  }
  ImGui::TextDisabled("the first training digit, then nine random augmentations of it");
}

// Accuracy on the augmented test digits without and with copies, once both are scored.
bool augmented_scores(const AugmentQuestion& q, double& plain, double& grown) {
  if (!q.runs.finished() || q.runs.runs().size() != 2) return false;
  plain = q.runs.runs()[0]->accuracy("augmented test");
  grown = q.runs.runs()[1]->accuracy("augmented test");
  return std::isfinite(plain) && std::isfinite(grown);
}

// The question's takeaway, with how many augmented test digits scored it (0 if unknown).
Takeaway takeaway_of(const AugmentQuestion& q, double plain, double grown) {
  const RunScore* s = q.runs.runs()[0]->score("augmented test");
  return augment_takeaway(plain, grown, s ? s->report.total : 0);
}

}  // namespace

static void draw_augment(AppState& app) {
  AugmentQuestion& q = app.chapters.get<AugmentQuestion>();
  if (!question_prompt("augment", augment_question_text(), q.guess)) return;
  if (!digits_ready(app)) return;
  terms_row(app.glossary, {Term::Augmentation});
  AugmentSettings& s = q.settings;
  float rotation = static_cast<float>(s.max_rotation_degrees), noise = static_cast<float>(s.noise_sigma);
  next_labelled_item("rotation up to (deg)", 170, true);
  if (ImGui::SliderFloat("rotation up to (deg)", &rotation, 0, 45, "%.0f")) s.max_rotation_degrees = rotation;
  next_labelled_item("shift up to (px)", 170);
  ImGui::SliderInt("shift up to (px)", &s.max_shift, 0, 5);
  next_labelled_item("noise sigma (grey levels)", 170);
  if (ImGui::SliderFloat("noise sigma (grey levels)", &noise, 0, 80, "%.0f of 255")) s.noise_sigma = noise;
  glossary_tooltip(app.glossary, Term::NoiseSigma);
  next_labelled_item("copies per digit", 170, true);
  ImGui::SliderInt("copies per digit", &s.copies, 1, 4);
  next_labelled_item("training digits", 170);
  count_slider("training digits", &q.subset, 500, 10000);
  next_labelled_item("max_iter", 170);
  count_slider("max_iter", &q.max_iter, 10, 1000);
  samples(app, 48);
  ImGui::BeginDisabled(q.runs.busy() || q.grow);
  if (ImGui::Button(kRunButton)) start_augment_runs(app);
  ImGui::EndDisabled();
  if (q.grow)
    progress_bar(static_cast<float>(0.5 * (q.grow->fraction() + q.shake->fraction())), -1,
                       "turning, shifting and adding noise to the training and test digits");
  precomputed_note(app, q.runs, same_settings(q, AugmentExperiment{}), kRunButton);
  run_queue_progress(q.runs);
  runs_table("augment-runs", q.runs, {"test", "augmented test"});
  double plain = 0, grown = 0;
  if (augmented_scores(q, plain, grown)) question_takeaway(takeaway_of(q, plain, grown), augment_question_text(), q.guess);
  if (q.runs.finished() && q.runs.runs().size() == 2) {
    const RunScore* plain = q.runs.runs()[0]->score("augmented test");
    const RunScore* grown = q.runs.runs()[1]->score("augmented test");
    if (plain && grown) {
      // Three matrices side by side while their cells keep room for the counts (22 px),
      // else one under another at the line's width (a phone: 14 px cells had no counts).
      const float avail = ImGui::GetContentRegionAvail().x, label = matrix_label_width();
      const float beside = (avail - 2 * 20 - 3 * label) / 30, stacked = (avail - label) / 10;
      const float cell = std::clamp(beside >= 22 ? beside : stacked, 14.0f, 30.0f);
      ImGui::BeginGroup();
      confusion_heatmap("trained on originals (augmented test)", plain->confusion, cell);
      ImGui::EndGroup();
      same_line_if_room(ImGui::GetItemRectSize().x, 20);  // the next matrix is as wide
      ImGui::BeginGroup();
      confusion_heatmap("trained with copies (augmented test)", grown->confusion, cell);
      ImGui::EndGroup();
      same_line_if_room(ImGui::GetItemRectSize().x, 20);
      ImGui::BeginGroup();
      const ConfusionMatrix difference = grown->confusion - plain->confusion;
      confusion_heatmap("with copies minus without", difference, cell, true);
      ImGui::TextDisabled("green: more right; blue: fewer of that mistake; red: more");
      ImGui::EndGroup();
    }
  }
  note(augment_note(q).c_str());
}

static void augment_json(JsonWriter& j, const AppState& app) {
  const AugmentQuestion& q = app.chapters.get<AugmentQuestion>();
  j.begin_object().key("rotation").value(q.settings.max_rotation_degrees).key("shift").value(q.settings.max_shift)
      .key("noise").value(q.settings.noise_sigma).key("copies").value(q.settings.copies)
      .key("samples").value(q.samples.count()).key("busy").value(q.runs.busy() || q.grow != nullptr)
      .key("precomputed").value(q.runs.precomputed());
  double plain = 0, grown = 0;
  const bool scored = augmented_scores(q, plain, grown);
  const Takeaway t = scored ? takeaway_of(q, plain, grown) : Takeaway{};
  question_json(j, augment_question_text(), q.guess, scored ? &t : nullptr);
  j.key("runs");
  runs_json(j, q.runs);
  j.end_object();
}


// [SECTION] Registry entry (chapter_registry.cpp)

static bool apply_setting(AppState& app, const Setting& s) {
  AugmentQuestion& q = app.chapters.get<AugmentQuestion>();
  if (!s.is_number) return false;
  if (s.key == "subset") q.subset = s.rounded(100, 60000);
  else if (s.key == "max_iter") q.max_iter = s.rounded(1, 5000);
  else if (s.key == "rotation") q.settings.max_rotation_degrees = s.clamped(0, 90);
  else if (s.key == "shift") q.settings.max_shift = s.rounded(0, 8);
  else if (s.key == "noise") q.settings.noise_sigma = s.clamped(0, 255);
  else if (s.key == "copies") q.settings.copies = s.rounded(1, 8);
  else return false;
  return true;
}

// Its URL keys that differ from the defaults, for the page's address.
static void write_settings(const AppState& app, std::vector<KeyValue>& out) {
  const AugmentQuestion& q = app.chapters.get<AugmentQuestion>();
  const AugmentExperiment defaults;
  write_if_changed(out, "rotation", q.settings.max_rotation_degrees, defaults.settings.max_rotation_degrees);
  write_if_changed(out, "shift", q.settings.max_shift, defaults.settings.max_shift);
  write_if_changed(out, "noise", q.settings.noise_sigma, defaults.settings.noise_sigma);
  write_if_changed(out, "copies", q.settings.copies, defaults.settings.copies);
  write_if_changed(out, "subset", q.subset, defaults.subset);
  write_if_changed(out, "max_iter", q.max_iter, defaults.max_iter);
}

static int* guess(AppState& app) { return &app.chapters.get<AugmentQuestion>().guess; }

static void install_results(AppState& app) {
  AugmentQuestion& q = app.chapters.get<AugmentQuestion>();
  if (same_settings(q, AugmentExperiment{}) && !q.grow) install_precomputed(q.runs, app.chapters.precomputed, "augment");
}

ChapterDef augment_question() {
  ChapterDef c;
  c.key = "augment";
  c.title = "Augmentation";
  c.group = PanelGroup::Questions;
  c.lesson =
      "Question: can made-up examples help? Turn, shift and add noise to training pictures to make new ones, "
      "train on them too, and see what happens to the accuracy and where the confusion matrix moves.";
  c.make_state = state_of<AugmentQuestion>;
  c.draw = draw_augment;
  c.json = augment_json;
  c.advance = advance_augment;
  c.start = start_augment_runs;
  c.apply_setting = apply_setting;
  c.write_settings = write_settings;
  c.guess = guess;
  c.install_precomputed = install_results;
  return c;
}

}  // namespace digitlab::app
