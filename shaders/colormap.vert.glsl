#version 300 es
// The colormap program's vertex stage: Dear ImGui's vertex layout (ImDrawVert:
// position, uv, colour) and its orthographic projection, as the OpenGL3 backend's own
// vertex shader; only the fragment stage (colormap.frag.glsl) differs.
precision highp float;

layout (location = 0) in vec2 Position;
layout (location = 1) in vec2 UV;
layout (location = 2) in vec4 Color;
uniform mat4 ProjMtx;
out vec2 Frag_UV;
out vec4 Frag_Color;

void main() {
  Frag_UV = UV;
  Frag_Color = Color;
  gl_Position = ProjMtx * vec4(Position.xy, 0.0, 1.0);
}
