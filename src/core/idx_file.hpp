// The IDX format of MNIST and Fashion-MNIST (http://yann.lecun.com/exdb/mnist/):
// a big-endian header (two zero bytes, an element-type byte, a dimension count, then
// one uint32 per dimension) followed by the elements.
//
//   IdxArray images = read_idx("train-images-idx3-ubyte.gz");  // dims {60000, 28, 28}
//
// Only unsigned bytes (type 0x08) are read, the type every image and label file uses.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace digitlab {

struct IdxArray {
  std::vector<std::uint32_t> dims;
  std::vector<std::uint8_t> data;  // row-major, dims multiplied out

  std::size_t count() const { return dims.empty() ? 0 : dims[0]; }
  std::size_t item_size() const;  // product of dims after the first
};

// Largest element count accepted (2^31): bounds allocation for a hostile header.
constexpr std::uint64_t kMaxIdxElements = std::uint64_t{1} << 31;

// Parses bytes already in memory; `name` appears in every error message.
IdxArray parse_idx(const std::vector<std::uint8_t>& bytes, const std::string& name);

// Reads a plain or gzip-compressed IDX file.
IdxArray read_idx(const std::string& path);

// Serializes (used by tests and by the digits.png fallback importer).
std::vector<std::uint8_t> encode_idx(const IdxArray& array);

// Writes an IDX file, gzip-compressed when the path ends in ".gz".
void save_idx(const IdxArray& array, const std::string& path);

}  // namespace digitlab
