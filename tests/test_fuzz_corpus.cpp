// The fuzz corpora (tests/fuzz/corpus/, seeds plus what libFuzzer found, minimized) as a
// regression test: every file either parses and passes the targets' checks or is refused
// with DataError. Runs natively and as wasm; the fuzzers themselves need clang (see
// tests/fuzz/fuzz_idx.cpp).
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "core/data/byte_source.hpp"
#include "fuzz/fuzz_checks.hpp"

using namespace digitlab;

namespace {

std::vector<std::string> corpus_files(const std::string& kind) {
  std::vector<std::string> files;
  const std::filesystem::path dir = std::filesystem::path(DIGITLAB_SOURCE_DIR) / "tests" / "fuzz" / "corpus" / kind;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.is_regular_file()) files.push_back(entry.path().string());
  return files;
}

template <typename Check>
void replay(const std::string& kind, Check check) {
  const std::vector<std::string> files = corpus_files(kind);
  REQUIRE(files.size() >= 4);  // at least the seeds of tests/fuzz/make_seeds.cpp
  int failures = 0;
  for (const std::string& file : files) {
    try {
      check(read_file_bytes(file, std::size_t{1} << 24));
    } catch (const std::exception& e) {  // DataError is caught inside the checks
      ++failures;
      FAIL_CHECK(file << ": " << e.what());
    }
  }
  CHECK(failures == 0);
}

}  // namespace

TEST_CASE("every IDX corpus file parses or is refused with DataError", "[fuzz_corpus]") {
  replay("idx", digitlab::fuzz::check_idx_bytes);
}

TEST_CASE("every model corpus file decodes or is refused with DataError", "[fuzz_corpus]") {
  replay("model", digitlab::fuzz::check_model_bytes);
}
