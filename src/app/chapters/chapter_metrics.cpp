// Chapter 5, "Metrics": accuracy, precision, recall and F1 read off a confusion matrix,
// first the tutorial's 2x2 medical test (editable), then one digit against the rest of
// the page's model's 10x10 matrix.
#include <algorithm>
#include <cstdio>
#include <functional>
#include <optional>
#include <string>

#include "app/chapters/chapters.hpp"
#include "app/widgets/widgets.hpp"
#include "app/widgets/layout.hpp"
#include "app/widgets/glossary_ui.hpp"

namespace digitlab::app {

struct MetricsChapter : ChapterData {
  int tp = 50, fn = 10, fp = 5, tn = 35;  // the tutorial's medical example
  // A made-up spam filter on 100 emails: spam is the positive class.
  int spam_tp = 40, spam_fn = 8, spam_fp = 3, spam_tn = 49;
  int digit = 5;                          // the model's 10x10 matrix, one digit against the rest
};

namespace {

const ImU32 kTp = IM_COL32(70, 150, 80, 255), kFn = IM_COL32(200, 130, 40, 255), kFp = IM_COL32(190, 70, 70, 255),
            kTn = IM_COL32(55, 60, 70, 255);

// A glossary term in `color` (the legend's colours match the cells').
void colored_term(GlossaryState& g, Term term, const char* text, ImU32 color) {
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  glossary_term(g, term, text);
  ImGui::PopStyleColor();
}

void formulas(GlossaryState& g, const char* id, const BinaryCounts& c) {
  const BinaryScores s = binary_scores(c);
  // On a phone the formula and its numbers share a column, one above the other.
  const std::string narrow_id = std::string(id) + "-narrow";
  const bool narrow = !fitted_table_fits(id);
  const ImGuiTableFlags flags = ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_NoHostExtendX | ImGuiTableFlags_RowBg;
  if (!begin_fitted_table(narrow ? narrow_id.c_str() : id, narrow ? 3 : 4, flags)) return;
  ImGui::PushTextWrapPos(-1.0f);  // numbers stay on one line, whatever the note around them wraps at
  auto row = [&g, narrow](Term term, const char* formula, const std::string& numbers, double value) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    glossary_term(g, term);
    ImGui::TableNextColumn();
    ImGui::TextDisabled("%s", formula);
    if (!narrow) ImGui::TableNextColumn();
    ImGui::TextUnformatted(numbers.c_str());
    ImGui::TableNextColumn();
    ImGui::Text("%.3f", value);
  };
  auto text = [](const char* format, auto... values) {
    char buffer[96];
    std::snprintf(buffer, sizeof buffer, format, values...);
    return std::string(buffer);
  };
  // Counts with thousands separators, as the rest of the page writes them ("9,077").
  const auto n = [](long long v) { return thousands(v); };
  row(Term::Accuracy, "(TP + TN) / all", "(" + n(c.tp) + " + " + n(c.tn) + ") / " + n(c.total()), s.accuracy);
  row(Term::Precision, "TP / (TP + FP)", n(c.tp) + " / " + n(c.tp + c.fp), s.precision);
  row(Term::Recall, "TP / (TP + FN)", n(c.tp) + " / " + n(c.tp + c.fn), s.recall);
  row(Term::F1, "2 P R / (P + R)", text("2 x %.3f x %.3f / %.3f", s.precision, s.recall, s.precision + s.recall), s.f1);
  row(Term::Specificity, "TN / (TN + FP)", n(c.tn) + " / " + n(c.tn + c.fp), s.specificity);
  ImGui::PopTextWrapPos();
  end_fitted_table();
}

// The example's note, every number from the cells as they are now.
std::string medical_note(const MetricsChapter& m) {
  char text[400];
  std::snprintf(text, sizeof text,
                "Recall asks how many of the ill the test finds: it misses %d of the %d ill people here (FN). "
                "Precision asks how many of its alarms are real: %d of its %d alarms are false (FP). A screening "
                "test wants high recall; a test that triggers surgery wants high precision. F1 is high only when "
                "both are.",
                m.fn, m.tp + m.fn, m.fp, m.tp + m.fp);
  return text;
}

// A count's field in a 2x2 table: room for five digits, with its - and + beside it, or
// where the line has no room for the table so (a phone) the - and + under the field.
float count_field_width() { return ImGui::CalcTextSize("00000").x + 2 * ImGui::GetStyle().FramePadding.x; }
float count_width() {
  const ImGuiStyle& style = ImGui::GetStyle();
  return count_field_width() + 2 * (ImGui::GetFrameHeight() + style.ItemInnerSpacing.x) + ImGui::CalcTextSize("TP").x +
         style.ItemInnerSpacing.x;
}
// Whether the table (its rows' names, `row_names` the longer, and two counts) is wider
// than the line: measured here, as its cells' widths change with the shape they take.
bool narrow_line(const char* row_names) {
  const ImGuiStyle& style = ImGui::GetStyle();
  return ImGui::CalcTextSize(row_names).x + 2 * count_width() + 6 * style.CellPadding.x + style.ScrollbarSize + 4 >
         ImGui::GetContentRegionAvail().x;
}

// The count's field with its label unwrapped (a squeezed table wraps its text at the
// column's edge, and the label, which InputInt draws as text, broke into "T" over "P").
// `on_field` runs just after the field, for its tooltip. Squeezed, the field, its - and +
// and its label side by side were wider than a phone's column (the label cut to "T", the
// number to "5(" with a finger's larger buttons), so the - and + go on a line below.
bool count_input(const char* id, int* value, bool narrow, const std::function<void()>& on_field = {}) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float label = ImGui::CalcTextSize(id, nullptr, true).x + style.ItemInnerSpacing.x;
  bool changed = false;
  ImGui::PushTextWrapPos(-1.0f);
  if (!narrow) {
    ImGui::SetNextItemWidth(count_width() - label);
    changed = ImGui::InputInt(id, value, 1, 10);
    if (on_field) on_field();
  } else {
    const float field = count_field_width(), button = ImGui::GetFrameHeight();
    cell_keeps(std::max(field + label, 2 * button + style.ItemInnerSpacing.x));
    ImGui::SetNextItemWidth(field);
    changed = ImGui::InputInt(id, value, 0, 0);
    if (on_field) on_field();
    ImGui::PushID(id);
    if (ImGui::Button("-", ImVec2(button, button))) { --*value; changed = true; }
    ImGui::SameLine(0, style.ItemInnerSpacing.x);
    if (ImGui::Button("+", ImVec2(button, button))) { ++*value; changed = true; }
    ImGui::PopID();
  }
  ImGui::PopTextWrapPos();
  if (changed) *value = std::clamp(*value, 0, 100000);
  return changed;
}

