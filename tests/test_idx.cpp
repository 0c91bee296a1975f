#include <catch2/catch.hpp>

#include <algorithm>

#include "core/data/byte_source.hpp"
#include "core/data/idx_file.hpp"
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

namespace {

// An IDX header for `dims` followed by `data_bytes` zero bytes (whatever the header says).
std::vector<std::uint8_t> idx_with(std::vector<std::uint32_t> dims, std::size_t data_bytes) {
  IdxArray a;
  a.dims = std::move(dims);
  std::vector<std::uint8_t> bytes = encode_idx(a);
  bytes.resize(bytes.size() + data_bytes, 0);
  return bytes;
}

std::string decode_error(const std::vector<std::uint8_t>& bytes) {
  try {
    decode_idx(bytes, "in.idx");
  } catch (const DataError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("a small .gz that inflates far beyond its header stops at the first chunk", "[idx]") {
  // 17 bytes announced (a 1x1x1 array), 8 MB of zeros inflated: a 8 KB "zip bomb".
  const std::vector<std::uint8_t> bomb = gzip_bytes(idx_with({1, 1, 1}, 8u << 20));
  REQUIRE(bomb.size() < 16384);
  std::size_t largest_prefix = 0;
  const SizeBound idx_bound = idx_size_bound("bomb.gz");
  const SizeBound watched = [&](const std::uint8_t* data, std::size_t size) {
    largest_prefix = std::max(largest_prefix, size);
    return idx_bound(data, size);
  };
  CHECK_THROWS_WITH(gunzip(bomb, kMaxIdxFileBytes, "bomb.gz", watched),
                    Catch::Contains("bomb.gz") && Catch::Contains("more than the 17 bytes its header announces"));
  CHECK(largest_prefix <= 65536);  // the bound was known after the first inflated chunk
  CHECK_THAT(decode_error(bomb), Catch::Contains("17 bytes its header announces"));

  write_bytes(scratch_path("bomb.idx.gz"), bomb);
  CHECK_THROWS_WITH(read_idx(scratch_path("bomb.idx.gz")), Catch::Contains("its header announces"));
}

TEST_CASE("a header that claims more than the file can hold is refused before reading on", "[idx]") {
  // 60000 x 28 x 28 announced, 100 bytes present: plain, and gzip-compressed (47 MB cannot
  // come out of a gzip stream of a few dozen bytes: deflate expands at most 1032:1).
  const std::vector<std::uint8_t> plain = idx_with({60000, 28, 28}, 100);
  write_bytes(scratch_path("claims.idx"), plain);
  CHECK_THROWS_WITH(read_idx(scratch_path("claims.idx")),
                    Catch::Contains("claims.idx") && Catch::Contains("truncated data") &&
                        Catch::Contains("the file holds 116"));
  CHECK_THAT(decode_error(gzip_bytes(plain)), Catch::Contains("more than a gzip stream of"));
  CHECK_THAT(decode_error(plain), Catch::Contains("truncated data"));
}

TEST_CASE("IDX headers: rank, element type and item size are checked", "[idx]") {
  // A zero dimension must not hide a size past any bound beside it (found by fuzz_idx: an
  // empty 2114125824 x 0 x 18612252 array made a reader size its labels by 2^31).
  CHECK_THAT(decode_error(idx_with({0, 0xffffffffu, 0xffffffffu}, 0)), Catch::Contains("more than 2^31"));
  CHECK_THAT(decode_error(idx_with({0xffffffffu, 0, 28}, 0)), Catch::Contains("more than 2^31"));
  CHECK_THAT(decode_error(idx_with({2114125824u, 0, 18612252u}, 0)), Catch::Contains("more than 2^31"));
  CHECK_THAT(decode_error(idx_with({0, 28, 28}, 0)), Catch::Equals(""));  // empty, but well-formed
  CHECK_THAT(decode_error({0, 0, 8, 0}), Catch::Contains("rank 0"));
  CHECK_THAT(decode_error({0, 0, 8, 5}), Catch::Contains("rank 5"));
  CHECK_THAT(decode_error({0, 0, 0x0D, 1, 0, 0, 0, 0}), Catch::Contains("element type 0x0D"));
  CHECK_THAT(decode_error({}), Catch::Contains("too short"));
  CHECK_THAT(decode_error({0x1f, 0x8b}), Catch::Contains("truncated gzip stream"));
}

TEST_CASE("gzip: members one after another are one file; junk after the stream is an error", "[idx]") {
  const std::vector<std::uint8_t> whole = encode_idx(small_images());
  const std::vector<std::uint8_t> head(whole.begin(), whole.begin() + 10), tail(whole.begin() + 10, whole.end());
  std::vector<std::uint8_t> two = gzip_bytes(head);
  const std::vector<std::uint8_t> second = gzip_bytes(tail);
  two.insert(two.end(), second.begin(), second.end());
  CHECK(decode_idx(two, "two.gz").data == small_images().data);

  std::vector<std::uint8_t> junk = gzip_bytes(whole);
  junk.push_back(0);
  CHECK_THROWS_WITH(gunzip(junk, 1 << 20, "junk.gz"), Catch::Contains("1 unexpected bytes after the gzip stream"));
}

TEST_CASE("reading a missing file or a folder names it and says why", "[idx]") {
  CHECK_THROWS_WITH(read_idx("/nonexistent-digitlab/x.idx"),
                    Catch::Contains("/nonexistent-digitlab/x.idx") && Catch::Contains("cannot open"));
  CHECK_THROWS_WITH(read_idx("/"), Catch::Contains("is a folder"));
  write_bytes(scratch_path("eleven.bin"), std::vector<std::uint8_t>(11, 1));
  CHECK_THROWS_WITH(read_file_bytes(scratch_path("eleven.bin"), 10), Catch::Contains("larger than 10 bytes"));
}
