// The tutorial's two "Questions to Explore" that have no question panel of their own, in
// the tutorial's words, with where in the page each is answered, so a learner sees every
// question it asks.
#include <algorithm>

#include "app/chapters/chapters.hpp"
#include "lessons/questions.hpp"

namespace digitlab::app {

static void draw_not_yet(AppState&) {
  note("Two more of the tutorial's questions have no panel of their own here; other panels answer them:");
  // questions_not_yet_experiments(): the solver question, then the threshold and calibration one.
  const char* where[] = {
      "Tutorial > Logistic regression, \"Race the solvers\": L-BFGS, Newton-CG and SAG fit softmax on the same "
      "digits to scikit-learn's rule, with their passes, time, loss after every pass and test accuracy. "
      "liblinear is not among them.",
      "The threshold half: the Threshold question (one digit's threshold against its precision and recall), and "
      "Evaluate's \"One class's own threshold\". The calibration half: Evaluate, under \"Calibration: can the "
      "probabilities be trusted?\" (temperature scaling or Platt's, and the confusion matrix before and after)."};
  int i = 0;
  for (const char* question : questions_not_yet_experiments()) {
    ImGui::Bullet();
    ImGui::TextWrapped("\"%s\"", question);
    ImGui::Indent();
    ImGui::TextDisabled("%s", where[std::min(i++, 1)]);
    ImGui::Unindent();
  }
}

static void not_yet_json(JsonWriter& j, const AppState&) {
  j.begin_object().key("questions").begin_array();
  for (const char* question : questions_not_yet_experiments()) j.value(question);
  j.end_array().end_object();
}


// [SECTION] Registry entry (chapter_registry.cpp)

ChapterDef not_yet_questions() {
  ChapterDef c;
  c.key = "not_yet";
  c.title = "Answered elsewhere";
  c.group = PanelGroup::Questions;
  c.draw = draw_not_yet;
  c.json = not_yet_json;
  return c;
}

}  // namespace digitlab::app
