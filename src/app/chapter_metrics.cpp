// Chapter 5, "Metrics": accuracy, precision, recall and F1 read off a confusion matrix,
// first the tutorial's 2x2 medical test (editable), then one digit against the rest of
// the page's model's 10x10 matrix.
#include <algorithm>
#include <cstdio>

#include "chapters.hpp"

namespace digitlab::app {

namespace {

const ImU32 kTp = IM_COL32(70, 150, 80, 255), kFn = IM_COL32(200, 130, 40, 255), kFp = IM_COL32(190, 70, 70, 255),
            kTn = IM_COL32(55, 60, 70, 255);

void formulas(const char* id, const BinaryCounts& c) {
  const BinaryScores s = binary_scores(c);
  if (!ImGui::BeginTable(id, 4, ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_NoHostExtendX | ImGuiTableFlags_RowBg)) return;
  auto row = [](const char* name, const char* formula, const std::string& numbers, double value) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(name);
    ImGui::TableNextColumn();
    ImGui::TextDisabled("%s", formula);
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(numbers.c_str());
    ImGui::TableNextColumn();
    ImGui::Text("%.3f", value);
  };
  auto text = [](const char* format, auto... values) {
    char buffer[96];
    std::snprintf(buffer, sizeof buffer, format, values...);
    return std::string(buffer);
  };
  row("accuracy", "(TP + TN) / all", text("(%lld + %lld) / %lld", c.tp, c.tn, c.total()), s.accuracy);
  row("precision", "TP / (TP + FP)", text("%lld / %lld", c.tp, c.tp + c.fp), s.precision);
  row("recall", "TP / (TP + FN)", text("%lld / %lld", c.tp, c.tp + c.fn), s.recall);
  row("F1", "2 P R / (P + R)", text("2 x %.3f x %.3f / %.3f", s.precision, s.recall, s.precision + s.recall), s.f1);
  row("specificity", "TN / (TN + FP)", text("%lld / %lld", c.tn, c.tn + c.fp), s.specificity);
  ImGui::EndTable();
}

void medical_example(MetricsChapter& m) {
  heading("A medical test on 100 people (the tutorial's example)");
  if (ImGui::BeginTable("twobytwo", 3, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_NoHostExtendX)) {
    ImGui::TableSetupColumn("");
    ImGui::TableSetupColumn("predicted ill");
    ImGui::TableSetupColumn("predicted healthy");
    ImGui::TableHeadersRow();
    auto cell = [](const char* id, int* value, ImU32 color) {
      ImGui::TableNextColumn();
      ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, color);
      ImGui::SetNextItemWidth(110);
      if (ImGui::InputInt(id, value, 1, 10)) *value = std::clamp(*value, 0, 100000);
    };
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted("actually ill");
    cell("TP", &m.tp, kTp);
    cell("FN", &m.fn, kFn);
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted("actually healthy");
    cell("FP", &m.fp, kFp);
    cell("TN", &m.tn, kTn);
    ImGui::EndTable();
  }
  if (ImGui::Button("Back to 50 / 10 / 5 / 35")) {
    m.tp = 50;
    m.fn = 10;
    m.fp = 5;
    m.tn = 35;
  }
  formulas("example-formulas", {m.tp, m.fp, m.fn, m.tn});
  note("Recall asks how many of the ill the test finds (10 missed here); precision asks how many of its "
       "alarms are real (5 false). A screening test wants high recall; a test that triggers surgery wants "
       "high precision. F1 is high only when both are.");
}

