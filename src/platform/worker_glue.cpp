#include "platform/worker_glue.hpp"

#include <emscripten.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/jobs/fit_messages.hpp"

namespace digitlab::platform {

namespace {

// Hands a run's request to one of the worker sets (web/fit-workers.js's start()) as a
// table of (pointer, length, later) triples: the pieces not marked later (the request's
// head and tail) are joined in order before this returns; those marked later (the fit
// rows' pixels, in a dataset the app keeps alive and unchanged meanwhile,
// src/app/work/training.cpp) are joined in order into a buffer of their own a few MB at a
// time after it returns. The worker takes the two apart (SplitFitRequest).
bool start_worker_run(const char* set, int run, const std::vector<std::uint32_t>& table) {
  return EM_ASM_INT({
    var set = window.digitlab && window.digitlab[UTF8ToString($0)];
    return set ? set.start($1, $2, $3) : 0;
  }, set, run, table.data(), static_cast<int>(table.size() / 3)) != 0;
}

void add_piece(std::vector<std::uint32_t>& table, const std::uint8_t* data, std::size_t size, bool later) {
  table.insert(table.end(), {static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(data)),
                             static_cast<std::uint32_t>(size), later ? 1u : 0u});
}

bool start_worker_run(const char* set, int run, const FitRequestPieces& request) {
  std::vector<std::uint32_t> table;
  add_piece(table, request.head.data(), request.head.size(), false);
  for (const auto& piece : request.pixel_runs) add_piece(table, piece.data, piece.size, true);
  add_piece(table, request.tail.data(), request.tail.size(), false);
  return start_worker_run(set, run, table);
}

}  // namespace

void connect_fit_worker(app::App& app) {
  app::FitWorkerCalls calls;
  calls.start = [](int run, const FitRequestPieces& request) { return start_worker_run("fitWorker", run, request); };
  calls.stop = [](int run) { EM_ASM({ window.digitlab.fitWorker.send('stop', $0); }, run); };
  calls.request_model = [](int run) { EM_ASM({ window.digitlab.fitWorker.send('model', $0); }, run); };
  calls.cancel = [](int run) { EM_ASM({ window.digitlab.fitWorker.send('cancel', $0); }, run); };
  calls.prepare = [] {
    EM_ASM({ if (window.digitlab && window.digitlab.fitWorker && window.digitlab.fitWorker.prepare) window.digitlab.fitWorker.prepare(); });
  };
  calls.problem = [] {
    char text[256] = {};
    EM_ASM({
      var why = window.digitlab && window.digitlab.fitWorker ? window.digitlab.fitWorker.problem() : 'no worker';
      stringToUTF8(String(why || ''), $0, $1);
    }, text, static_cast<int>(sizeof text));
    return std::string(text);
  };
  app::set_fit_worker(app, std::move(calls));
}

void connect_chapter_worker(app::App& app) {
  app::set_chapter_worker(
      app, [](int id, const FitRequestPieces& request) { return start_worker_run("chapterWorker", id, request); },
      [](int id) { EM_ASM({ window.digitlab.chapterWorker.send('cancel', $0); }, id); });
}

}  // namespace digitlab::platform
