#include <catch2/catch.hpp>

#include "byte_source.hpp"
#include "idx_file.hpp"
#include "test_support.hpp"

using namespace digitlab;
using namespace digitlab::testing;

namespace {

IdxArray small_images() {
  IdxArray a;
  a.dims = {3, 2, 2};
  for (int i = 0; i < 12; ++i) a.data.push_back(static_cast<std::uint8_t>(i * 20));
  return a;
}

std::string error_of(const std::vector<std::uint8_t>& bytes) {
  try {
    parse_idx(bytes, "bad.idx");
  } catch (const DataError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("IDX files round-trip, plain and gzip-compressed", "[idx]") {
  const IdxArray a = small_images();
  const std::vector<std::uint8_t> bytes = encode_idx(a);
  // Header by hand: 00 00 08 03, then 3, 2, 2 as big-endian uint32.
  REQUIRE(bytes.size() == 4 + 12 + 12);
  CHECK(bytes[2] == 0x08);
  CHECK(bytes[3] == 3);
  CHECK(bytes[7] == 3);

  write_bytes(scratch_path("plain.idx"), bytes);
  write_bytes(scratch_path("packed.idx.gz"), gzip_bytes(bytes));
  for (const std::string& path : {scratch_path("plain.idx"), scratch_path("packed.idx.gz")}) {
    const IdxArray back = read_idx(path);
    CHECK(back.dims == a.dims);
    CHECK(back.data == a.data);
    CHECK(back.count() == 3);
    CHECK(back.item_size() == 4);
  }
}

TEST_CASE("IDX reader names the file and the problem", "[idx]") {
  std::vector<std::uint8_t> good = encode_idx(small_images());

  std::vector<std::uint8_t> magic = good;
  magic[0] = 0x1f;
  CHECK_THAT(error_of(magic), Catch::Contains("bad.idx") && Catch::Contains("magic"));

  std::vector<std::uint8_t> truncated(good.begin(), good.end() - 5);
  CHECK_THAT(error_of(truncated), Catch::Contains("truncated data"));

  std::vector<std::uint8_t> header_only(good.begin(), good.begin() + 10);
  CHECK_THAT(error_of(header_only), Catch::Contains("truncated IDX header"));

  std::vector<std::uint8_t> trailing = good;
  trailing.push_back(7);
  CHECK_THAT(error_of(trailing), Catch::Contains("unexpected bytes"));

  // 4 dimensions of 2^32-1: the product overflows 64 bits unless checked as it grows.
  std::vector<std::uint8_t> huge = {0, 0, 8, 4};
  for (int i = 0; i < 16; ++i) huge.push_back(0xff);
  CHECK_THAT(error_of(huge), Catch::Contains("more than 2^31"));

  std::vector<std::uint8_t> floats = good;
  floats[2] = 0x0D;
  CHECK_THAT(error_of(floats), Catch::Contains("not supported"));
}

TEST_CASE("a corrupt or truncated gzip stream is an error, not a crash", "[idx]") {
  const std::vector<std::uint8_t> packed = gzip_bytes(encode_idx(small_images()));
  std::vector<std::uint8_t> cut(packed.begin(), packed.begin() + static_cast<std::ptrdiff_t>(packed.size() / 2));
  CHECK_THROWS_WITH(gunzip(cut, 1 << 20, "cut.gz"), Catch::Contains("cut.gz") && Catch::Contains("truncated"));

  std::vector<std::uint8_t> garbled = packed;
  for (std::size_t i = 10; i < garbled.size() - 8; ++i) garbled[i] ^= 0x5a;
  CHECK_THROWS_AS(gunzip(garbled, 1 << 20, "garbled.gz"), DataError);

  // A limit below the real size stops the inflation instead of allocating on.
  CHECK_THROWS_WITH(gunzip(packed, 10, "limited.gz"), Catch::Contains("more than 10 bytes"));
}
