#include "peak_memory.hpp"

#if defined(__wasm__)
namespace digitlab {
double peak_memory_mb() { return __builtin_wasm_memory_size(0) * 65536.0 / 1048576.0; }
}  // namespace digitlab
#else
#include <sys/resource.h>
namespace digitlab {
double peak_memory_mb() {
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;  // Linux reports kilobytes
}
}  // namespace digitlab
#endif
