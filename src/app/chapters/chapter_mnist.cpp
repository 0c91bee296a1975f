// Chapter 1, "Meet MNIST": the shapes of X and y, the pixel range, the mean image of
// each digit and how pixel intensities are distributed, per digit.
#include <algorithm>
#include <chrono>
#include <cstdio>

#include "app/chapters/chapters.hpp"
#include "app/widgets/layout.hpp"
#include "app/widgets/widgets.hpp"

namespace digitlab::app {

struct MnistChapter : ChapterData {
  bool wanted = false;                  // set when the panel is first shown
  std::unique_ptr<DigitStatisticsJob> gather;  // the training digits' statistics, a slice per frame
  std::optional<DigitStatistics> stats;        // once gathered
  std::shared_ptr<const Dataset> digits;  // the set being gathered (kept if the page loads another)
  int rows_done = 0;
  bool ready = false;
  Texture means;                        // the ten mean images side by side
  int histogram_digit = -1;             // -1: all digits
};

static bool advance_mnist(AppState& app, double budget_seconds) {
  MnistChapter& m = app.chapters.get<MnistChapter>();
  if (!m.wanted || m.ready || !app.data.train) return false;
  if (!m.gather) {
    m.digits = app.data.train;
    m.gather = std::make_unique<DigitStatisticsJob>(m.digits);
  }
  m.gather->step(budget_seconds);
  m.rows_done = m.gather->rows_done();
  if (m.gather->done()) {
    m.stats = m.gather->statistics();
    m.gather.reset();
    std::vector<Eigen::VectorXf> means;
    for (int d = 0; d < 10; ++d) means.push_back(m.stats->mean_image(d));
    upload_tiles(m.means, means, 10, 0, 255);
    m.ready = true;
    m.digits.reset();
  }
  return true;
}

namespace {

void shapes(const AppState& app) {
  const Dataset& train = *app.data.train;
  const Dataset& test = *app.data.test;
  // X beside y while the line has room for both, else each on its own line (a phone wrapped
  // "(0 to 9)" under X_train).
  char x_train[64], y_train[64], x_test[64], y_test[64];
  std::snprintf(x_train, sizeof x_train, "X_train: %s x %d pixels", thousands(train.size()).c_str(), train.pixel_count());
  std::snprintf(y_train, sizeof y_train, "y_train: %s labels (0 to 9)", thousands(train.size()).c_str());
  std::snprintf(x_test, sizeof x_test, "X_test:  %s x %d pixels", thousands(test.size()).c_str(), test.pixel_count());
  std::snprintf(y_test, sizeof y_test, "y_test:  %s labels", thousands(test.size()).c_str());
  const float x_width = std::max(ImGui::CalcTextSize(x_train).x, ImGui::CalcTextSize(x_test).x) + 2 * ImGui::GetFontSize();
  const bool beside = x_width + ImGui::CalcTextSize(y_train).x <= ImGui::GetContentRegionAvail().x;
  const float start = ImGui::GetCursorPosX();
  for (const auto& [x, y] : {std::pair<const char*, const char*>{x_train, y_train}, {x_test, y_test}}) {
    ImGui::TextUnformatted(x);
    if (beside) ImGui::SameLine(start + x_width);
    ImGui::TextUnformatted(y);
  }
  ImGui::Text("Together %s x %d, the tutorial's X.shape. One image: %d x %d = %d numbers.",
              thousands(train.size() + test.size()).c_str(), train.pixel_count(), train.image_rows, train.image_cols,
              train.pixel_count());
  ImGui::TextDisabled("The page keeps this split (MNIST's own); the tutorial pools all %s and holds out 20%% "
                      "(test_size=0.2), so its test digits are others.",
                      thousands(train.size() + test.size()).c_str());
}

void mean_images(const AppState& app, float tile) {
  const MnistChapter& m = app.chapters.get<MnistChapter>();
  heading("The mean image of each digit");
  for (int d = 0; d < 10; ++d) {
    if (d % 5 != 0) ImGui::SameLine();
    ImGui::BeginGroup();
    tile_image(m.means, d, 10, 1, ImVec2(tile, tile), app.chapters.colormap);
    ImGui::Text("%d: %s", d, thousands(m.stats->images(d)).c_str());
    ImGui::EndGroup();
  }
  note("Each is the average of every training image of that digit, pixel by pixel. Blurry where people "
       "write differently, sharp where they agree; the colour map is the one chosen in \"Looking at digits\".");
}

void intensity_histogram(AppState& app, float width) {
  MnistChapter& m = app.chapters.get<MnistChapter>();
  heading("How bright are the pixels?");
  const char* choices[] = {"all digits", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
  int choice = m.histogram_digit + 1;
  ImGui::SetNextItemWidth(140);
  if (ImGui::Combo("digit##histogram", &choice, choices, 11)) m.histogram_digit = choice - 1;
  const DigitStatistics::Histogram& h = m.stats->histogram(m.histogram_digit);
  // Values 1..255 in 15 bins of 17; 0 is most of every image and is given as a share.
  std::vector<float> xs, shares;
  const double total = static_cast<double>(m.stats->images(m.histogram_digit)) * m.stats->pixel_count();
  float top = 0;
  for (int b = 0; b < 15; ++b) {
    long long count = 0;
    for (int v = 1 + 17 * b; v < 1 + 17 * (b + 1); ++v) count += h[static_cast<std::size_t>(v)];
    xs.push_back(static_cast<float>(1 + 17 * b + 8));
    shares.push_back(static_cast<float>(100.0 * static_cast<double>(count) / total));
    top = std::max(top, shares.back());
  }
  char title[96];
  std::snprintf(title, sizeof title, "share of pixels by value (0 left out: %.1f%% of them)",
                100.0 * m.stats->share_of_value(0, m.histogram_digit));
  Plot plot = begin_plot("histogram", ImVec2(width, 190), 0, 256, 0, top * 1.15f, title, "pixel value", "%");
  plot_bars(plot, xs, shares, 15.0f, series_color(1));

  std::vector<float> digits, ink;
  float top_ink = 0;
  for (int d = 0; d < 10; ++d) {
    digits.push_back(static_cast<float>(d));
    ink.push_back(static_cast<float>(m.stats->mean_intensity(d)));
    top_ink = std::max(top_ink, ink.back());
  }
  // Every digit named under its bar (numeric ticks named every other one on a phone).
  Plot bars = begin_category_plot("ink", ImVec2(width, 170), {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}, 0,
                                  top_ink * 1.15f, "mean pixel value of each digit (how much ink)");
  plot_bars(bars, digits, ink, 0.6f, series_color(0));
  if (m.histogram_digit >= 0) plot_bars(bars, {static_cast<float>(m.histogram_digit)}, {ink[static_cast<std::size_t>(m.histogram_digit)]}, 0.6f, series_color(3));
}

}  // namespace

static void draw_mnist(AppState& app) {
  MnistChapter& m = app.chapters.get<MnistChapter>();
  m.wanted = true;
  if (!digits_ready(app)) return;
  shapes(app);
  if (!m.ready) {
    progress_bar(static_cast<float>(m.rows_done) / static_cast<float>(m.digits ? m.digits->size() : app.data.train->size()), -1,
                       "reading every training pixel");
    return;
  }
  ImGui::Text("Pixel values run from %d (black) to %d (white); %.1f%% of all pixels are exactly 0: most of an "
              "image is empty background.",
              m.stats->min_value(), m.stats->max_value(), 100.0 * m.stats->share_of_value(0));
  ImGui::Separator();
  // The mean images beside the histograms when both fit, else above them.
  const float avail = ImGui::GetContentRegionAvail().x;
  const Row row({5 * 48.0f, 260.0f});
  const float tile = std::clamp((row.side_by_side() ? avail * 0.45f : avail) / 5.0f - 10.0f, 40.0f, 84.0f);
  begin_column(5 * (tile + 8));
  mean_images(app, tile);
  end_column();
  row.next();
  begin_column(Row::rest());
  intensity_histogram(app, std::max(200.0f, Row::rest()));
  end_column();
  // Which class has the least and the most ink, from the images on screen (on MNIST 1 and
  // 0; on Fashion-MNIST sandals and pullovers).
  int least = 0, most = 0;
  for (int k = 1; k < 10; ++k) {
    if (m.stats->mean_intensity(k) < m.stats->mean_intensity(least)) least = k;
    if (m.stats->mean_intensity(k) > m.stats->mean_intensity(most)) most = k;
  }
  const ClassNames& c = *app.classes;
  char ink[160];
  std::snprintf(ink, sizeof ink, "Here %s has the least ink on average (mean pixel value %.1f) and %s the most (%.1f)",
                c.name(least).c_str(), m.stats->mean_intensity(least), c.name(most).c_str(), m.stats->mean_intensity(most));
  note(("Questions to explore: the model gets only these numbers, never the picture, so whatever it learns, it "
        "learns from which pixels tend to be bright for which " + c.item + ": the mean images are a first guess at "
        "that. " + ink + "; pick a " + c.item + " above to see its own histogram.").c_str());
}

static void mnist_json(JsonWriter& j, const AppState& app) {
  const MnistChapter& m = app.chapters.get<MnistChapter>();
  j.begin_object().key("ready").value(m.ready).key("rows_done").value(m.rows_done);
  if (m.ready) {
    j.key("images").value(m.stats->images()).key("pixels").value(m.stats->pixel_count())
        .key("min").value(m.stats->min_value()).key("max").value(m.stats->max_value())
        .key("zero_share").value(m.stats->share_of_value(0)).key("mean_intensity").begin_array();
    for (int d = 0; d < 10; ++d) j.value(m.stats->mean_intensity(d));
    j.end_array().key("counts").begin_array();
    for (int d = 0; d < 10; ++d) j.value(m.stats->images(d));
    j.end_array();
  }
  j.key("histogram_digit").value(m.histogram_digit).end_object();
}


// [SECTION] Registry entry (chapter_registry.cpp)

static bool apply_setting(AppState& app, const Setting& s) {
  if (!s.is_number || s.key != "digit") return false;
  app.chapters.get<MnistChapter>().histogram_digit = s.rounded(-1, 9);
  return true;
}

// Its URL keys that differ from the defaults, for the page's address.
static void write_settings(const AppState& app, std::vector<KeyValue>& out) {
  write_if_changed(out, "digit", app.chapters.get<MnistChapter>().histogram_digit, MnistChapter{}.histogram_digit);
}

static void forget_digits(AppState& app) {
  MnistChapter& m = app.chapters.get<MnistChapter>();
  m.gather.reset();
  m.stats.reset();
  m.digits.reset();
  m.rows_done = 0;
  m.ready = false;
}

ChapterDef mnist_chapter() {
  ChapterDef c;
  c.key = "mnist";
  c.title = "1 Meet MNIST";
  c.group = PanelGroup::Tutorial;
  c.lesson =
      "Seventy thousand small pictures of handwritten digits, each labelled with the digit it shows. A picture "
      "is a grid of 28 by 28 brightness values, so to the computer a digit is nothing but a list of 784 numbers "
      "from 0 to 255. Look at the average picture of each digit, and at how bright pixels usually are: most of "
      "every image is plain black background.";
  c.make_state = state_of<MnistChapter>;
  c.draw = draw_mnist;
  c.json = mnist_json;
  c.advance = advance_mnist;
  c.apply_setting = apply_setting;
  c.write_settings = write_settings;
  c.forget_training_digits = forget_digits;
  return c;
}

}  // namespace digitlab::app
