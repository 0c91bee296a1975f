// Question: "Which digits are confused most, and with which?" The page's model's
// largest off-diagonal cells, largest first (metrics.hpp most_confused_pairs), each with
// its test digits, and the matrix with the diagonal set aside.
#include <algorithm>
#include <cstdio>

#include "app/chapters/chapters.hpp"
#include "app/chapters/question_prompt.hpp"
#include "app/widgets/layout.hpp"
#include "app/widgets/widgets.hpp"

namespace digitlab::app {

struct ConfusionsQuestion : ChapterData {
  int guess = kNoGuess;
  int selected = 0;  // index into the model's most confused pairs
  DigitAtlas examples;
  std::string key;
};

namespace {

constexpr int kPairs = 10;

void examples(AppState& app, const Confusion& pair) {
  ConfusionsQuestion& q = app.chapters.get<ConfusionsQuestion>();
  const std::string key = std::to_string(pair.true_class) + ">" + std::to_string(pair.predicted_class) + "@" + app.model.source;
  if (key != q.key) {
    std::vector<int> rows;
    const Labels& predicted = app.eval.job->predictions();
    const Labels& truth = app.eval.job->labels();
    for (std::size_t i = 0; i < truth.size() && rows.size() < 40; ++i)
      if (truth[i] == pair.true_class && predicted[i] == pair.predicted_class) rows.push_back(static_cast<int>(i));
    build_atlas(q.examples, app.eval.digits->pixels, rows);
    q.key = key;
  }
  ImGui::Text("%s %s written as %d and read as %d%s:", thousands(pair.count).c_str(), evaluated_items(app).c_str(),
              pair.true_class, pair.predicted_class, pair.count > 40 ? " (first 40)" : "");
  const float tile = 44;
  const float u = 1.0f / DigitAtlas::kColumns;
  const int atlas_rows = (q.examples.count() + DigitAtlas::kColumns - 1) / DigitAtlas::kColumns;
  const float v = 1.0f / std::max(1, atlas_rows);
  for (int i = 0; i < q.examples.count(); ++i) {
    if (i > 0) same_line_if_room(tile);  // as many a row as the line holds
    const float cx = static_cast<float>(i % DigitAtlas::kColumns), cy = static_cast<float>(i / DigitAtlas::kColumns);
    colormap_image(q.examples.texture, ImVec2(tile, tile), app.chapters.colormap, ImVec2(cx * u, cy * v),
                   ImVec2((cx + 1) * u, (cy + 1) * v));
  }
}

}  // namespace

static void draw_confusions(AppState& app) {
  ConfusionsQuestion& q = app.chapters.get<ConfusionsQuestion>();
  if (!question_prompt("confusions", confusions_question_text(), q.guess)) return;
  if (!app.eval.ready || !app.eval.job || !app.eval.digits) {
    ImGui::TextDisabled("Waiting for the page's model to be evaluated on the %s.", evaluated_items(app).c_str());
    return;
  }
  evaluated_on_note(app);
  const std::vector<Confusion> pairs = most_confused_pairs(app.eval.confusion, kPairs);
  if (pairs.empty()) {
    ImGui::Text("This model makes no mistakes on the %s.", evaluated_items(app).c_str());
    return;
  }
  q.selected = std::clamp(q.selected, 0, static_cast<int>(pairs.size()) - 1);
  question_takeaway(confusions_takeaway(app.eval.confusion, evaluated_items(app)), confusions_question_text(), q.guess);
  ImGui::TextDisabled("model: %s", app.model.source.c_str());
  ImGui::BeginGroup();
  heading("Most confused, one direction at a time (true -> predicted)");
  for (int i = 0; i < static_cast<int>(pairs.size()); ++i) {
    const Confusion& c = pairs[static_cast<std::size_t>(i)];
    const long long back = app.eval.confusion(c.predicted_class, c.true_class);
    char text[96];
    std::snprintf(text, sizeof text, "%d -> %d: %lld   (%d -> %d: %lld)", c.true_class, c.predicted_class, c.count,
                  c.predicted_class, c.true_class, back);
    if (ImGui::Selectable(text, q.selected == i, 0, ImVec2(260, 0))) q.selected = i;
  }
  ImGui::EndGroup();
  // The matrix beside the list while it fits there at 36 px a cell, else below it, its cells
  // narrowed to the line (a phone).
  const float label = matrix_label_width();
  same_line_if_room(label + 10 * 36, 24);
  const float cell = std::clamp((ImGui::GetContentRegionAvail().x - label) / 10, 22.0f, 36.0f);
  ImGui::BeginGroup();
  confusion_heatmap("errors only (the diagonal in green, not to scale)", app.eval.confusion, cell);
  ImGui::EndGroup();
  ImGui::Separator();
  examples(app, pairs[static_cast<std::size_t>(q.selected)]);
  note("On MNIST the pairs mixed up most are usually digits that share strokes: a 4 with a closed top and a 9, a "
       "7 with a bar and a 2, a 3, 5 and 8 that differ in one curve; the list above says which this model mixes "
       "up. Many of these images would make a person hesitate too. The model sees no strokes or loops, only "
       "which pixels are bright, so a loop left slightly open or a line that barely crosses can tip it from one "
       "digit to the other.");
}

static void confusions_json(JsonWriter& j, const AppState& app) {
  j.begin_object().key("ready").value(app.eval.ready).key("selected").value(app.chapters.get<ConfusionsQuestion>().selected)
      .key("pairs").begin_array();
  if (app.eval.ready)
    for (const Confusion& c : most_confused_pairs(app.eval.confusion, kPairs))
      j.begin_object().key("true").value(c.true_class).key("predicted").value(c.predicted_class)
          .key("count").value(c.count).end_object();
  j.end_array().key("examples").value(app.chapters.get<ConfusionsQuestion>().examples.count());
  const Takeaway t = app.eval.ready ? confusions_takeaway(app.eval.confusion, evaluated_items(app)) : Takeaway{};
  question_json(j, confusions_question_text(), app.chapters.get<ConfusionsQuestion>().guess, app.eval.ready ? &t : nullptr);
  j.end_object();
}


// [SECTION] Registry entry (chapter_registry.cpp)

static int* guess(AppState& app) { return &app.chapters.get<ConfusionsQuestion>().guess; }

ChapterDef confusions_question() {
  ChapterDef c;
  c.key = "confusions";
  c.title = "Confused pairs";
  c.group = PanelGroup::Questions;
  c.lesson =
      "Question: which mistakes are the most common? Go through the digit pairs the model mixes up and look at "
      "the pictures themselves: many of them would make a person hesitate too.";
  c.make_state = state_of<ConfusionsQuestion>;
  c.draw = draw_confusions;
  c.json = confusions_json;
  c.guess = guess;
  return c;
}

}  // namespace digitlab::app
