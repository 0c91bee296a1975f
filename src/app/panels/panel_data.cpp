// Data: what was loaded, and a gallery of labelled digits, filterable by digit.
#include <imgui.h>

#include <cstdio>
#include <string>

#include "core/data/data_dir.hpp"
#include "app/panels/panels.hpp"
#include "app/shell/dataset_switch.hpp"
#include "app/widgets/widgets.hpp"
#include "app/work/file_status.hpp"

namespace digitlab::app {

void data_panel(AppState& app) {
  DataState& d = app.data;
  const ClassNames& names = *app.classes;
  dataset_switch(app);
  ImGui::TextWrapped("%s", d.status.c_str());
  if (!d.train) {
    if (!failed_files_line(app, {kTrainImages, kTrainLabels}, ("The gallery shows the training " + names.items + ".").c_str()))
      ImGui::TextDisabled("The gallery appears when the training %s have arrived.", names.items.c_str());
    return;
  }
  const Dataset& train = *d.train;
  ImGui::Text("%s images of %dx%d = %d pixels, values 0 (black) to 255 (white); %d classes",
              with_thousands(train.size()).c_str(), train.image_rows, train.image_cols, train.pixel_count(),
              train.n_classes);

  // "Show [all digits]": the label before the box, read in that order (ImGui's goes after).
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Show");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(140);
  const std::string all = "all " + names.items;
  int choice = d.gallery_digit + 1;
  if (ImGui::BeginCombo("##show", choice == 0 ? all.c_str() : names.name(choice - 1).c_str())) {
    for (int k = -1; k < 10; ++k)
      if (ImGui::Selectable(k < 0 ? all.c_str() : names.name(k).c_str(), k == d.gallery_digit)) {
        d.gallery_digit = k;
        d.gallery_page = 0;
      }
    ImGui::EndCombo();
  }
  std::vector<int> rows;
  for (int i = 0; i < train.size(); ++i)
    if (d.gallery_digit < 0 || train.labels[static_cast<std::size_t>(i)] == d.gallery_digit) rows.push_back(i);
  constexpr int kPerPage = 100;
  const int pages = std::max(1, static_cast<int>((rows.size() + kPerPage - 1) / kPerPage));
  char page_text[96];
  std::snprintf(page_text, sizeof page_text, "page %d of %d (%s %s)", d.gallery_page + 1, pages,
                with_thousands(static_cast<long long>(rows.size())).c_str(), names.items.c_str());
  // The page buttons beside the filter while they fit, else on the next line (a phone).
  const ImGuiStyle& style = ImGui::GetStyle();
  const float pager = 2 * ImGui::GetFrameHeight() + ImGui::CalcTextSize(page_text).x + 3 * style.ItemSpacing.x;
  if (ImGui::GetItemRectMax().x + pager <= ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) ImGui::SameLine();
  if (ImGui::ArrowButton("previous", ImGuiDir_Left) && d.gallery_page > 0) --d.gallery_page;
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(page_text);
  ImGui::SameLine();
  if (ImGui::ArrowButton("next", ImGuiDir_Right) && d.gallery_page + 1 < pages) ++d.gallery_page;

  const std::string key = std::to_string(d.gallery_digit) + "/" + std::to_string(d.gallery_page);
  if (key != d.gallery_key) {
    const std::size_t first = static_cast<std::size_t>(d.gallery_page) * kPerPage;
    std::vector<int> page(rows.begin() + static_cast<std::ptrdiff_t>(std::min(first, rows.size())),
                          rows.begin() + static_cast<std::ptrdiff_t>(std::min(first + kPerPage, rows.size())));
    build_atlas(d.gallery, train.pixels, page);
    d.gallery_key = key;
  }
  std::vector<std::string> captions;
  for (int row : d.gallery.rows)
    captions.push_back(fit_text(names.short_name(train.labels[static_cast<std::size_t>(row)]), 56));
  ImGui::BeginChild("gallery");
  digit_grid(d.gallery, 56, captions);
  ImGui::EndChild();
}

}  // namespace digitlab::app
