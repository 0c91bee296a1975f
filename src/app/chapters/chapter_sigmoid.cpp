// Chapter 3, "Sigmoid": the curve, a threshold, and the tutorial's simulation (100
// samples of 3 features, random weights and bias, z = X w + b, y_hat = sigmoid(z))
// with its predictions on the curve and the distribution of z. The weight scale squeezes
// or stretches z to answer "what if most z sit near 0?".
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/chapters/chapters.hpp"
#include "app/widgets/layout.hpp"
#include "app/widgets/glossary_ui.hpp"

namespace digitlab::app {

struct SigmoidChapter : ChapterData {
  float threshold = 0.5f;
  float weight_scale = 1.0f;
  int seed = 42;
  int samples = 100, features = 3;  // the tutorial's simulation
  SigmoidSimulation simulation;
  bool dirty = true;
};

namespace {

void refresh(SigmoidChapter& s) {
  if (!s.dirty) return;
  s.simulation = simulate_logistic(s.samples, s.features, static_cast<std::uint32_t>(s.seed), s.weight_scale);
  s.dirty = false;
}

void controls(GlossaryState& g, SigmoidChapter& s) {
  ImGui::PushItemWidth(std::clamp(ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize("weight scale").x -
                                      ImGui::GetStyle().ItemInnerSpacing.x, 100.0f, 240.0f));
  ImGui::SliderFloat("threshold", &s.threshold, 0.01f, 0.99f, "%.2f");
  glossary_tooltip(g, Term::Threshold);
  if (ImGui::SliderFloat("weight scale", &s.weight_scale, 0.05f, 5.0f, "%.2f", ImGuiSliderFlags_Logarithmic)) s.dirty = true;
  ImGui::PopItemWidth();
  if (ImGui::Button("New random weights and samples")) {
    ++s.seed;
    s.dirty = true;
  }
  ImGui::SameLine();
  ImGui::TextDisabled("seed %d", s.seed);
  const SigmoidSimulation& sim = s.simulation;
  ImGui::Text("w = (%.2f, %.2f, %.2f), b = %.2f", sim.weights(0), sim.weights(1), sim.weights(2), sim.bias);
  ImGui::Text("X: %d samples x %d features, z = X w + b: %d values", static_cast<int>(sim.X.rows()),
              static_cast<int>(sim.X.cols()), static_cast<int>(sim.z.size()));
}

void curve(const SigmoidChapter& s, ImVec2 size) {
  const SigmoidSimulation& sim = s.simulation;
  Plot plot = begin_plot("sigmoid", size, -10, 10, 0, 1, "sigmoid(z) = 1 / (1 + e^-z), the simulation's samples on it",
                         "z", "y_hat");
  std::vector<float> xs, ys;
  for (int i = 0; i <= 200; ++i) {
    const float z = -10.0f + 0.1f * static_cast<float>(i);
    xs.push_back(z);
    ys.push_back(static_cast<float>(logistic(z)));
  }
  plot_line(plot, xs, ys, IM_COL32(90, 160, 240, 255), 2.5f);
  plot_hline(plot, s.threshold, IM_COL32(200, 200, 200, 255), "threshold");
  const float z_star = static_cast<float>(logit(s.threshold));
  // The label right of the line, where the curve is high and leaves the bottom empty; a
  // shorter one where the long one would not fit there (a phone), rather than on the curve.
  const char* long_label = "z where sigmoid = threshold";
  const float right_room = plot.max.x - plot.at(z_star, 0).x - 8;
  plot_vline(plot, z_star, IM_COL32(200, 200, 200, 160),
             ImGui::CalcTextSize(long_label).x <= right_room ? long_label : "z at threshold");
  std::vector<float> zs, yh;
  std::vector<ImU32> colors;
  for (Eigen::Index i = 0; i < sim.z.size(); ++i) {
    zs.push_back(static_cast<float>(sim.z(i)));
    yh.push_back(static_cast<float>(sim.y_hat(i)));
    // Filled orange: label 1; blue: label 0.
    colors.push_back(sim.labels[static_cast<std::size_t>(i)] ? IM_COL32(255, 150, 40, 230) : IM_COL32(120, 200, 255, 230));
  }
  plot_points(plot, zs, yh, colors);
  // Top left, where the curve is low: at the top right it covered the curve on a phone.
  plot_legend(plot, {{"sample, label 1", IM_COL32(255, 150, 40, 255)}, {"sample, label 0", IM_COL32(120, 200, 255, 255)}},
              Corner::TopLeft);
}

void z_histogram(const SigmoidChapter& s, ImVec2 size) {
  const std::vector<int> counts = histogram(s.simulation.z, -10, 10, 20);
  std::vector<float> xs, hs;
  float top = 1;
  for (int b = 0; b < 20; ++b) {
    xs.push_back(-9.5f + b);
    hs.push_back(static_cast<float>(counts[static_cast<std::size_t>(b)]));
    top = std::max(top, hs.back());
  }
  Plot plot = begin_plot("zhist", size, -10, 10, 0, top * 1.15f, "how z spreads (outliers in the end bins)", "z",
                         "count");
  plot_bars(plot, xs, hs, 0.85f, IM_COL32(110, 200, 120, 255));
  plot_vline(plot, static_cast<float>(logit(s.threshold)), IM_COL32(220, 220, 220, 200));
}

void accuracy_by_threshold(const SigmoidChapter& s, ImVec2 size) {
  std::vector<float> ts, acc;
  for (int i = 1; i < 100; ++i) {
    ts.push_back(0.01f * i);
    acc.push_back(static_cast<float>(apply_threshold(s.simulation.y_hat, s.simulation.labels, 0.01 * i).accuracy));
  }
  Plot plot = begin_plot("accuracy", size, 0, 1, 0, 1, "accuracy by threshold", "threshold", "");
  plot_line(plot, ts, acc, IM_COL32(255, 170, 40, 255));
  plot_vline(plot, s.threshold, IM_COL32(220, 220, 220, 200));
}

}  // namespace

static void draw_sigmoid(AppState& app) {
  SigmoidChapter& s = app.chapters.get<SigmoidChapter>();
  refresh(s);
  // The curve beside the histogram and accuracy plots when both fit, else above them.
  const float avail = ImGui::GetContentRegionAvail().x;
  const Row row({360.0f, 240.0f});
  const float left = row.side_by_side() ? std::max(360.0f, avail * 0.58f) : avail;
  begin_column(left);
  controls(app.glossary, s);
  terms_row(app.glossary, {Term::Sigmoid, Term::Threshold});
  refresh(s);
  const ThresholdOutcome at = apply_threshold(s.simulation.y_hat, s.simulation.labels, s.threshold);
  ImGui::Text("At or above the threshold (predicted 1): %d of %d.  Right about the drawn labels: %d (%.0f%%).",
              at.predicted_positive, s.samples, at.correct, 100.0 * at.accuracy);
  const float tall = std::max(260.0f, ImGui::GetContentRegionAvail().y - 150);
  curve(s, ImVec2(left, row.side_by_side() ? tall : std::min(tall, std::max(260.0f, left))));
  end_column();
  row.next();
  const float right = std::max(200.0f, Row::rest());
  begin_column(right);
  z_histogram(s, ImVec2(right, 200));
  accuracy_by_threshold(s, ImVec2(right, 180));
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + right);
  note("Each sample's label is drawn at random, 1 with probability y_hat, as if the model's probabilities were "
       "the truth: that gives it labels to be right or wrong about, so accuracy can be counted. Shrink the weight scale: z crowds around 0, y_hat near "
       "one half, and no threshold does much better than a coin. Move the threshold: the samples near the "
       "dashed line change side first.");
  ImGui::PopTextWrapPos();
  end_column();
}

