// Peak memory of this process in MB: the resident set's high-water mark natively, the
// size of the linear memory in wasm (it only grows, so its size is its peak).
#pragma once

namespace digitlab {

double peak_memory_mb();

}  // namespace digitlab
