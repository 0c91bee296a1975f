// The IDX format of MNIST and Fashion-MNIST (http://yann.lecun.com/exdb/mnist/):
// a big-endian header (two zero bytes, an element-type byte, a dimension count, then
// one uint32 per dimension) followed by the elements.
//
//   IdxArray images = read_idx("train-images-idx3-ubyte.gz");  // dims {60000, 28, 28}
//
// Only unsigned bytes (type 0x08) are read, the type every image and label file uses.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/data/byte_source.hpp"

namespace digitlab {

struct IdxArray {
  std::vector<std::uint32_t> dims;
  std::vector<std::uint8_t> data;  // row-major, dims multiplied out

  std::size_t count() const { return dims.empty() ? 0 : dims[0]; }
  std::size_t item_size() const;  // product of dims after the first
};

// Largest element count accepted (2^31), and largest product of the non-zero dimensions
// (so an empty array cannot announce 2^32 - 1 items): bounds allocation for a hostile header.
constexpr std::uint64_t kMaxIdxElements = std::uint64_t{1} << 31;
// The largest IDX file accepted: the largest array and its header.
constexpr std::size_t kMaxIdxFileBytes = static_cast<std::size_t>(kMaxIdxElements) + 4 + 4 * 4;

// What an IDX header says, checked: magic, element type, rank, and the product of the
// non-zero dimensions within kMaxIdxElements. nullopt when `size` bytes are too few to tell yet.
struct IdxHeader {
  std::vector<std::uint32_t> dims;
  std::size_t header_bytes = 0;
  std::uint64_t elements = 0;  // product of dims
  std::uint64_t file_bytes() const { return header_bytes + elements; }
};
std::optional<IdxHeader> parse_idx_header(const std::uint8_t* data, std::size_t size, const std::string& name);

// The SizeBound of an IDX file (byte_source.hpp): exactly what its header announces.
SizeBound idx_size_bound(const std::string& name);

// Parses bytes already in memory; `name` appears in every error message.
IdxArray parse_idx(const std::vector<std::uint8_t>& bytes, const std::string& name);

// IDX bytes as a file holds them, plain or gzip-compressed: inflated no further than the
// header announces, then parsed. What read_idx does after reading the file.
IdxArray decode_idx(std::vector<std::uint8_t> bytes, const std::string& name);

// Reads a plain or gzip-compressed IDX file.
IdxArray read_idx(const std::string& path);

// Serializes (used by tests and by the digits.png fallback importer).
std::vector<std::uint8_t> encode_idx(const IdxArray& array);

// Writes an IDX file, gzip-compressed when the path ends in ".gz".
void save_idx(const IdxArray& array, const std::string& path);

}  // namespace digitlab
