// The questions' shared widget: the tutorial's question word for word, what the learner
// expects (radio buttons, kept in the question's state and in state()), and, once the
// result is there, the takeaway computed from it (src/lessons/questions.hpp).
//
//   if (!question_prompt("imbalance", imbalance_question_text(), q.guess)) return;  // no guess yet
//   ... the experiment and its result ...
//   question_takeaway(imbalance_takeaway(...), imbalance_question_text(), q.guess);
#pragma once

#include "core/common/json_writer.hpp"
#include "lessons/questions.hpp"

namespace digitlab::app {

// Draws the question and the answers; true once the learner has chosen one or chosen
// to see the result without guessing (then the result may be shown).
bool question_prompt(const char* id, const Question& q, int& guess);
// The one-line takeaway, highlighted.
void question_takeaway(const Takeaway& t, const Question& q, int guess);
// "question", "ask", "options", "guess" (index, -1 none, -2 skipped), "guess_text", and
// with a takeaway "outcome" and "takeaway" (the line as shown).
void question_json(JsonWriter& j, const Question& q, int guess, const Takeaway* t);

}  // namespace digitlab::app
