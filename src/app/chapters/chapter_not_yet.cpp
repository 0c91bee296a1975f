// The tutorial's "Questions to Explore" that are no experiment in the page yet, in the
// tutorial's words, so a learner sees every question it asks.
#include "app/chapters/chapters.hpp"
#include "lessons/questions.hpp"

namespace digitlab::app {

static void draw_not_yet(AppState&) {
  note("These questions from the tutorial are not yet an experiment here:");
  for (const char* question : questions_not_yet_experiments()) {
    ImGui::Bullet();
    ImGui::TextWrapped("\"%s\"", question);
  }
  note("The calibration half of the last question is answered in Evaluate, under Calibration (temperature "
       "scaling and what it does to the confusion matrix).");
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
  c.title = "Not yet here";
  c.group = PanelGroup::Questions;
  c.draw = draw_not_yet;
  c.json = not_yet_json;
  return c;
}

}  // namespace digitlab::app
