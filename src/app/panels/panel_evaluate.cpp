// Evaluate: accuracy, the confusion matrix as a heatmap (rows true, columns
// predicted; click a cell to see its digits), precision / recall / F1 per class, and
// the misclassified digits.
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>
#include <utility>

#include "core/data/data_dir.hpp"
#include "app/widgets/glossary_ui.hpp"
#include "app/panels/panels.hpp"
#include "app/widgets/layout.hpp"
#include "app/widgets/widgets.hpp"
#include "app/work/file_status.hpp"
#include "app/work/my_drawings.hpp"

namespace digitlab::app {

namespace {

// Under the matrix: the terms it shows for one digit; hovering one marks its cells.
void term_legend(AppState& app, std::optional<Term> marked, long long marked_sum) {
  EvalState& e = app.eval;
  GlossaryState& g = app.glossary;
  // The slider's label beside it, or above it when the line is too short (a phone).
  const std::string label_text = app.classes->item + ": hover or tap a term to mark its cells";
  const char* label = label_text.c_str();
  const char* same_line_after_slider_label = nullptr;
  if (120 + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(label).x > ImGui::GetContentRegionAvail().x)
    ImGui::TextUnformatted(label);
  else
    same_line_after_slider_label = label;
  ImGui::SetNextItemWidth(120);
  ImGui::SliderInt("##term_digit", &e.term_digit, 0, 9,
                   app.classes->digits() ? "%d" : ("%d " + app.classes->name(e.term_digit)).c_str());
  if (same_line_after_slider_label) {
    ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
    ImGui::TextUnformatted(same_line_after_slider_label);
  }
  bool first = true;
  for (Term term : {Term::TruePositive, Term::FalseNegative, Term::FalsePositive, Term::TrueNegative, Term::Support,
                    Term::Accuracy}) {
    if (!first) same_line_if_fits(glossary_entry(term).name, 14);  // a phone gets two lines
    glossary_term(g, term);
    first = false;
  }
  const bool per_digit = marked && *marked != Term::Accuracy && *marked != Term::ConfusionMatrix;
  if (per_digit)
    ImGui::Text("%s for %s %s: the marked cells hold %s %s", glossary_entry(*marked).name, app.classes->item.c_str(),
                app.classes->name(e.term_digit).c_str(), with_thousands(marked_sum).c_str(),
                e.on_mine ? "drawings" : ("test " + app.classes->items).c_str());
  else if (marked)
    ImGui::Text("%s: the marked cells hold %s %s", glossary_entry(*marked).name, with_thousands(marked_sum).c_str(),
                e.on_mine ? "drawings" : ("test " + app.classes->items).c_str());
  else
    ImGui::TextDisabled(app.coarse_pointer ? "(tap TP, FN, ... or the table's headers)" : "(hover TP, FN, ... or the table's headers)");
}

void heatmap(AppState& app, float cell) {
  EvalState& e = app.eval;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float label = matrix_label_width();
  glossary_term(app.glossary, Term::ConfusionMatrix);
  text_after_item((": rows true " + app.classes->item + ", columns predicted").c_str());
  class_legend(*app.classes);  // the numbers on the axes, for Fashion-MNIST
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 grid(origin.x + label, origin.y + label);
  ImGui::InvisibleButton("heatmap", ImVec2(label + 10 * cell, label + 10 * cell));
  const bool clicked = ImGui::IsItemClicked();
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  // A glossary term hovered anywhere (the legend below, the report's headers) marks its
  // cells for the digit chosen below the matrix.
  const std::optional<Term> marked = glossary_cells_term(app.glossary);
  long long marked_sum = 0;
  long long top = 1;
  for (int t = 0; t < 10; ++t)
    for (int p = 0; p < 10; ++p) top = std::max(top, e.confusion(t, p));
  matrix_axis_labels(draw, origin, cell, 10);
  for (int t = 0; t < 10; ++t) {
    for (int p = 0; p < 10; ++p) {
      const ImVec2 a(grid.x + p * cell, grid.y + t * cell), b(a.x + cell - 1, a.y + cell - 1);
      const long long count = e.confusion(t, p);
      // Off-diagonal counts are small: a square-root scale keeps them visible.
      const float shade = std::sqrt(static_cast<float>(count) / static_cast<float>(top));
      draw->AddRectFilled(a, b, blues(shade));
      if (t == e.selected_true && p == e.selected_pred) draw->AddRect(a, b, accent_color(), 0, 0, 3.0f);
      if (marked && term_marks_cell(*marked, e.term_digit, t, p)) {
        draw->AddRect(a, b, IM_COL32(240, 60, 200, 255), 0, 0, 3.0f);
        marked_sum += count;
      }
      cell_number(draw, a, cell, count, text_color_on(blues(shade)));
      if (clicked && mouse.x >= a.x && mouse.x < b.x + 1 && mouse.y >= a.y && mouse.y < b.y + 1) {
        e.selected_true = t;
        e.selected_pred = p;
      }
    }
  }
  term_legend(app, marked, marked_sum);
}

// scikit-learn's classification_report; each header and average names a glossary term.
void report_table(GlossaryState& g, const ClassReport& r, const ClassNames& names) {
  if (!begin_fitted_table("report", 5, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit))
    return;
  const std::pair<const char*, std::optional<Term>> columns[] = {
      {names.item.c_str(), std::nullopt}, {"precision", Term::Precision}, {"recall", Term::Recall}, {"F1", Term::F1},
      {"support", Term::Support}};
  for (const auto& [name, term] : columns) fitted_column(name);
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  for (int c = 0; c < 5; ++c) {
    ImGui::TableSetColumnIndex(c);
    ImGui::TableHeader(columns[c].first);
    if (columns[c].second) glossary_tooltip(g, *columns[c].second);
  }
  auto row = [&g](const char* name, double p, double rc, double f, long long support) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    if (name == std::string("macro avg")) glossary_term(g, Term::MacroAvg);
    else if (name == std::string("weighted avg")) glossary_term(g, Term::WeightedAvg);
    else ImGui::TextUnformatted(name);
    ImGui::TableNextColumn();
    ImGui::Text("%.4f", p);
    ImGui::TableNextColumn();
    ImGui::Text("%.4f", rc);
    ImGui::TableNextColumn();
    ImGui::Text("%.4f", f);
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(with_thousands(support).c_str());
  };
  for (std::size_t c = 0; c < r.precision.size(); ++c)
    row(names.name(static_cast<int>(c)).c_str(), r.precision[c], r.recall[c], r.f1[c], r.support[c]);
  row("macro avg", r.macro.precision, r.macro.recall, r.macro.f1, r.total);
  row("weighted avg", r.weighted.precision, r.weighted.recall, r.weighted.f1, r.total);
  end_fitted_table();
}

void cell_digits(AppState& app) {
  EvalState& e = app.eval;
  if (e.selected_true < 0) {
    ImGui::TextDisabled(app.coarse_pointer ? "Tap a cell to see its %s." : "Click a cell to see its %s.", app.classes->items.c_str());
    return;
  }
  const Dataset& test = *app.eval.digits;
  std::vector<int> rows;
  for (std::size_t i = 0; i < e.job->predictions().size(); ++i)
    if (test.labels[i] == e.selected_true && e.job->predictions()[i] == e.selected_pred) rows.push_back(static_cast<int>(i));
  ImGui::Text("true %s, predicted %s: %s %s%s", app.classes->name(e.selected_true).c_str(),
              app.classes->name(e.selected_pred).c_str(), with_thousands(static_cast<long long>(rows.size())).c_str(),
              app.classes->items.c_str(), rows.size() > 60 ? " (first 60)" : "");
  if (rows.size() > 60) rows.resize(60);
  const std::string key = std::to_string(e.selected_true) + "," + std::to_string(e.selected_pred);
  if (key != e.cell_key) {
    build_atlas(e.cell_digits, test.pixels, rows);
    e.cell_key = key;
  }
  digit_grid(e.cell_digits, 40, {});
}

void misclassified_gallery(AppState& app) {
  EvalState& e = app.eval;
  const Dataset& test = *app.eval.digits;
  std::vector<int> rows(e.misclassified.begin(), e.misclassified.begin() + std::min<std::size_t>(100, e.misclassified.size()));
  if (e.wrong_key != "all") {
    build_atlas(e.wrong_digits, test.pixels, rows);
    e.wrong_key = "all";
  }
  std::vector<std::string> captions;
  for (int row : rows)
    captions.push_back(std::to_string(test.labels[static_cast<std::size_t>(row)]) + "->" +
                       std::to_string(e.job->predictions()[static_cast<std::size_t>(row)]));
  ImGui::Text("misclassified: %s of %s (first %zu below, true -> predicted)",
              with_thousands(static_cast<long long>(e.misclassified.size())).c_str(),
              with_thousands(test.size()).c_str(), rows.size());
  class_legend(*app.classes);
  digit_grid(e.wrong_digits, 48, captions);
}

}  // namespace

