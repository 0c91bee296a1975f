// The chapters as panels of the page: the registry of every panel (keys for URLs and
// window.digitlab, titles, lesson texts), the "Tutorial" and "Questions" tabs, the
// lesson mode (?lesson=1 or the Lesson button), the embedded mode (?panel=sigmoid),
// settings from a URL query, the chapters' slice of work per frame and their state().
//
// [SECTION] Registry and lesson texts
// [SECTION] Tabs, lesson and embedded views
// [SECTION] Work per frame
// [SECTION] Settings from a URL query
// [SECTION] state()
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

// [SECTION] Registry and lesson texts (our own words, one short paragraph per step)

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

// [SECTION] Tabs, lesson and embedded views

namespace {

void group_tabs(AppState& s, PanelGroup group, const char* bar_id) {
  ChapterState& c = s.chapters;
  if (!ImGui::BeginTabBar(bar_id, ImGuiTabBarFlags_FittingPolicyScroll)) return;
  const int requested = c.requested_subtab;
  for (const PanelInfo& info : panel_infos()) {
    if (info.group != group) continue;
    const ImGuiTabItemFlags flags = requested == static_cast<int>(info.panel) ? ImGuiTabItemFlags_SetSelected : 0;
    if (ImGui::BeginTabItem(info.title, nullptr, flags)) {
      // While a requested tab is on its way (ImGui selects it next frame), draw nothing:
      // a chapter drawn for one frame would start its work for nothing.
      if (requested < 0 || requested == static_cast<int>(info.panel)) {
        s.panel = info.panel;
        ImGui::BeginChild("chapter");
        info.draw(s);
        ImGui::EndChild();
      }
      ImGui::EndTabItem();
    }
  }
  if (requested >= 0 && s.panel == static_cast<Panel>(requested)) c.requested_subtab = -1;
  ImGui::EndTabBar();
}

}  // namespace

void chapter_tabs(AppState& s) {
  ChapterState& c = s.chapters;
  if (s.requested_panel >= 0 && panel_info(static_cast<Panel>(s.requested_panel)).group != PanelGroup::Main)
    c.requested_subtab = s.requested_panel;
  const PanelGroup wanted = c.requested_subtab >= 0 ? panel_info(static_cast<Panel>(c.requested_subtab)).group : PanelGroup::Main;
  const std::pair<const char*, PanelGroup> groups[] = {{"Tutorial", PanelGroup::Tutorial}, {"Questions", PanelGroup::Questions}};
  for (const auto& [title, group] : groups) {
    const ImGuiTabItemFlags flags = s.requested_panel >= 0 && wanted == group ? ImGuiTabItemFlags_SetSelected : 0;
    if (ImGui::BeginTabItem(title, nullptr, flags)) {
      ImGui::BeginChild("panel", ImVec2(0, -status_room(s)));
      group_tabs(s, group, group == PanelGroup::Tutorial ? "chapters" : "questions");
      ImGui::EndChild();
      ImGui::EndTabItem();
    }
  }
}

void lesson_button(AppState& s) {
  LessonState& l = s.chapters.lesson;
  if (l.active) return;
  const char* label = "Lesson: walk through the tutorial";
  ImGui::SameLine(std::max(ImGui::GetCursorPosX() + 20,
                           ImGui::GetWindowContentRegionMax().x - ImGui::CalcTextSize(label).x - 2 * ImGui::GetStyle().FramePadding.x));
  if (ImGui::SmallButton(label)) l.active = true;
}

void lesson_view(AppState& s) {
  LessonState& l = s.chapters.lesson;
  const std::vector<Panel>& steps = lesson_steps();
  l.step = std::clamp(l.step, 0, static_cast<int>(steps.size()) - 1);
  auto remember = [](float* rect) {
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    rect[0] = a.x;
    rect[1] = a.y;
    rect[2] = b.x - a.x;
    rect[3] = b.y - a.y;
  };
  ImGui::BeginDisabled(l.step == 0);
  if (ImGui::Button("< Back", ImVec2(90, 0))) --l.step;
  ImGui::EndDisabled();
  remember(l.back_button);
  ImGui::SameLine();
  ImGui::BeginDisabled(l.step + 1 >= static_cast<int>(steps.size()));
  if (ImGui::Button("Next >", ImVec2(90, 0))) ++l.step;
  ImGui::EndDisabled();
  remember(l.next_button);
  l.step = std::clamp(l.step, 0, static_cast<int>(steps.size()) - 1);
  const PanelInfo& info = panel_info(steps[static_cast<std::size_t>(l.step)]);
  s.panel = info.panel;
  ImGui::SameLine();
  ImGui::Text("Lesson, step %d of %d: %s", l.step + 1, static_cast<int>(steps.size()), info.title);
  ImGui::SameLine();
  const char* leave = "Leave the lesson";
  ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX() + 10, ImGui::GetWindowContentRegionMax().x -
                                                                 ImGui::CalcTextSize(leave).x - 2 * ImGui::GetStyle().FramePadding.x));
  if (ImGui::Button(leave)) l.active = false;
  const float wrap = ImGui::GetContentRegionAvail().x - 24;
  const float text_h = ImGui::CalcTextSize(info.lesson, nullptr, false, wrap).y + 16;
  ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(34, 44, 60, 255));
  ImGui::BeginChild("lesson_text", ImVec2(0, text_h), true, ImGuiWindowFlags_NoScrollbar);
  ImGui::TextWrapped("%s", info.lesson);
  ImGui::EndChild();
  ImGui::PopStyleColor();
  ImGui::BeginChild("lesson_panel", ImVec2(0, -status_room(s)));
  info.draw(s);
  ImGui::EndChild();
}