void medical_example(GlossaryState& g, MetricsChapter& m) {
  // The cells can be edited: the total is theirs (100 at the tutorial's numbers).
  const MetricsChapter tutorial;
  const bool as_tutorial = m.tp == tutorial.tp && m.fn == tutorial.fn && m.fp == tutorial.fp && m.tn == tutorial.tn;
  char title[120];
  std::snprintf(title, sizeof title, "A medical test on %s people (the tutorial's example%s)",
                thousands(static_cast<long long>(m.tp) + m.fn + m.fp + m.tn).c_str(), as_tutorial ? "" : ", changed");
  heading(title);
  const bool narrow = narrow_line("actually healthy");  // the line's width, not a cell's
  if (begin_fitted_table("twobytwo", 3, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_NoHostExtendX)) {
    fitted_column("");
    fitted_column("predicted ill");
    fitted_column("predicted healthy");
    ImGui::TableHeadersRow();
    auto cell = [&g, narrow](const char* id, int* value, ImU32 color, Term term) {
      ImGui::TableNextColumn();
      ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, color);
      count_input(id, value, narrow, [&g, term] { glossary_tooltip(g, term); });
    };
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    cell_text_unformatted("actually ill");
    cell("TP", &m.tp, kTp, Term::TruePositive);
    cell("FN", &m.fn, kFn, Term::FalseNegative);
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    cell_text_unformatted("actually healthy");
    cell("FP", &m.fp, kFp, Term::FalsePositive);
    cell("TN", &m.tn, kTn, Term::TrueNegative);
    end_fitted_table();
  }
  if (ImGui::Button("Back to 50 / 10 / 5 / 35")) {
    m.tp = 50;
    m.fn = 10;
    m.fp = 5;
    m.tn = 35;
  }
  formulas(g, "example-formulas", {m.tp, m.fp, m.fn, m.tn});
  note(medical_note(m).c_str());
}

