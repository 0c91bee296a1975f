# The browser app: Dear ImGui + SDL2 (both compiled from Debian source packages) on WebGL2.
# Included from CMakeLists.txt inside if(EMSCRIPTEN); build-wasm.sh builds the target
# digitlab_web and assembles build/site from its output (digitlab_web.js + .wasm).
# Prerequisites: scripts/fetch-sources.sh imgui and scripts/build-sdl2-wasm.sh.

set(IMGUI_DIR "${DIGITLAB_DEPS_DIR}/src/imgui")
set(SDL2_WASM_DIR "${DIGITLAB_DEPS_DIR}/sdl2-wasm")
# Without them (a build of the core and its tests only, as scripts/test.sh's wasm step
# does before build-wasm.sh has fetched them) the page's target is left out.
if(NOT EXISTS "${IMGUI_DIR}/imgui.cpp" OR NOT EXISTS "${SDL2_WASM_DIR}/lib/libSDL2.a")
  message(STATUS "digitlab_web left out: run scripts/fetch-sources.sh imgui and scripts/build-sdl2-wasm.sh (build-wasm.sh does)")
  return()
endif()

# [SECTION] SDL2, built by scripts/build-sdl2-wasm.sh (Emscripten's own port downloads)
add_library(sdl2_wasm STATIC IMPORTED)
set_target_properties(sdl2_wasm PROPERTIES
  IMPORTED_LOCATION "${SDL2_WASM_DIR}/lib/libSDL2.a"
  INTERFACE_INCLUDE_DIRECTORIES "${SDL2_WASM_DIR}/include/SDL2")

# [SECTION] Dear ImGui with its SDL2 and OpenGL3 backends
# Its word wrap may break a line after any '.', ',', ';', '!', '?' or '"', which splits
# numbers and names on narrow screens ("4," then "960 weights", "model." then "dlm", "digit?"
# then '"' at 390 px). The build compiles a copy of imgui_draw.cpp in which such a mark
# ends a word only when a blank or the text's end follows it. A different ImGui without
# that line stops the configure step.
set(IMGUI_WRAP_RULE "inside_word = (c != '.' && c != ',' && c != ';' && c != '!' && c != '?' && c != '\\\"');")
set(IMGUI_WRAP_RULE_KEEPING_WORDS
    "inside_word = (c != '.' && c != ',' && c != ';' && c != '!' && c != '?' && c != '\\\"') || (next_s < text_end && *next_s != ' ' && *next_s != '\\t' && *next_s != '\\n');")
file(READ "${IMGUI_DIR}/imgui_draw.cpp" IMGUI_DRAW_SOURCE)
string(FIND "${IMGUI_DRAW_SOURCE}" "${IMGUI_WRAP_RULE}" IMGUI_WRAP_RULE_AT)
if(IMGUI_WRAP_RULE_AT EQUAL -1)
  message(FATAL_ERROR "${IMGUI_DIR}/imgui_draw.cpp: ImFont::CalcWordWrapPositionA's punctuation rule not found; update cmake/web_app.cmake for this ImGui")
endif()
string(REPLACE "${IMGUI_WRAP_RULE}" "${IMGUI_WRAP_RULE_KEEPING_WORDS}" IMGUI_DRAW_SOURCE "${IMGUI_DRAW_SOURCE}")
set(IMGUI_DRAW_COPY "${CMAKE_BINARY_DIR}/generated/imgui_draw_wrapping_numbers.cpp")
set(IMGUI_DRAW_COPY_BEFORE "")
if(EXISTS "${IMGUI_DRAW_COPY}")
  file(READ "${IMGUI_DRAW_COPY}" IMGUI_DRAW_COPY_BEFORE)
endif()
if(NOT IMGUI_DRAW_COPY_BEFORE STREQUAL IMGUI_DRAW_SOURCE)  # else an unchanged copy is not rebuilt
  file(WRITE "${IMGUI_DRAW_COPY}" "${IMGUI_DRAW_SOURCE}")