// A made-up spam filter beside the medical test: the tutorial's "Why might recall be
// particularly important in certain applications, like medical diagnosis or spam
// detection?" The notes read the live cells.
void spam_example(MetricsChapter& m) {
  char title[80];
  std::snprintf(title, sizeof title, "A spam filter on %s emails (made up)",
                thousands(static_cast<long long>(m.spam_tp) + m.spam_fn + m.spam_fp + m.spam_tn).c_str());
  heading(title);
  if (ImGui::BeginTable("spam", 3, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_NoHostExtendX)) {
    ImGui::TableSetupColumn("");
    ImGui::TableSetupColumn("sent to spam");
    ImGui::TableSetupColumn("sent to inbox");
    ImGui::TableHeadersRow();
    auto cell = [](const char* id, int* value, ImU32 color) {
      ImGui::TableNextColumn();
      ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, color);
      ImGui::SetNextItemWidth(110);
      if (ImGui::InputInt(id, value, 1, 10)) *value = std::clamp(*value, 0, 100000);
    };
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted("spam");
    cell("TP##spam", &m.spam_tp, kTp);
    cell("FN##spam", &m.spam_fn, kFn);
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted("real email");
    cell("FP##spam", &m.spam_fp, kFp);
    cell("TN##spam", &m.spam_tn, kTn);
    ImGui::EndTable();
  }
  const BinaryScores s = binary_scores({m.spam_tp, m.spam_fp, m.spam_fn, m.spam_tn});
  formulas("spam-formulas", {m.spam_tp, m.spam_fp, m.spam_fn, m.spam_tn});
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
  MetricsChapter& m = app.chapters.metrics;
  const ConfusionMatrix& cm = app.eval.confusion;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float label = ImGui::GetTextLineHeight() * 1.4f;
  ImGui::Dummy(ImVec2(label + 10 * cell, label + 10 * cell));
  for (int k = 0; k < 10; ++k) {
    char text[4];
    std::snprintf(text, sizeof text, "%d", k);
    draw->AddText(ImVec2(origin.x + label + k * cell + cell * 0.4f, origin.y), IM_COL32(200, 200, 200, 255), text);
    draw->AddText(ImVec2(origin.x + 2, origin.y + label + k * cell + cell * 0.3f), IM_COL32(200, 200, 200, 255), text);
  }
  for (int t = 0; t < 10; ++t)
    for (int p = 0; p < 10; ++p) {
      const ImVec2 a(origin.x + label + p * cell, origin.y + label + t * cell), b(a.x + cell - 1, a.y + cell - 1);
      const ImU32 color = t == m.digit && p == m.digit ? kTp : t == m.digit ? kFn : p == m.digit ? kFp : kTn;
      draw->AddRectFilled(a, b, color);
      char text[16];
      std::snprintf(text, sizeof text, "%lld", cm(t, p));
      const ImVec2 ts = ImGui::CalcTextSize(text);
      draw->AddText(ImVec2(a.x + (cell - ts.x) / 2, a.y + (cell - ts.y) / 2),
                    cm(t, p) ? IM_COL32(235, 235, 235, 255) : IM_COL32(120, 120, 120, 255), text);
    }
}

void model_matrix(AppState& app) {
  MetricsChapter& m = app.chapters.metrics;
  heading("One digit against the rest of the model's 10x10 matrix");
  if (!app.eval.ready) {
    ImGui::TextDisabled("Waiting for the page's model to be evaluated on the test digits.");
    return;
  }
  ImGui::SetNextItemWidth(160);
  ImGui::SliderInt("digit", &m.digit, 0, 9);
  ImGui::TextColored(ImColor(kTp).Value, "TP");
  ImGui::SameLine();
  ImGui::TextColored(ImColor(kFn).Value, "FN (its row)");
  ImGui::SameLine();
  ImGui::TextColored(ImColor(kFp).Value, "FP (its column)");
  ImGui::SameLine();
  ImGui::TextDisabled("TN: the rest. Rows true, columns predicted.");
  const float cell = std::clamp(std::min(ImGui::GetContentRegionAvail().x / 11.5f, (ImGui::GetContentRegionAvail().y - 190) / 11), 26.0f, 44.0f);
  digit_matrix(app, cell);
  const BinaryCounts c = one_vs_rest(app.eval.confusion, m.digit);
  ImGui::Text("digit %d: TP %lld, FN %lld, FP %lld, TN %lld", m.digit, c.tp, c.fn, c.fp, c.tn);
  formulas("digit-formulas", c);
  ImGui::Text("All ten at once: accuracy = trace / total = %s / %s = %.4f",
              thousands(app.eval.confusion.trace()).c_str(), thousands(app.eval.confusion.sum()).c_str(),
              app.eval.report.accuracy);
}

}  // namespace

void metrics_chapter(AppState& app) {
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + 440);
  medical_example(app.chapters.metrics);
  ImGui::Spacing();
  spam_example(app.chapters.metrics);
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
  ImGui::SameLine(0, 30);
  ImGui::BeginGroup();
  model_matrix(app);
  ImGui::EndGroup();
}

void metrics_json(JsonWriter& j, const AppState& app) {
  const MetricsChapter& m = app.chapters.metrics;
  const BinaryCounts example{m.tp, m.fp, m.fn, m.tn};
  const BinaryScores s = binary_scores(example);
  j.begin_object().key("example").begin_object().key("tp").value(m.tp).key("fn").value(m.fn).key("fp").value(m.fp)
      .key("tn").value(m.tn).key("accuracy").value(s.accuracy).key("precision").value(s.precision)
      .key("recall").value(s.recall).key("f1").value(s.f1).end_object();
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

}  // namespace digitlab::app
