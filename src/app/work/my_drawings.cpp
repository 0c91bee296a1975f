#include "app/work/my_drawings.hpp"

#include <algorithm>
#include <stdexcept>

#include "app/work/work.hpp"
#include "core/data/idx_file.hpp"

namespace digitlab::app {

namespace {

void replace_set(AppState& app, Dataset set) {
  MyDrawingsState& m = app.mine;
  m.set = std::make_shared<const Dataset>(std::move(set));
  ++m.version;  // the page stores the new set (web/digitlab.js polls the version)
  m.gallery_key.clear();
  if (app.eval.on_mine) start_evaluation(app);
}

Dataset empty_set() {
  Dataset empty;
  empty.name = "my drawings";
  empty.image_rows = empty.image_cols = 28;
  empty.pixels.resize(0, 784);
  return empty;
}

Dataset current(const AppState& app) { return app.mine.set ? *app.mine.set : empty_set(); }

}  // namespace

bool save_drawing(AppState& app, int label) {
  if (!app.draw.digit || label < 0 || label > 9) {
    set_notice(app, "Draw a digit first: an empty canvas has nothing to save.", true);
    return false;
  }
  Dataset set = current(app);
  if (set.size() >= kMaxMyDrawings) {
    set_notice(app, "Your test set holds " + std::to_string(kMaxMyDrawings) + " drawings, its most; delete some first.",
               true);
    return false;
  }
  set.pixels.conservativeResize(set.size() + 1, 784);
  for (int i = 0; i < 784; ++i)
    set.pixels(set.size(), i) = static_cast<std::uint8_t>(std::clamp((*app.draw.digit)(i), 0.0f, 255.0f) + 0.5f);
  set.labels.push_back(label);
  replace_set(app, std::move(set));
  set_notice(app, "saved as " + std::to_string(label) + ": " + std::to_string(app.mine.set->size()) +
                      " drawings in your test set");
  return true;
}

void delete_drawing(AppState& app, int index) {
  if (!app.mine.set || index < 0 || index >= app.mine.set->size()) return;
  std::vector<int> keep;
  for (int i = 0; i < app.mine.set->size(); ++i)
    if (i != index) keep.push_back(i);
  Dataset set = take(*app.mine.set, keep);
  set.name = "my drawings";
  replace_set(app, std::move(set));
}

std::vector<std::uint8_t> my_drawings_idx(const AppState& app, bool images) {
  const Dataset set = current(app);
  IdxArray array;
  const auto n = static_cast<std::uint32_t>(set.size());
  if (images) {
    array.dims = {n, 28, 28};
    array.data.assign(set.pixels.data(), set.pixels.data() + set.pixels.size());
  } else {
    array.dims = {n};
    for (int label : set.labels) array.data.push_back(static_cast<std::uint8_t>(label));
  }
  return encode_idx(array);
}

bool is_my_drawing_file(const std::string& key) { return key == kMyImages || key == kMyLabels; }

void receive_my_drawing_file(AppState& app, const std::string& key, std::vector<std::uint8_t> bytes) {
  MyDrawingsState& m = app.mine;
  try {
    parse_idx(bytes, key);  // a bad file is refused now, with its name
    m.pending[key] = std::move(bytes);
    if (!m.pending.count(kMyImages) || !m.pending.count(kMyLabels)) return;
    const IdxArray images = parse_idx(m.pending[kMyImages], kMyImages);
    const IdxArray labels = parse_idx(m.pending[kMyLabels], kMyLabels);
    m.pending.clear();
    if (images.count() == 0) {  // an empty set is a valid IDX pair
      replace_set(app, empty_set());
      return;
    }
    Dataset set = make_dataset(images, labels, kMyImages, kMyLabels, "my drawings");
    if (set.image_rows != 28 || set.image_cols != 28)
      throw DataError(std::string(kMyImages) + ": images are " + std::to_string(set.image_rows) + "x" +
                      std::to_string(set.image_cols) + ", the page's drawings are 28x28");
    if (set.size() > kMaxMyDrawings)
      throw DataError(std::string(kMyImages) + ": more than " + std::to_string(kMaxMyDrawings) + " drawings");
    replace_set(app, std::move(set));
  } catch (const std::exception& e) {
    m.pending.clear();
    set_notice(app, std::string("your drawings were not loaded: ") + e.what() + " (the drawings you had stay)", true);
  }
}

void evaluate_on(AppState& app, bool mine) {
  if (app.eval.on_mine == mine && app.eval.job) return;
  app.eval.on_mine = mine;
  start_evaluation(app);
}

}  // namespace digitlab::app