static void sigmoid_json(JsonWriter& j, const AppState& app) {
  const SigmoidChapter& s = app.chapters.get<SigmoidChapter>();
  const SigmoidSimulation& sim = s.simulation;
  j.begin_object().key("threshold").value(static_cast<double>(s.threshold))
      .key("weight_scale").value(static_cast<double>(s.weight_scale)).key("seed").value(s.seed)
      .key("samples").value(static_cast<int>(sim.X.rows())).key("features").value(static_cast<int>(sim.X.cols()));
  if (sim.z.size() > 0) {
    const ThresholdOutcome at = apply_threshold(sim.y_hat, sim.labels, s.threshold);
    j.key("predicted_positive").value(at.predicted_positive).key("accuracy").value(at.accuracy)
        .key("z_mean").value(sim.z.mean())
        .key("z_std").value(std::sqrt((sim.z.array() - sim.z.mean()).square().mean()));
  }
  j.end_object();
}


// [SECTION] Registry entry (chapter_registry.cpp)

static bool apply_setting(AppState& app, const Setting& s) {
  SigmoidChapter& c = app.chapters.get<SigmoidChapter>();
  if (!s.is_number) return false;
  if (s.key == "threshold") {
    c.threshold = s.clamped(0.01f, 0.99f);
  } else if (s.key == "scale") {
    c.weight_scale = s.clamped(0.05f, 5.0f);
    c.dirty = true;
  } else if (s.key == "seed") {
    c.seed = s.rounded(0, 1 << 30);
    c.dirty = true;
  } else {
    return false;
  }
  return true;
}

// Its URL keys that differ from the defaults, for the page's address.
static void write_settings(const AppState& app, std::vector<KeyValue>& out) {
  const SigmoidChapter& c = app.chapters.get<SigmoidChapter>();
  const SigmoidChapter defaults;
  write_if_changed(out, "threshold", c.threshold, defaults.threshold);
  write_if_changed(out, "scale", c.weight_scale, defaults.weight_scale);
  write_if_changed(out, "seed", c.seed, defaults.seed);
}

ChapterDef sigmoid_chapter() {
  ChapterDef c;
  c.key = "sigmoid";
  c.title = "3 Sigmoid";
  c.group = PanelGroup::Tutorial;
  c.lesson =
      "Logistic regression first adds up its inputs, each times a weight, into one score z, then bends z into a "
      "value between 0 and 1 with the S-shaped sigmoid. At or above a threshold the answer is yes. Here 100 invented "
      "samples with 3 features sit on the curve: shrink the weights and watch them crowd around 0.5, where every "
      "decision becomes a guess.";
  c.make_state = state_of<SigmoidChapter>;
  c.draw = draw_sigmoid;
  c.json = sigmoid_json;
  c.apply_setting = apply_setting;
  c.write_settings = write_settings;
  return c;
}

}  // namespace digitlab::app
