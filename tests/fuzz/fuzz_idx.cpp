// libFuzzer target: IDX bytes, plain or gzip-compressed, through decode_idx (gunzip
// bounded by the header, then parse_idx) and make_dataset. See fuzz_checks.hpp.
//   cmake -S . -B build/fuzz -DDIGITLAB_FUZZ=ON -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14
//   cmake --build build/fuzz --target fuzz_idx
//   mkdir -p build/fuzz/corpus/idx
//   build/fuzz/fuzz_idx -max_total_time=600 -timeout=10 build/fuzz/corpus/idx tests/fuzz/corpus/idx
// New finds go to build/fuzz/corpus/idx; what adds coverage joins the committed corpus with
//   build/fuzz/fuzz_idx -merge=1 tests/fuzz/corpus/idx build/fuzz/corpus/idx
// and tests/test_fuzz_corpus.cpp replays it on every test run. A crash or a report leaves
// its input as ./crash-* (or oom-*, timeout-*): fix the core, then add the input to the corpus.
#include "fuzz_checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  digitlab::fuzz::check_idx_bytes(std::vector<std::uint8_t>(data, data + size));
  return 0;
}