void embedded_view(AppState& s) {
  const PanelInfo& info = panel_info(s.panel);
  ImGui::TextDisabled("Digit Lab: %s", info.title);
  ImGui::BeginChild("embedded", ImVec2(0, s.notice_is_error ? -ImGui::GetTextLineHeightWithSpacing() * 2.2f : 0));
  info.draw(s);
  ImGui::EndChild();
  if (s.notice_is_error) ImGui::TextColored(ImVec4(1, 0.45f, 0.45f, 1), "%s", s.notice.c_str());
}

// [SECTION] Work per frame

void advance_chapters(AppState& s, double budget_seconds) {
  ChapterState& c = s.chapters;
  const auto started = std::chrono::steady_clock::now();
  if (s.data.train && s.data.test) {
    if (c.logistic.autorun) start_logistic_runs(s);
    if (c.scaling.autorun) start_scaling_runs(s);
    if (c.poly.autorun) start_poly_runs(s);
    if (c.test_size.autorun) start_test_size_runs(s);
    if (c.imbalance.autorun) start_imbalance_runs(s);
    if (c.augment.autorun) start_augment_runs(s);
    if (c.weights.autorun) start_weights_run(s);
  }
  auto queue = [&](RunQueue& q) { return [&q](double budget) { return q.step(budget); }; };
  auto own = [&](bool (*fn)(AppState&, double)) { return [&s, fn](double budget) { return fn(s, budget); }; };
  const std::pair<Panel, std::function<bool(double)>> workers[] = {
      {Panel::Mnist, own(advance_mnist)},          {Panel::Scaling, own(advance_scaling)},
      {Panel::Pca, own(advance_pca)},              {Panel::Weights, own(advance_weights)},
      {Panel::Weights, queue(c.weights.run)},      {Panel::Logistic, queue(c.logistic.runs)},
      {Panel::Scaling, queue(c.scaling.runs)},     {Panel::Poly, queue(c.poly.runs)},
      {Panel::TestSize, queue(c.test_size.runs)},  {Panel::Imbalance, queue(c.imbalance.runs)},
      {Panel::Augment, own(advance_augment)},
  };
  // The visible panel's work first, then anything else waiting; one piece per frame.
  auto measure = [&](Panel panel) {
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    ++c.work_slices;
    if (ms > 50) ++c.slow_slices;
    if (ms > c.longest_work_ms) {
      c.longest_work_ms = ms;
      c.longest_work = panel_key(panel);
    }
  };
  // A chapter's work that throws (no memory, a bug) stops, alone: the notice says so
  // and the rest of the page goes on.
  auto attempt = [&](Panel panel, const std::function<bool(double)>& work) {
    if (std::find(c.stalled.begin(), c.stalled.end(), static_cast<int>(panel)) != c.stalled.end()) return false;
    try {
      if (take_fault(s, "chapter")) throw std::runtime_error("a fault injected by window.digitlab.injectFault");
      return work(budget_seconds);
    } catch (const std::exception& error) {
      c.stalled.push_back(static_cast<int>(panel));
      set_notice(s, std::string("the ") + panel_key(panel) + " chapter's work stopped: " + failure_text(error) +
                        ". The rest of the page is unaffected; reload to run it again.",
                 true);
      return true;
    }
  };
  for (const auto& [panel, work] : workers)
    if (panel == s.panel && attempt(panel, work)) return measure(panel);
  for (const auto& [panel, work] : workers)
    if (panel != s.panel && attempt(panel, work)) return measure(panel);
}

// [SECTION] Settings from a URL query

