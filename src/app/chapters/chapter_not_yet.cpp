// The tutorial's two "Questions to Explore" that have no question panel of their own, in
// the tutorial's words, with where in the page each is answered, so a learner sees every
// question it asks.
#include "app/chapters/chapters.hpp"
#include "lessons/questions.hpp"

namespace digitlab::app {

static void draw_not_yet(AppState&) {
  note("Two more of the tutorial's questions have no panel of their own here; other panels answer them:");
  for (const AnsweredElsewhere& question : questions_answered_elsewhere()) {
    ImGui::Bullet();
    ImGui::TextWrapped("\"%s\"", question.tutorial);
    ImGui::Indent();
    ImGui::TextDisabled("%s", question.where);
    ImGui::Unindent();
  }
}

static void not_yet_json(JsonWriter& j, const AppState&) {
  j.begin_object().key("questions").begin_array();
  for (const AnsweredElsewhere& question : questions_answered_elsewhere()) j.value(question.tutorial);
  j.end_array().key("where").begin_array();
  for (const AnsweredElsewhere& question : questions_answered_elsewhere()) j.value(question.where);
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
