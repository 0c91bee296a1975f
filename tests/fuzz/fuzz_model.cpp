// libFuzzer target: model files (.dlm) through decode_model, then predict and re-encode
// what decodes. See fuzz_checks.hpp; built and run like fuzz_idx.cpp.
#include "fuzz_checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  digitlab::fuzz::check_model_bytes(std::vector<std::uint8_t>(data, data + size));
  return 0;
}
