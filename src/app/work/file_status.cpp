// Per-file download status and the panels' "failed: Retry" line (file_status.hpp).
#include "app/work/file_status.hpp"

#include <imgui.h>

#include "app/chapters/chapter_precomputed.hpp"

namespace digitlab::app {

std::string file_key(const std::string& name) {
  std::string key = name.substr(name.find_last_of('/') + 1);
  if (key.size() > 3 && key.compare(key.size() - 3, 3, ".gz") == 0) key.resize(key.size() - 3);
  return key;
}

void file_arrived(AppState& app, const std::string& name) {
  app.files.status[file_key(name)] = FileStatus{FileStatus::State::Loaded, ""};
}

namespace {

// What waits for a file, for the notice.
const char* waiting_for(const std::string& key) {
  if (key == kModelFile)
    return "Drawing and Evaluate need a model: Retry in the Draw panel, or train one in the Train panel.";
  if (key == kTrainImages || key == kTrainLabels)
    return "Draw and Evaluate work; Train, the Data gallery and the chapters wait for it (Retry there).";
  if (key == kTestImages || key == kTestLabels)
    return "Draw and Train work; Evaluate and the chapters wait for it (Retry there).";
  if (key == kChapterResultsFile) return "The chapters open without their precomputed results: Run computes each here.";
  return "";
}

}  // namespace

void file_failed(AppState& app, const std::string& name, const std::string& reason) {
  const std::string key = file_key(name);
  // The readers' messages start with the file's name, which the line says already.
  std::string why = reason;
  for (const std::string& prefix : {name + ": ", key + ".gz: ", key + ": "})
    if (why.compare(0, prefix.size(), prefix) == 0) why.erase(0, prefix.size());
  app.files.status[key] = FileStatus{FileStatus::State::Failed, why};
  std::string text = key + " could not be loaded: " + why + ".";
  if (*waiting_for(key)) text += std::string(" ") + waiting_for(key);
  set_notice(app, text, true);
}

const FileStatus* failed_file(const AppState& app, std::initializer_list<const char*> keys, std::string* key) {
  for (const char* k : keys) {
    const auto it = app.files.status.find(k);
    if (it != app.files.status.end() && it->second.state == FileStatus::State::Failed) {
      if (key) *key = it->first;
      return &it->second;
    }
  }
  return nullptr;
}

bool failed_files_line(AppState& app, std::initializer_list<const char*> keys, const char* needs, float wrap_width) {
  std::string key;
  const FileStatus* failed = failed_file(app, keys, &key);
  if (!failed) return false;
  ImGui::PushTextWrapPos(wrap_width > 0 ? ImGui::GetCursorPosX() + wrap_width : 0.0f);
  ImGui::TextColored(ImVec4(1, 0.45f, 0.45f, 1), "%s could not be loaded: %s. %s", key.c_str(),
                     failed->message.c_str(), needs);
  ImGui::PopTextWrapPos();
  if (ImGui::Button("Retry")) app.files.retry_requested = true;
  return true;
}

}  // namespace digitlab::app