// A made-up spam filter beside the medical test: the tutorial's "Why might recall be
// particularly important in certain applications, like medical diagnosis or spam
// detection?" The notes read the live cells.
void spam_example(GlossaryState& g, MetricsChapter& m) {
  char title[80];
  std::snprintf(title, sizeof title, "A spam filter on %s emails (made up)",
                thousands(static_cast<long long>(m.spam_tp) + m.spam_fn + m.spam_fp + m.spam_tn).c_str());
  heading(title);
  const bool narrow = narrow_line("real email");
  if (begin_fitted_table("spam", 3, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_NoHostExtendX)) {
    fitted_column("");
    fitted_column("sent to spam");
    fitted_column("sent to inbox");
    ImGui::TableHeadersRow();
    auto cell = [narrow](const char* id, int* value, ImU32 color) {
      ImGui::TableNextColumn();
      ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, color);
      count_input(id, value, narrow);
    };
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    cell_text_unformatted("spam");
    cell("TP##spam", &m.spam_tp, kTp);
    cell("FN##spam", &m.spam_fn, kFn);
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    cell_text_unformatted("real email");
    cell("FP##spam", &m.spam_fp, kFp);
    cell("TN##spam", &m.spam_tn, kTn);
    end_fitted_table();
  }
  const BinaryScores s = binary_scores({m.spam_tp, m.spam_fp, m.spam_fn, m.spam_tn});
  formulas(g, "spam-formulas", {m.spam_tp, m.spam_fp, m.spam_fn, m.spam_tn});
  char text[600];
  std::snprintf(text, sizeof text,
                "This filter lets %d spam emails through to the inbox (recall %.3f) and hides %d real emails in the "
                "spam folder (precision %.3f). A spam let through costs a moment to delete; a real email hidden "
                "can cost an answer never given. So here the false positives (%d) are the costly error and "
                "precision matters more, while in the medical test the missed patients (%d there) are the costly "
                "error and recall matters more.",
                m.spam_fn, s.recall, m.spam_fp, s.precision, m.spam_fp, m.fn);
  note(text);
}

void digit_matrix(AppState& app, float cell) {
  MetricsChapter& m = app.chapters.get<MetricsChapter>();
  const std::optional<Term> marked = glossary_cells_term(app.glossary);  // a hovered term's cells
  const ConfusionMatrix& cm = app.eval.confusion;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float label = matrix_label_width();
  ImGui::Dummy(ImVec2(label + 10 * cell, label + 10 * cell));
  matrix_axis_labels(draw, origin, cell, 10);
  for (int t = 0; t < 10; ++t)
    for (int p = 0; p < 10; ++p) {
      const ImVec2 a(origin.x + label + p * cell, origin.y + label + t * cell), b(a.x + cell - 1, a.y + cell - 1);
      const ImU32 color = t == m.digit && p == m.digit ? kTp : t == m.digit ? kFn : p == m.digit ? kFp : kTn;
      draw->AddRectFilled(a, b, color);
      if (marked && term_marks_cell(*marked, m.digit, t, p)) draw->AddRect(a, b, IM_COL32(240, 60, 200, 255), 0, 0, 3.0f);
      // A zero is dimmer than a count, but still readable on the digit's red and orange cells.
      const bool coloured = t == m.digit || p == m.digit;
      cell_number(draw, a, cell, cm(t, p), cm(t, p) ? IM_COL32(235, 235, 235, 255)
                                           : coloured ? IM_COL32(240, 240, 240, 170) : IM_COL32(120, 120, 120, 255));
    }
}