// MNIST's test set or the learner's own drawings (saved in the Draw panel).
void source_switch(AppState& app) {
  const int mine = app.mine.set ? app.mine.set->size() : 0;
  int source = app.eval.on_mine ? 1 : 0;
  ImGui::TextUnformatted("Evaluate on:");
  const float box = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x;  // a radio's circle
  const std::string test_set = app.classes->title + " test set###test_set";
  same_line_if_room(box + ImGui::CalcTextSize(test_set.c_str(), nullptr, true).x);
  if (ImGui::RadioButton(test_set.c_str(), &source, 0)) evaluate_on(app, false);
  if (!app.classes->digits()) return;  // the learner's drawings are digits (work/my_drawings.hpp)
  const std::string label = "my drawings (" + std::to_string(mine) + ")";
  same_line_if_room(box + ImGui::CalcTextSize(label.c_str()).x);
  if (ImGui::RadioButton(label.c_str(), &source, 1)) evaluate_on(app, true);
}

// This model's results, or the compare view (evaluate_compare.cpp).
void view_switch(AppState& app) {
  int view = app.eval.compare_view ? 1 : 0;
  const float box = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x;
  ImGui::TextUnformatted("Show:");
  same_line_if_room(box + ImGui::CalcTextSize("this model").x);
  ImGui::RadioButton("this model", &view, 0);
  const char* compare = app.model.previous ? "compare with the previous model" : "compare (no previous model yet)";
  same_line_if_room(box + ImGui::CalcTextSize(compare).x);
  ImGui::RadioButton(compare, &view, 1);
  app.eval.compare_view = view == 1;
}

