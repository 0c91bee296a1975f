// The colormap program (shaders/colormap.*.glsl, embedded by cmake/shaders.cmake) and
// the ImDrawList callback that switches to it for one image: a callback before the
// image binds the program with the chosen map, ImDrawCallback_ResetRenderState after it
// hands the GL state back to Dear ImGui's OpenGL3 backend (src/app/colormap.hpp).
#include <GLES3/gl3.h>

#include <cstdint>
#include <string>

#include "app/widgets/colormap.hpp"
#include "shaders.hpp"  // generated: kShader_colormap_vert, kShader_colormap_frag

namespace digitlab::app {

namespace {

struct ColormapProgram {
  unsigned context = 0;  // gl_context_generation() it was compiled for
  bool tried = false;
  GLuint program = 0;
  GLint projection = -1, texture = -1, colormap = -1;
  std::string status = "not used yet";
};

// GL objects belong to the one context of the page, as the backend's own do.
ColormapProgram g_colormap;

GLuint compile(GLenum stage, const char* source, std::string& log) {
  const GLuint shader = glCreateShader(stage);
  glShaderSource(shader, 1, &source, nullptr);
  glCompileShader(shader);
  GLint ok = GL_FALSE;
  glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
  if (ok) return shader;
  char text[1024] = "";
  glGetShaderInfoLog(shader, sizeof text, nullptr, text);
  log = std::string(stage == GL_VERTEX_SHADER ? "vertex" : "fragment") + " shader: " + text;
  glDeleteShader(shader);
  return 0;
}

// Compiled on first use, inside the backend's render pass (the context is current).
bool ready() {
  ColormapProgram& p = g_colormap;
  if (p.context != gl_context_generation()) p = ColormapProgram{gl_context_generation()};  // a restored context
  if (p.tried) return p.program != 0;
  p.tried = true;
  std::string log;
  const GLuint vertex = compile(GL_VERTEX_SHADER, kShader_colormap_vert, log);
  const GLuint fragment = vertex ? compile(GL_FRAGMENT_SHADER, kShader_colormap_frag, log) : 0;
  if (!vertex || !fragment) {
    p.status = log;
    if (vertex) glDeleteShader(vertex);
    return false;
  }
  const GLuint program = glCreateProgram();
  glAttachShader(program, vertex);
  glAttachShader(program, fragment);
  glLinkProgram(program);
  glDeleteShader(vertex);
  glDeleteShader(fragment);
  GLint ok = GL_FALSE;
  glGetProgramiv(program, GL_LINK_STATUS, &ok);
  if (!ok) {
    char text[1024] = "";
    glGetProgramInfoLog(program, sizeof text, nullptr, text);
    p.status = std::string("link: ") + text;
    glDeleteProgram(program);
    return false;
  }
  p.program = program;
  p.projection = glGetUniformLocation(program, "ProjMtx");
  p.texture = glGetUniformLocation(program, "Texture");
  p.colormap = glGetUniformLocation(program, "Colormap");
  p.status = "ok";
  return true;
}

// Runs in ImGui_ImplOpenGL3_RenderDrawData just before the image's draw command, with
// the backend's vertex array and buffers bound.
void use_colormap(const ImDrawList*, const ImDrawCmd* command) {
  if (!ready()) return;  // the backend's own program draws the image in gray
  const ImDrawData* data = ImGui::GetDrawData();
  // The backend's orthographic projection of the display rectangle.
  const float l = data->DisplayPos.x, r = data->DisplayPos.x + data->DisplaySize.x;
  const float t = data->DisplayPos.y, b = data->DisplayPos.y + data->DisplaySize.y;
  const float projection[4][4] = {
      {2.0f / (r - l), 0.0f, 0.0f, 0.0f},
      {0.0f, 2.0f / (t - b), 0.0f, 0.0f},
      {0.0f, 0.0f, -1.0f, 0.0f},
      {(r + l) / (l - r), (t + b) / (b - t), 0.0f, 1.0f},
  };
  glUseProgram(g_colormap.program);
  glUniformMatrix4fv(g_colormap.projection, 1, GL_FALSE, &projection[0][0]);
  glUniform1i(g_colormap.texture, 0);
  glUniform1i(g_colormap.colormap, static_cast<GLint>(reinterpret_cast<std::intptr_t>(command->UserCallbackData)));
  // The program's attribute locations are fixed by layout(location) in the shader; the
  // reset callback after the image re-points the backend's own.
  const GLsizei stride = sizeof(ImDrawVert);
  glEnableVertexAttribArray(0);
  glEnableVertexAttribArray(1);
  glEnableVertexAttribArray(2);
  glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(IM_OFFSETOF(ImDrawVert, pos)));
  glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(IM_OFFSETOF(ImDrawVert, uv)));
  glVertexAttribPointer(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride, reinterpret_cast<void*>(IM_OFFSETOF(ImDrawVert, col)));
}

void* as_callback_data(Colormap map) {
  return reinterpret_cast<void*>(static_cast<std::intptr_t>(map));
}

}  // namespace

void colormap_rect(ImDrawList* draw, const Texture& texture, ImVec2 a, ImVec2 b, Colormap map, ImVec2 uv0,
                   ImVec2 uv1) {
  if (!texture.has_image()) return;
  draw->AddCallback(use_colormap, as_callback_data(map));
  draw->AddImage(texture.imgui_id(), a, b, uv0, uv1);
  draw->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
}

void colormap_image(const Texture& texture, ImVec2 size, Colormap map, ImVec2 uv0, ImVec2 uv1) {
  const ImVec2 a = ImGui::GetCursorScreenPos();
  ImGui::Dummy(size);
  if (ImGui::IsItemVisible()) colormap_rect(ImGui::GetWindowDrawList(), texture, a, ImVec2(a.x + size.x, a.y + size.y), map, uv0, uv1);
}

std::string colormap_shader_status() { return g_colormap.status; }

}  // namespace digitlab::app
