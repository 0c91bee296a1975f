#version 300 es
// The colormap program's fragment stage: digit images are gray textures (the pixel
// value 0..255 in every colour channel, src/platform/gl_texture.cpp); this maps that
// value through a colormap chosen per draw, the way matplotlib's imshow(cmap=...) does.
// Drawn through an ImDrawList callback (src/platform/colormap_shader.cpp) with Dear
// ImGui's own vertex layout (colormap.vert.glsl).
//   Colormap 0: gray     0 black, 255 white (matplotlib "gray")
//            1: binary   0 white, 255 black (matplotlib "binary", the tutorial's first plot)
//            2: viridis  perceptually uniform, dark blue to yellow (matplotlib's default)
//            3: magma    perceptually uniform, black to light yellow
//            4: diverging  for signed values stored as 0.5 + v / 2: blue below 0.5,
//                          light grey at 0.5, red above (weights, principal components)
precision mediump float;

uniform sampler2D Texture;
uniform int Colormap;
in vec2 Frag_UV;
in vec4 Frag_Color;
layout (location = 0) out vec4 Out_Color;

// Nine evenly spaced stops of matplotlib's viridis and magma (the same colours as R's
// viridisLite), linearly interpolated.
const vec3 VIRIDIS[9] = vec3[9](
    vec3(0.2667, 0.0039, 0.3294),
    vec3(0.2784, 0.1765, 0.4824),
    vec3(0.2314, 0.3216, 0.5451),
    vec3(0.1725, 0.4471, 0.5569),
    vec3(0.1294, 0.5647, 0.5490),
    vec3(0.1529, 0.6784, 0.5059),
    vec3(0.3647, 0.7843, 0.3882),
    vec3(0.6667, 0.8627, 0.1961),
    vec3(0.9922, 0.9059, 0.1451));
const vec3 MAGMA[9] = vec3[9](
    vec3(0.0000, 0.0000, 0.0157),
    vec3(0.1137, 0.0667, 0.2784),
    vec3(0.3176, 0.0706, 0.4863),
    vec3(0.5098, 0.1490, 0.5059),
    vec3(0.7137, 0.2118, 0.4745),
    vec3(0.9020, 0.3176, 0.3922),
    vec3(0.9843, 0.5333, 0.3804),
    vec3(0.9961, 0.7608, 0.5294),
    vec3(0.9882, 0.9922, 0.7490));

vec3 through(const vec3 stops[9], float t) {
  float x = clamp(t, 0.0, 1.0) * 8.0;
  int i = int(min(floor(x), 7.0));
  return mix(stops[i], stops[i + 1], x - float(i));
}

vec3 diverging(float t) {
  const vec3 low = vec3(0.2314, 0.2980, 0.7529);
  const vec3 middle = vec3(0.9490, 0.9490, 0.9490);
  const vec3 high = vec3(0.7059, 0.0157, 0.1490);
  float x = clamp(t, 0.0, 1.0);
  return x < 0.5 ? mix(low, middle, x * 2.0) : mix(middle, high, x * 2.0 - 1.0);
}

void main() {
  vec4 texel = texture(Texture, Frag_UV);
  float v = texel.r;
  vec3 colour;
  if (Colormap == 1) colour = vec3(1.0 - v);
  else if (Colormap == 2) colour = through(VIRIDIS, v);
  else if (Colormap == 3) colour = through(MAGMA, v);
  else if (Colormap == 4) colour = diverging(v);
  else colour = vec3(v);
  Out_Color = vec4(colour, texel.a * Frag_Color.a);
}
