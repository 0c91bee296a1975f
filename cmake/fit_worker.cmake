# The page's training worker (issue 12): the learning core alone, run in a Web Worker by
# web/fit-worker.js (no ImGui, no SDL: a few hundred KB). Included from CMakeLists.txt
# inside if(EMSCRIPTEN); build-wasm.sh builds it beside digitlab_web, with and without SIMD.
add_executable(digitlab_fit_worker src/platform/fit_worker/main.cpp)
target_link_libraries(digitlab_fit_worker PRIVATE digitlab_core)
target_compile_options(digitlab_fit_worker PRIVATE -Wall -Wextra)
target_link_options(digitlab_fit_worker PRIVATE
  ${WASM_LINK_FLAGS}
  -sENVIRONMENT=worker
  -sMODULARIZE=0
  "-sEXPORTED_FUNCTIONS=[_main,_malloc,_free,_fit_begin,_fit_pixels,_fit_lent_first,_fit_lent_end,_fit_row_bytes,_fit_start,_fit_step,_fit_reply_size,_fit_running,_fit_error,_fit_stop,_fit_cancel,_fit_take_message,_fit_message_size,_fit_message_shard,_fit_waiting,_fit_shard_part,_fit_shards_lost,_shard_handle,_shard_covariance,_fit_reply]"
  "-sEXPORTED_RUNTIME_METHODS=[UTF8ToString,HEAPU8]")
digitlab_wasm_program(digitlab_fit_worker)