void model_matrix(AppState& app) {
  MetricsChapter& m = app.chapters.get<MetricsChapter>();
  heading("One digit against the rest of the model's 10x10 matrix");
  if (!app.eval.ready) {
    ImGui::TextDisabled("Waiting for the page's model to be evaluated on the %s.", evaluated_items(app).c_str());
    return;
  }
  evaluated_on_note(app);
  ImGui::SetNextItemWidth(160);
  ImGui::SliderInt("digit", &m.digit, 0, 9);
  GlossaryState& g = app.glossary;
  colored_term(g, Term::TruePositive, "TP", IM_COL32(120, 210, 130, 255));
  same_line_if_fits("FN (its row)");
  colored_term(g, Term::FalseNegative, "FN (its row)", IM_COL32(235, 165, 70, 255));
  same_line_if_fits("FP (its column)");
  colored_term(g, Term::FalsePositive, "FP (its column)", IM_COL32(235, 110, 110, 255));
  same_line_if_fits("TN: the rest");
  glossary_term(g, Term::TrueNegative, "TN: the rest");
  same_line_if_fits("support: its row's sum");
  glossary_term(g, Term::Support, "support: its row's sum");
  const char* hint = "Rows true, columns predicted; hover or tap a term to mark its cells.";
  same_line_if_fits(hint);
  ImGui::TextDisabled("%s", hint);
  // On a wide screen small enough that the matrix and the lines under it fit the window's
  // height; on a phone (which scrolls) as wide as the line, so four-digit counts stay legible.
  const ImVec2 room = ImGui::GetContentRegionAvail();
  const float across = (room.x - matrix_label_width()) / 10;
  const float cell = std::clamp(room.x < 500 ? across : std::min(room.x / 11.5f, (room.y - 190) / 11), 26.0f, 44.0f);
  digit_matrix(app, cell);
  const BinaryCounts c = one_vs_rest(app.eval.confusion, m.digit);
  ImGui::Text("digit %d: TP %s, FN %s, FP %s, TN %s; support %s", m.digit, thousands(c.tp).c_str(), thousands(c.fn).c_str(),
              thousands(c.fp).c_str(), thousands(c.tn).c_str(), thousands(c.tp + c.fn).c_str());
  formulas(g, "digit-formulas", c);
  ImGui::Text("All ten at once: accuracy = trace / total = %s / %s = %.4f",
              thousands(app.eval.confusion.trace()).c_str(), thousands(app.eval.confusion.sum()).c_str(),
              app.eval.report.accuracy);
}

}  // namespace

static void draw_metrics(AppState& app) {
  // The example beside the model's matrix where there is room (a phone: one above the other).
  const float avail = ImGui::GetContentRegionAvail().x;
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::min(440.0f, avail));
  medical_example(app.glossary, app.chapters.get<MetricsChapter>());
  ImGui::Spacing();
  spam_example(app.glossary, app.chapters.get<MetricsChapter>());
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
  if (avail >= 440 + 30 + 11.5f * 26)
    ImGui::SameLine(0, 30);
  else
    ImGui::Separator();
  ImGui::BeginGroup();
  model_matrix(app);
  ImGui::EndGroup();
}

