// The registry of every panel: keys for URLs and window.digitlab, titles, groups, draw
// functions and the lesson texts (our own words, one short paragraph per step).
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <sstream>

#include "app/chapters/chapter_precomputed.hpp"
#include "app/chapters/chapters.hpp"
#include "app/panels/panels.hpp"
#include "app/work/work.hpp"

namespace digitlab::app {

const std::vector<PanelInfo>& panel_infos() {
  static const std::vector<PanelInfo> all = {
      {Panel::Draw, "draw", "Draw", PanelGroup::Main, draw_panel, ""},
      {Panel::Data, "data", "Data", PanelGroup::Main, data_panel, ""},
      {Panel::Train, "train", "Train", PanelGroup::Main, train_panel, ""},
      {Panel::Evaluate, "evaluate", "Evaluate", PanelGroup::Main, evaluate_panel, ""},
      {Panel::Mnist, "mnist", "1 Meet MNIST", PanelGroup::Tutorial, mnist_chapter,
       "Seventy thousand small pictures of handwritten digits, each labelled with the digit it shows. A picture "
       "is a grid of 28 by 28 brightness values, so to the computer a digit is nothing but a list of 784 numbers "
       "from 0 to 255. Look at the average picture of each digit, and at how bright pixels usually are: most of "
       "every image is plain black background."},
      {Panel::Looking, "looking", "2 Looking at digits", PanelGroup::Tutorial, looking_chapter,
       "The same numbers can be painted in many colour schemes. Switch between them: some make the faint edges of "
       "a stroke easier to see, one looks like ink on paper. Whichever you pick, the model is handed only the "
       "numbers, so this changes what we notice, never what it learns."},
      {Panel::Sigmoid, "sigmoid", "3 Sigmoid", PanelGroup::Tutorial, sigmoid_chapter,
       "Logistic regression first adds up its inputs, each times a weight, into one score z, then bends z into a "
       "value between 0 and 1 with the S-shaped sigmoid. At or above a threshold the answer is yes. Here 100 invented "
       "samples with 3 features sit on the curve: shrink the weights and watch them crowd around 0.5, where every "
       "decision becomes a guess."},
      {Panel::Logistic, "logistic", "4 Logistic regression", PanelGroup::Tutorial, logistic_chapter,
       "Ten digits need ten scores. Either each score gets its own sigmoid and its own yes-or-no model "
       "(one-vs-rest), or softmax turns the ten scores into shares of one whole. Train both and watch their log-loss "
       "fall; max_iter is where the solver stops, settled or not."},
      {Panel::Metrics, "metrics", "5 Metrics", PanelGroup::Tutorial, metrics_chapter,
       "Accuracy counts the right answers but hides which mistakes were made. Sort the answers into hits, misses, "
       "false alarms and correct rejections, and precision, recall and F1 follow from four numbers. Change the "
       "medical example, then read the same four numbers for one digit of the real model."},
      {Panel::Scaling, "scaling", "6 Scaling", PanelGroup::Tutorial, scaling_chapter,
       "Raw pixels run from 0 to 255, and the solver has to creep along with tiny steps. Rescaling every pixel "
       "first lets it settle in fewer iterations; how many fewer depends on how many digits it learns from. With "
       "C unchanged, scaling also changes how strongly the L2 penalty holds the weights back. Compare how the "
       "digits look after each scaler, then train on all three versions and count their iterations."},
      {Panel::Pca, "pca", "7 PCA", PanelGroup::Tutorial, pca_chapter,
       "Neighbouring pixels brighten and darken together, so far fewer than 784 numbers can describe a digit. PCA "
       "finds the patterns along which digits differ most. Slide how many patterns are kept and watch the digits "
       "blur and sharpen while most of the variation survives."},
      {Panel::Poly, "poly", "8 Polynomial features", PanelGroup::Tutorial, poly_chapter,
       "Multiplying features with each other lets a model that can only add things up react to combinations, such "
       "as two strokes appearing together. Thirty components become 495 features, and the accuracy makes a jump."},
      {Panel::Weights, "weights", "9 Weights", PanelGroup::Tutorial, weights_chapter,
       "Every pixel carries one weight for every digit. Painted as pictures, the weights show what each digit's "
       "score is looking for: red where ink speaks for the digit, blue where it speaks against it."},
      {Panel::Threshold, "threshold", "Threshold", PanelGroup::Questions, threshold_question,
       "Question: instead of always taking the most likely digit, call a picture a certain digit once its "
       "probability passes a threshold of your choice. Lower it and fewer are missed; raise it and fewer false "
       "alarms go off."},
      {Panel::TestSize, "test_size", "test_size", PanelGroup::Questions, test_size_question,
       "Question: how much of the data should be kept back for testing? Split one pool in several ways and compare "
       "each model on the digits it trained on and on the ones it never saw."},
      {Panel::Imbalance, "imbalance", "Imbalance", PanelGroup::Questions, imbalance_question,
       "Question: what if one digit is rare? Remove most of its examples and the model learns to seldom guess it. "
       "Giving the rare examples more weight wins much of that back."},
      {Panel::Augment, "augment", "Augmentation", PanelGroup::Questions, augment_question,
       "Question: can made-up examples help? Turn, shift and add noise to training pictures to make new ones. The "
       "model learns that such changes leave the digit what it is, and the confusion matrix shows where it helps."},
      {Panel::Confusions, "confusions", "Confused pairs", PanelGroup::Questions, confusions_question,
       "Question: which mistakes are the most common? Go through the digit pairs the model mixes up and look at "
       "the pictures themselves: many of them would make a person hesitate too."},
      {Panel::NotYet, "not_yet", "Not yet here", PanelGroup::Questions, not_yet_questions, ""},
  };
  return all;
}

const PanelInfo& panel_info(Panel panel) {
  for (const PanelInfo& info : panel_infos())
    if (info.panel == panel) return info;
  return panel_infos().front();
}

const char* panel_key(Panel panel) { return panel_info(panel).key; }

int panel_from_key(const std::string& key) {
  for (const PanelInfo& info : panel_infos())
    if (key == info.key) return static_cast<int>(info.panel);
  return -1;
}

const std::vector<Panel>& lesson_steps() {
  static const std::vector<Panel> steps = [] {
    std::vector<Panel> out;
    for (const PanelInfo& info : panel_infos())
      if (*info.lesson) out.push_back(info.panel);
    return out;
  }();
  return steps;
}

}  // namespace digitlab::app
