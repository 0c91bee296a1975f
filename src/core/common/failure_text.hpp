// What an exception that ended some work says to a learner. The page's jobs (training,
// evaluation, the chapters' runs) end alone on any exception; this names the cause.
#pragma once

#include <exception>
#include <string>

namespace digitlab {

// std::bad_alloc in words (in the browser: the wasm heap grows on demand up to 4 GB, but a
// device short of memory can refuse to grow it); anything else as its what() says.
std::string failure_text(const std::exception& error);

}  // namespace digitlab