void evaluate_panel(AppState& app) {
  EvalState& e = app.eval;
  source_switch(app);
  view_switch(app);
  if (e.on_mine) {
    if (!app.mine.set || app.mine.set->size() == 0) {
      ImGui::TextWrapped("No drawings saved yet: draw digits in the Draw panel and save each with its label (the "
                         "\"save as\" buttons, or the keys 0-9 on a keyboard), or import a set you exported.");
      return;
    }
    if (!app.model.pipeline) {
      ImGui::TextDisabled("Waiting for a model.");
      return;
    }
  } else if (!app.model.pipeline || !app.data.test) {
    const bool said = (!app.data.test && failed_files_line(app, {kTestImages, kTestLabels}, "Evaluate needs the test digits.")) ||
                      (!app.model.pipeline && failed_files_line(app, {kModelFile}, "Evaluate needs a model: train one in the Train panel."));
    if (!said)
      ImGui::TextDisabled("Waiting for %s.", !app.model.pipeline ? "a model" : ("the test " + app.classes->items).c_str());
    return;
  }
  if (!e.ready) {
    progress_bar(e.job ? static_cast<float>(e.job->fraction()) : 0.0f, -1,
                       e.on_mine ? "evaluating on your drawings" : ("evaluating on the test " + app.classes->items).c_str());
    return;
  }
  if (e.compare_view) {
    compare_view(app);
    return;
  }
  char accuracy_text[64];
  std::snprintf(accuracy_text, sizeof accuracy_text, "accuracy %.2f%%", 100.0 * e.report.accuracy);
  big_text(accuracy_text, 1.8f, ImGui::GetColorU32(ImGuiCol_Text));
  ImGui::Text("%s of %s", with_thousands(e.confusion.trace()).c_str(), with_thousands(e.report.total).c_str());
  if (e.on_mine) {
    text_after_item((" of your drawings right; model: " + app.model.source).c_str());
  } else {
    same_line_if_fits(glossary_entry(Term::TestDigits).name);
    glossary_term(app.glossary, Term::TestDigits);
    same_line_if_fits("right, from");
    ImGui::TextUnformatted("right, from");
    if (app.classes->digits()) {
      same_line_if_fits(glossary_entry(Term::MnistSplit).name);
      glossary_term(app.glossary, Term::MnistSplit);
    } else {  // Zalando split Fashion-MNIST as MNIST is split: 60,000 and 10,000
      const std::string split = app.classes->title + "'s own 60,000 / 10,000 split";
      same_line_if_fits(split.c_str());
      ImGui::TextUnformatted(split.c_str());
    }
    // "; " rather than a bar, which a phone's wrap left alone at a line's end.
    text_after_item((" (not the tutorial's 20% of 70,000); model: " + app.model.source).c_str());
  }
  ImGui::Separator();
  const bool own_scroll = begin_scrolling_part("evaluation");
  // On a phone the matrix takes the line's width (cells up to 36 px), so a four-digit count
  // on the diagonal (1,135 ones) keeps a readable size.
  const float avail = ImGui::GetContentRegionAvail().x;
  const float cell = std::max(std::clamp(avail * 0.045f, 30.0f, 52.0f), std::min(36.0f, (avail - matrix_label_width()) / 10));
  ImGui::BeginGroup();
  heatmap(app, cell);
  ImGui::EndGroup();
  // Room for the report beside it: its five columns of about 80 px (touch-sized: more).
  if (ImGui::GetContentRegionAvail().x >= matrix_label_width() + 10 * cell + 30 + 400 + 10 * ImGui::GetStyle().ItemSpacing.x)
    ImGui::SameLine(0, 30);
  ImGui::BeginGroup();
  report_table(app.glossary, e.report, *app.classes);
  ImGui::EndGroup();
  ImGui::Separator();
  cell_digits(app);  // right below the matrix whose cells it shows
  ImGui::Separator();
  calibration_section(app);
  ImGui::Separator();
  misclassified_gallery(app);
  end_scrolling_part(own_scroll);
}

}  // namespace digitlab::app
