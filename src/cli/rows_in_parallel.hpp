// Runs independent pieces of work on a few threads and hands their results back in
// order: `seed-table`'s rows are separate fits, so two cores fit two rows at once while
// the table still prints top to bottom, each row as soon as it and the ones above it
// are done.
//
//   run_in_order(rows.size(), jobs, [&](std::size_t i) { return fit_row(rows[i]); },
//                [](const std::string& line) { std::puts(line.c_str()); });
//
// Work is taken in order by whichever thread is free, so the longest rows should come
// first. Where no thread can be started (the CLI as wasm under node, built without
// threads) the work runs on the calling thread, one piece after another.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

namespace digitlab {

// Threads worth using here: the machine's hardware threads, at least 1.
int default_jobs();

// Calls work(i) for i = 0 .. count - 1 on up to `jobs` threads and print(result of i) in
// order of i on the calling thread. An exception thrown by work stops the taking of new
// work and is rethrown here once the running pieces have ended.
void run_in_order(std::size_t count, int jobs, const std::function<std::string(std::size_t)>& work,
                  const std::function<void(const std::string&)>& print);

}  // namespace digitlab