endif()
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${IMGUI_DIR}/imgui_draw.cpp")
add_library(imgui_wasm STATIC
  "${IMGUI_DIR}/imgui.cpp"
  "${IMGUI_DRAW_COPY}"
  "${IMGUI_DIR}/imgui_tables.cpp"
  "${IMGUI_DIR}/imgui_widgets.cpp"
  "${IMGUI_DIR}/backends/imgui_impl_sdl.cpp"
  "${IMGUI_DIR}/backends/imgui_impl_opengl3.cpp")
target_include_directories(imgui_wasm SYSTEM PUBLIC "${IMGUI_DIR}" "${IMGUI_DIR}/backends")
# The backend guesses GL ES 2 on Emscripten; WebGL2 is GL ES 3 ("#version 300 es").
target_compile_definitions(imgui_wasm PUBLIC IMGUI_IMPL_OPENGL_ES3)
target_link_libraries(imgui_wasm PUBLIC sdl2_wasm)

# [SECTION] The page's program: the app (src/app) on the platform layer (src/platform)
file(GLOB_RECURSE WEB_APP_SOURCES CONFIGURE_DEPENDS src/app/*.cpp src/platform/*.cpp)
list(FILTER WEB_APP_SOURCES EXCLUDE REGEX "/src/app/logic/|/src/platform/fit_worker/")
add_executable(digitlab_web ${WEB_APP_SOURCES})
# shaders/*.glsl as string literals in <build>/generated/shaders.hpp (colormap_shader.cpp)
include(cmake/shaders.cmake)
target_include_directories(digitlab_web PRIVATE "${SHADER_HEADER_DIR}")
target_link_libraries(digitlab_web PRIVATE imgui_wasm digitlab_app_logic)
target_compile_options(digitlab_web PRIVATE -Wall -Wextra)

# C functions web/digitlab.js calls (src/platform/web_main.cpp), and the runtime helpers it
# uses. FS: the page writes the font into the in-memory file system before main().
set(WEB_EXPORTED_FUNCTIONS _main _malloc _free
    _digitlab_state_json _digitlab_address _digitlab_share_copied _digitlab_clear _digitlab_draw_rect_json _digitlab_wrap_lines _digitlab_file_loaded _digitlab_file_failed _digitlab_gl_restored _digitlab_canvas_cleared
    _digitlab_import_model _digitlab_export_model _digitlab_export_model_size
    _digitlab_train _digitlab_stop _digitlab_show_panel _digitlab_focus_first_field _digitlab_explain _digitlab_open _digitlab_inject_fault
    _digitlab_save_drawing _digitlab_delete_drawing _digitlab_drawings_version _digitlab_export_drawings _digitlab_evaluate_on _digitlab_show_comparison _digitlab_set_datasets _digitlab_use_dataset
    _digitlab_access_json _digitlab_undo _digitlab_use_test_digit _digitlab_lesson_step _digitlab_text_input_active
    _digitlab_fit_report _digitlab_fit_failed _digitlab_chapter_report _digitlab_chapter_failed)
set(WEB_RUNTIME_METHODS ccall cwrap UTF8ToString HEAPU8 HEAPU32 FS)
list(JOIN WEB_EXPORTED_FUNCTIONS "," WEB_EXPORTED_FUNCTIONS_CSV)
list(JOIN WEB_RUNTIME_METHODS "," WEB_RUNTIME_METHODS_CSV)
# Output is .js + .wasm only: emcc's .html output dies in its minifier (TOOLCHAIN.md
# trap 3); the page is web/index.html.
target_link_options(digitlab_web PRIVATE
  ${WASM_LINK_FLAGS}
  -sENVIRONMENT=web
  -sUSE_WEBGL2=1 -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2
  -sMODULARIZE=0
  "-sEXPORTED_FUNCTIONS=[${WEB_EXPORTED_FUNCTIONS_CSV}]"
  "-sEXPORTED_RUNTIME_METHODS=[${WEB_RUNTIME_METHODS_CSV}]")
digitlab_wasm_program(digitlab_web)
