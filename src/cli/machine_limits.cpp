#include "machine_limits.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <string>

namespace digitlab {

namespace {

// MemAvailable from /proc/meminfo (node's file system reaches it from wasm too); 0 when
// it cannot be read.
double available_bytes() {
  std::ifstream meminfo("/proc/meminfo");
  std::string key;
  double kilobytes = 0;
  std::string unit;
  while (meminfo >> key >> kilobytes >> unit)
    if (key == "MemAvailable:") return kilobytes * 1024;
  return 0;
}

}  // namespace

ResourceLimits machine_limits() {
  ResourceLimits limits;
  double memory = available_bytes();
  const bool wasm = sizeof(void*) == 4;  // the wasm build: a 32-bit heap of at most 4 GB
  if (wasm) memory = memory > 0 ? std::min(memory, 3.5 * (1u << 30)) : 3.5 * (1u << 30);
  if (memory <= 0) memory = 4.0 * (1u << 30);  // no /proc: assume a small machine
  limits.memory_bytes = 0.8 * memory;          // room for the data and the rest of the process
  limits.memory_name = "the " + format_bytes(limits.memory_bytes) + " this machine has free for it";
  // bench/run.sh: a pass runs at 42 GFLOP/s natively, 27 in wasm; plain Eigen's
  // eigensolver at about 10 and 2.
  limits.flops_per_second = wasm ? 10e9 : 20e9;
  // Degree 2 without PCA on 1,000 digits (3.1 million weights): 1.7 s a pass natively
  // where 20 GFLOP/s says 0.6.
  limits.uncached_slowdown = wasm ? 2 : 3;
  limits.dense_flops_per_second = wasm ? 2e9 : 8e9;
  limits.max_step_seconds = 0;  // a terminal does not freeze
  limits.slow_seconds = 1800;
  return limits;
}

}  // namespace digitlab
