#include "core/common/failure_text.hpp"

#include <new>

namespace digitlab {

std::string failure_text(const std::exception& error) {
  if (dynamic_cast<const std::bad_alloc*>(&error))
    return "the browser gave the page no more memory (this device is short of it; fewer digits or features "
           "need less)";
  return error.what();
}

}  // namespace digitlab
