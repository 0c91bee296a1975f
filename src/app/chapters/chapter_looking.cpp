// Chapter 2, "Looking at digits": the first ten training images as the tutorial plots
// them, through a colormap chosen here and applied by the colormap fragment shader
// (shaders/colormap.frag.glsl); one digit large with the value under the pointer.
#include <algorithm>
#include <cstdio>

#include "app/chapters/chapters.hpp"
#include "app/widgets/layout.hpp"

namespace digitlab::app {

struct LookingChapter : ChapterData {
  int selected = 0;  // which of the gallery's ten digits is shown large
  DigitAtlas gallery;
  Texture ramp;      // 0..255 left to right, for the colour bar
  bool built = false;
};

namespace {

constexpr int kGallery = 10;
const char* kMapBlurbs[] = {
    "gray: 0 is black, 255 white, as the pixels are stored",
    "binary: reversed, ink dark on white paper (the tutorial's first plot)",
    "viridis: perceptually uniform, equal steps in value look like equal steps in colour",
    "magma: perceptually uniform too, dark to bright, faint strokes stand out",
    // One element, split over two lines.
    ("diverging (from the page's address): made for signed values such as the Weights chapter's; here 0 is "
     "blue, the middle grey and 255 red"),
};

void build(AppState& app) {
  LookingChapter& l = app.chapters.get<LookingChapter>();
  if (l.built) return;
  std::vector<int> rows;
  for (int i = 0; i < kGallery; ++i) rows.push_back(i);
  build_atlas(l.gallery, app.data.train->pixels, rows);
  std::vector<std::uint8_t> ramp(256);
  for (int v = 0; v < 256; ++v) ramp[static_cast<std::size_t>(v)] = static_cast<std::uint8_t>(v);
  upload_gray(l.ramp, ramp.data(), 256, 1);
  l.built = true;
}

// Tile i of the gallery atlas (one atlas row of DigitAtlas::kColumns tiles).
void gallery_tile(const LookingChapter& l, int i, float size, Colormap map) {
  const float u = 1.0f / DigitAtlas::kColumns;
  colormap_image(l.gallery.texture, ImVec2(size, size), map, ImVec2(i * u, 0), ImVec2((i + 1) * u, 1));
}

void colour_bar(const LookingChapter& l, float width, Colormap map) {
  colormap_image(l.ramp, ImVec2(width, 14), map);
  ImGui::TextUnformatted("0");
  ImGui::SameLine(width - ImGui::CalcTextSize("255").x);
  ImGui::TextUnformatted("255");
}

}  // namespace

static void draw_looking(AppState& app) {
  if (!digits_ready(app)) return;
  build(app);
  LookingChapter& l = app.chapters.get<LookingChapter>();
  Colormap& map = app.chapters.colormap;
  heading("Colour map");
  int choice = static_cast<int>(map);
  for (int i = 0; i < 4; ++i) {
    if (i > 0) {  // beside the last while it fits (a phone may need two lines)
      const float radio = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x +
                          ImGui::CalcTextSize(colormap_key(static_cast<Colormap>(i))).x;
      if (ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + radio <=
          ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x)
        ImGui::SameLine();
    }
    if (ImGui::RadioButton(colormap_key(static_cast<Colormap>(i)), &choice, i)) map = static_cast<Colormap>(i);
  }
  note(kMapBlurbs[std::clamp(static_cast<int>(map), 0, kColormapCount - 1)]);
  ImGui::Separator();

  const Dataset& train = *app.data.train;
  // The galleries beside the big digit when both fit, else above it.
  const float avail = ImGui::GetContentRegionAvail().x;
  const Row row({5 * 56.0f, 180.0f});
  const float tile = row.side_by_side() ? std::clamp(avail * 0.5f / 5.0f - 12.0f, 48.0f, 110.0f)
                                        : std::clamp(avail / 5.0f - 12.0f, 36.0f, 110.0f);
  begin_column(5 * (tile + ImGui::GetStyle().ItemSpacing.x));
  heading("The first ten training digits (click or tap one)");
  for (int i = 0; i < kGallery; ++i) {
    if (i % 5 != 0) ImGui::SameLine();
    ImGui::BeginGroup();
    gallery_tile(l, i, tile, map);
    if (ImGui::IsItemClicked()) l.selected = i;
    ImGui::Text("%s%d", i == l.selected ? "> " : "", train.labels[static_cast<std::size_t>(i)]);
    ImGui::EndGroup();
  }
  ImGui::Spacing();
  heading("The same digit in every map");
  for (int m = 0; m < 4; ++m) {
    if (m > 0) ImGui::SameLine();
    ImGui::BeginGroup();
    gallery_tile(l, l.selected, tile * 0.9f, static_cast<Colormap>(m));
    ImGui::TextUnformatted(colormap_key(static_cast<Colormap>(m)));
    ImGui::EndGroup();
  }
  end_column();

  row.next();
  const float big = std::clamp(Row::rest() - 20, 160.0f, 300.0f);
  begin_column(Row::rest());
  ImGui::Text("training image at index %d (its position), labelled %d (the digit it shows): 28 x 28 pixels",
              l.selected, train.labels[static_cast<std::size_t>(l.selected)]);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  gallery_tile(l, l.selected, big, map);
  if (ImGui::IsItemHovered()) {
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const int x = std::clamp(static_cast<int>((mouse.x - origin.x) / big * 28), 0, 27);
    const int y = std::clamp(static_cast<int>((mouse.y - origin.y) / big * 28), 0, 27);
    wrapped_tooltip("row %d, column %d: %d", y, x, train.pixels(l.selected, y * 28 + x));
  }
  colour_bar(l, big, map);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + big);
  note("Point at or tap a pixel to read its number: that number, not the colour, is what the model gets.");
  ImGui::PopTextWrapPos();
  end_column();

  ImGui::Separator();
  note("Questions to explore: a colour map changes what we notice (faint edges of a stroke show in viridis "
       "and magma, the overall shape reads best in binary), but it never reaches the model: the same 784 "
       "values train it whatever we look at. Scaling (chapter 6) works from each pixel position's own values "
       "across the training digits: their mean and standard deviation, or their minimum and maximum.");
}

static void looking_json(JsonWriter& j, const AppState& app) {
  j.begin_object().key("colormap").value(colormap_key(app.chapters.colormap))
      .key("shader").value(colormap_shader_status()).key("selected").value(app.chapters.get<LookingChapter>().selected)
      .end_object();
}


// [SECTION] Registry entry (chapter_registry.cpp)

ChapterDef looking_chapter() {
  ChapterDef c;
  c.key = "looking";
  c.title = "2 Looking at digits";
  c.group = PanelGroup::Tutorial;
  c.lesson =
      "The same numbers can be painted in many colour schemes. Switch between them: some make the faint edges of "
      "a stroke easier to see, one looks like ink on paper. Whichever you pick, the model is handed only the "
      "numbers, so this changes what we notice, never what it learns.";
  c.make_state = state_of<LookingChapter>;
  c.draw = draw_looking;
  c.json = looking_json;
  return c;
}

}  // namespace digitlab::app