static void metrics_json(JsonWriter& j, const AppState& app) {
  const MetricsChapter& m = app.chapters.get<MetricsChapter>();
  const BinaryCounts example{m.tp, m.fp, m.fn, m.tn};
  const BinaryScores s = binary_scores(example);
  j.begin_object().key("example").begin_object().key("tp").value(m.tp).key("fn").value(m.fn).key("fp").value(m.fp)
      .key("tn").value(m.tn).key("accuracy").value(s.accuracy).key("precision").value(s.precision)
      .key("recall").value(s.recall).key("f1").value(s.f1).key("note").value(medical_note(m)).end_object();
  const BinaryScores spam = binary_scores({m.spam_tp, m.spam_fp, m.spam_fn, m.spam_tn});
  j.key("spam").begin_object().key("tp").value(m.spam_tp).key("fn").value(m.spam_fn).key("fp").value(m.spam_fp)
      .key("tn").value(m.spam_tn).key("precision").value(spam.precision).key("recall").value(spam.recall)
      .key("f1").value(spam.f1).end_object();
  j.key("digit").value(m.digit);
  if (app.eval.ready) {
    const BinaryCounts c = one_vs_rest(app.eval.confusion, m.digit);
    const BinaryScores d = binary_scores(c);
    j.key("digit_counts").begin_object().key("tp").value(c.tp).key("fn").value(c.fn).key("fp").value(c.fp)
        .key("tn").value(c.tn).key("precision").value(d.precision).key("recall").value(d.recall).end_object();
  }
  j.end_object();
}


// [SECTION] Registry entry (chapter_registry.cpp)

static bool apply_setting(AppState& app, const Setting& s) {
  MetricsChapter& c = app.chapters.get<MetricsChapter>();
  if (!s.is_number) return false;
  int* const counts[] = {&c.tp, &c.fn, &c.fp, &c.tn, &c.spam_tp, &c.spam_fn, &c.spam_fp, &c.spam_tn};
  const char* const names[] = {"tp", "fn", "fp", "tn", "spam_tp", "spam_fn", "spam_fp", "spam_tn"};
  for (int i = 0; i < 8; ++i)
    if (s.key == names[i]) {
      *counts[i] = s.rounded(0, 1000000);
      return true;
    }
  if (s.key != "digit") return false;
  c.digit = s.rounded(0, 9);
  return true;
}

// Its URL keys that differ from the defaults, for the page's address.
static void write_settings(const AppState& app, std::vector<KeyValue>& out) {
  const MetricsChapter& c = app.chapters.get<MetricsChapter>();
  const MetricsChapter defaults;
  const std::pair<const char*, int MetricsChapter::*> counts[] = {
      {"tp", &MetricsChapter::tp},           {"fn", &MetricsChapter::fn},           {"fp", &MetricsChapter::fp},
      {"tn", &MetricsChapter::tn},           {"spam_tp", &MetricsChapter::spam_tp}, {"spam_fn", &MetricsChapter::spam_fn},
      {"spam_fp", &MetricsChapter::spam_fp}, {"spam_tn", &MetricsChapter::spam_tn}, {"digit", &MetricsChapter::digit}};
  for (const auto& [key, member] : counts) write_if_changed(out, key, c.*member, defaults.*member);
}

ChapterDef metrics_chapter() {
  ChapterDef c;
  c.key = "metrics";
  c.title = "5 Metrics";
  c.group = PanelGroup::Tutorial;
  c.lesson =
      "Accuracy counts the right answers but hides which mistakes were made. Sort the answers into hits, misses, "
      "false alarms and correct rejections, and precision, recall and F1 follow from four numbers. Change the "
      "medical example, then read the same four numbers for one digit of the real model.";
  c.make_state = state_of<MetricsChapter>;
  c.draw = draw_metrics;
  c.json = metrics_json;
  c.apply_setting = apply_setting;
  c.write_settings = write_settings;
  return c;
}

}  // namespace digitlab::app
