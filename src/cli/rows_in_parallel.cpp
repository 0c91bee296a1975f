#include "rows_in_parallel.hpp"

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>
#include <vector>

namespace digitlab {

int default_jobs() { return std::max(1, static_cast<int>(std::thread::hardware_concurrency())); }

void run_in_order(std::size_t count, int jobs, const std::function<std::string(std::size_t)>& work,
                  const std::function<void(const std::string&)>& print) {
  const std::size_t threads = std::min<std::size_t>(count, static_cast<std::size_t>(std::max(1, jobs)));
  auto in_turn = [&] {
    for (std::size_t i = 0; i < count; ++i) print(work(i));
  };
  if (threads <= 1) return in_turn();
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<std::optional<std::string>> results(count);
  std::size_t next = 0, running = threads;
  std::exception_ptr failure;
  auto take_and_run = [&] {
    for (;;) {
      std::size_t i;
      {
        std::lock_guard<std::mutex> lock(mutex);
        if (failure || next == count) break;
        i = next++;
      }
      try {
        std::string result = work(i);
        std::lock_guard<std::mutex> lock(mutex);
        results[i] = std::move(result);
      } catch (...) {
        std::lock_guard<std::mutex> lock(mutex);
        if (!failure) failure = std::current_exception();
      }
      changed.notify_all();
    }
    std::lock_guard<std::mutex> lock(mutex);
    --running;
    changed.notify_all();
  };
  std::vector<std::thread> pool;
  try {
    for (std::size_t t = 0; t < threads; ++t) pool.emplace_back(take_and_run);
  } catch (const std::system_error&) {  // no threads here (the CLI as wasm under node)
    std::lock_guard<std::mutex> lock(mutex);
    running -= threads - pool.size();
  }
  if (pool.empty()) return in_turn();
  // Print each result once it and all before it are in; stop printing at a failure.
  for (std::size_t shown = 0; shown < count;) {
    std::unique_lock<std::mutex> lock(mutex);
    changed.wait(lock, [&] { return results[shown].has_value() || failure || running == 0; });
    if (!results[shown]) break;
    std::string line = std::move(*results[shown]);
    lock.unlock();
    print(line);
    ++shown;
  }
  for (std::thread& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace digitlab
