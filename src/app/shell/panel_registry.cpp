// The registry of every panel: keys for URLs and window.digitlab, titles, groups and
// draw functions. The four main panels are listed here; the chapters, with their lesson
// texts, come from the chapter registry (chapter_registry.cpp).
#include "app/chapters/chapters.hpp"
#include "app/panels/panels.hpp"

namespace digitlab::app {

const std::vector<PanelInfo>& panel_infos() {
  static const std::vector<PanelInfo> all = [] {
    std::vector<PanelInfo> panels = {
        {Panel::Draw, "draw", "Draw", PanelGroup::Main, draw_panel, ""},
        {Panel::Data, "data", "Data", PanelGroup::Main, data_panel, ""},
        {Panel::Train, "train", "Train", PanelGroup::Main, train_panel, ""},
        {Panel::Evaluate, "evaluate", "Evaluate", PanelGroup::Main, evaluate_panel, ""},
    };
    const std::vector<ChapterDef>& chapters = chapter_defs();
    for (std::size_t i = 0; i < chapters.size(); ++i) {
      const ChapterDef& c = chapters[i];
      panels.push_back({chapter_panel(i), c.key, c.title, c.group, c.draw, c.lesson});
    }
    return panels;
  }();
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

const char* group_title(PanelGroup group) {
  switch (group) {
    case PanelGroup::Tutorial: return "Tutorial";
    case PanelGroup::Questions: return "Questions";
    default: return "";
  }
}

const std::vector<const char*>& main_tab_titles() {
  static const std::vector<const char*> titles = [] {
    std::vector<const char*> out;
    for (const PanelInfo& info : panel_infos())
      if (info.group == PanelGroup::Main) out.push_back(info.title);
    out.push_back(group_title(PanelGroup::Tutorial));
    out.push_back(group_title(PanelGroup::Questions));
    return out;
  }();
  return titles;
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