namespace {

std::string url_decode(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out += ' ';
    } else if (text[i] == '%' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
               std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      out += static_cast<char>(std::strtol(text.substr(i + 1, 2).c_str(), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

bool to_number(const std::string& text, double& out) {
  char* end = nullptr;
  out = std::strtod(text.c_str(), &end);
  return !text.empty() && end && *end == '\0' && std::isfinite(out);
}

}  // namespace

void apply_query(AppState& s, const std::string& raw) {
  ChapterState& c = s.chapters;
  std::string query = raw;
  if (!query.empty() && query[0] == '?') query.erase(0, 1);
  c.query = query;
  std::string bad;
  int panel = -1;
  bool embed = true, run = false;
  constexpr int kUnset = -3;  // no guess= in the query
  int guess = kUnset;         // an answer's index, or "skip" (kSkipped), "none" (kNoGuess)
  std::stringstream items(query);
  for (std::string item; std::getline(items, item, '&');) {
    const auto eq = item.find('=');
    const std::string key = url_decode(item.substr(0, eq)), value = eq == std::string::npos ? "" : url_decode(item.substr(eq + 1));
    double x = 0;
    const bool number = to_number(value, x);
    auto count = [&](int low, int high) { return std::clamp(static_cast<int>(std::lround(x)), low, high); };
    auto unit = [&](float low, float high) { return std::clamp(static_cast<float>(x), low, high); };
    if (key.empty()) continue;
    if (key == "panel") {
      panel = panel_from_key(value);
      if (panel < 0) bad += " panel=" + value;
    } else if (key == "embed") {
      embed = value != "0" && value != "false";
    } else if (key == "run") {
      run = value != "0" && value != "false";
    } else if (key == "lesson") {
      LessonState& l = c.lesson;
      if (value == "off" || value == "0") l.active = false;
      else if (value == "next") ++l.step;
      else if (value == "back") --l.step;
      else if (number) { l.active = true; l.step = count(1, static_cast<int>(lesson_steps().size())) - 1; }
      else l.active = true;
      l.step = std::clamp(l.step, 0, static_cast<int>(lesson_steps().size()) - 1);
    } else if (key == "guess") {
      guess = value == "skip" ? kSkipped : value == "none" ? kNoGuess : number ? count(0, 2) : kUnset;
      if (guess == kUnset) bad += " guess=" + value;
    } else if (key == "colormap") {
      if (!parse_colormap(value, c.colormap)) bad += " colormap=" + value;
    } else if (!number) {
      if (key == "solver") c.logistic.solver = value == "minibatch" ? 1 : 0;
      else if (key == "scaling") c.logistic.scaling = value == "none" ? 0 : value == "standard" ? 1 : 2;
      else if (key == "sizes") {
        std::vector<double> sizes;
        std::stringstream list(value);
        for (std::string part; std::getline(list, part, ',');)
          if (to_number(part, x) && x > 0 && x < 1) sizes.push_back(x);
        if (!sizes.empty()) c.test_size.sizes = sizes; else bad += " sizes=" + value;
      } else bad += " " + key + "=" + value;
    } else if (key == "threshold") {
      c.sigmoid.threshold = c.threshold.threshold = unit(0.01f, 0.99f);
    } else if (key == "scale") {
      c.sigmoid.weight_scale = unit(0.05f, 5.0f);
      c.sigmoid.dirty = true;
    } else if (key == "seed") {
      c.sigmoid.seed = count(0, 1 << 30);
      c.sigmoid.dirty = true;
    } else if (key == "digit") {
      c.metrics.digit = c.threshold.digit = c.imbalance.digit = count(0, 9);
      c.mnist.histogram_digit = count(-1, 9);
    } else if (key == "components") {
      c.pca.components = count(1, PcaChapter::kMaxComponents);
      c.poly.components = count(2, 60);
    } else if (key == "subset") {
      c.logistic.subset = c.scaling.subset = c.poly.subset = c.imbalance.subset = c.augment.subset = count(100, 60000);
      c.weights.subset = c.test_size.pool = count(100, 60000);
    } else if (key == "max_iter") {
      c.logistic.max_iter = c.scaling.max_iter = c.poly.max_iter = c.weights.max_iter = c.test_size.max_iter =
          c.imbalance.max_iter = c.augment.max_iter = count(1, 5000);
    } else if (key == "seeds") {
      c.test_size.seeds = count(1, 10);
    } else if (key == "keep") {
      c.imbalance.keep = unit(0.0f, 1.0f);
    } else if (key == "rotation") {
      c.augment.settings.max_rotation_degrees = unit(0, 90);
    } else if (key == "shift") {
      c.augment.settings.max_shift = count(0, 8);
    } else if (key == "noise") {
      c.augment.settings.noise_sigma = unit(0, 255);
    } else if (key == "copies") {
      c.augment.settings.copies = count(1, 8);
    } else if (key == "C") {
      c.weights.C = unit(1e-4f, 1e4f);
    } else if (key == "source") {
      c.weights.source = count(0, 1);
    } else if (key == "tp") c.metrics.tp = count(0, 1000000);
    else if (key == "fn") c.metrics.fn = count(0, 1000000);
    else if (key == "fp") c.metrics.fp = count(0, 1000000);
    else if (key == "tn") c.metrics.tn = count(0, 1000000);
    else if (key == "details") s.train.details = count(0, 1) == 1;  // the Train panel's Details
    else if (key == "spam_tp") c.metrics.spam_tp = count(0, 1000000);
    else if (key == "spam_fn") c.metrics.spam_fn = count(0, 1000000);
    else if (key == "spam_fp") c.metrics.spam_fp = count(0, 1000000);
    else if (key == "spam_tn") c.metrics.spam_tn = count(0, 1000000);
  }
  if (panel >= 0) {
    c.embedded = embed;
    if (embed) s.panel = static_cast<Panel>(panel);
    else s.requested_panel = panel;
    c.lesson.active = c.lesson.active && !embed;
  }
  if (guess != kUnset) {  // the question shown, or the one named by panel=
    const Panel target = panel >= 0 ? static_cast<Panel>(panel) : s.panel;
    for (auto [question, slot] : {std::pair<Panel, int*>{Panel::Threshold, &c.threshold.guess}, {Panel::TestSize, &c.test_size.guess},
                                  {Panel::Imbalance, &c.imbalance.guess}, {Panel::Augment, &c.augment.guess},
                                  {Panel::Confusions, &c.confusions.guess}})
      if (question == target) *slot = guess;
  }
  if (run) {
    const Panel target = panel >= 0 ? static_cast<Panel>(panel) : s.panel;
    c.logistic.autorun |= target == Panel::Logistic;
    c.scaling.autorun |= target == Panel::Scaling;
    c.poly.autorun |= target == Panel::Poly;
    c.test_size.autorun |= target == Panel::TestSize;
    c.imbalance.autorun |= target == Panel::Imbalance;
    c.augment.autorun |= target == Panel::Augment;
    c.weights.autorun |= target == Panel::Weights;
  }
  if (!bad.empty()) set_notice(s, "not understood in the address:" + bad, true);
  install_chapter_results(s);  // an empty experiment at its defaults shows its precomputed result
}

// [SECTION] state()

void write_chapters_json(JsonWriter& j, const AppState& s) {
  const ChapterState& c = s.chapters;
  const LessonState& l = c.lesson;
  j.key("embedded").value(c.embedded).key("query").value(c.query).key("colormap").value(colormap_key(c.colormap));
  j.key("chapter_work").begin_object().key("longest_ms").value(c.longest_work_ms).key("panel").value(c.longest_work)
      .key("slices").value(c.work_slices).key("over_50_ms").value(c.slow_slices).end_object();
  j.key("lesson").begin_object().key("active").value(l.active).key("step").value(l.step + 1)
      .key("steps").value(static_cast<int>(lesson_steps().size()))
      .key("panel").value(panel_key(lesson_steps()[static_cast<std::size_t>(std::clamp(l.step, 0, static_cast<int>(lesson_steps().size()) - 1))]));
  for (const auto& [name, rect] : {std::pair<const char*, const float*>{"next_button", l.next_button}, {"back_button", l.back_button}})
    j.key(name).begin_object().key("x").value(static_cast<double>(rect[0])).key("y").value(static_cast<double>(rect[1]))
        .key("w").value(static_cast<double>(rect[2])).key("h").value(static_cast<double>(rect[3])).end_object();
  j.end_object();
  j.key("chapter_results");
  chapter_results_json(j, s);
  j.key("chapters").begin_object();
  const std::pair<const char*, void (*)(JsonWriter&, const AppState&)> parts[] = {
      {"mnist", mnist_json},         {"looking", looking_json},     {"sigmoid", sigmoid_json},
      {"logistic", logistic_json},   {"metrics", metrics_json},     {"scaling", scaling_json},
      {"pca", pca_json},             {"poly", poly_json},           {"weights", weights_json},
      {"threshold", threshold_json}, {"test_size", test_size_json}, {"imbalance", imbalance_json},
      {"augment", augment_json},     {"confusions", confusions_json},   {"not_yet", not_yet_json}};
  for (const auto& [name, write] : parts) {
    j.key(name);
    write(j, s);
  }
  j.end_object();
}

}  // namespace digitlab::app
