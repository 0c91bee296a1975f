#include "core/data/idx_file.hpp"

#include <zlib.h>

#include <cstdio>

#include "core/data/byte_source.hpp"
#include "core/common/types.hpp"

namespace digitlab {

std::size_t IdxArray::item_size() const {
  std::size_t size = 1;
  for (std::size_t i = 1; i < dims.size(); ++i) size *= dims[i];
  return size;
}

std::optional<IdxHeader> parse_idx_header(const std::uint8_t* data, std::size_t size, const std::string& name) {
  if (size < 4) return std::nullopt;
  if (data[0] != 0 || data[1] != 0) throw DataError(name + ": wrong magic number (not an IDX file)");
  if (data[2] != 0x08) {
    char code[8];
    std::snprintf(code, sizeof code, "0x%02X", data[2]);
    throw DataError(name + ": IDX element type " + code + " is not supported (only unsigned bytes, 0x08)");
  }
  const int rank = data[3];
  if (rank < 1 || rank > 4) throw DataError(name + ": IDX rank " + std::to_string(rank) + " is not 1 to 4");
  IdxHeader header;
  header.header_bytes = 4 + 4 * static_cast<std::size_t>(rank);
  if (size < header.header_bytes) return std::nullopt;

  // The product of the non-zero dimensions is bounded, not just the product of all: a
  // zero would otherwise hide any size beside it (an empty array of 2^31 x 0 images still
  // makes a reader size things by 2^31). Checked as it grows, it cannot overflow: a factor
  // below 2^32 times a product at most 2^31 stays below 2^63.
  std::uint64_t nonzero = 1;
  bool empty = false;
  for (int d = 0; d < rank; ++d) {
    const std::uint8_t* p = data + 4 + 4 * d;
    const std::uint32_t dim = (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) |
                              (std::uint32_t{p[2]} << 8) | std::uint32_t{p[3]};
    header.dims.push_back(dim);
    if (dim == 0) empty = true;
    else nonzero *= dim;
    if (nonzero > kMaxIdxElements) throw DataError(name + ": IDX dimensions claim more than 2^31 elements");
  }
  header.elements = empty ? 0 : nonzero;
  return header;
}

SizeBound idx_size_bound(const std::string& name) {
  return [name](const std::uint8_t* data, std::size_t size) -> std::optional<SizeLimit> {
    const std::optional<IdxHeader> header = parse_idx_header(data, size, name);
    if (!header) return std::nullopt;
    return SizeLimit{header->file_bytes(), true};
  };
}

IdxArray parse_idx(const std::vector<std::uint8_t>& bytes, const std::string& name) {
  std::optional<IdxHeader> header = parse_idx_header(bytes.data(), bytes.size(), name);
  if (!header) {
    throw DataError(name + (bytes.size() < 4 ? ": too short for an IDX header" : ": truncated IDX header"));
  }
  // Sizes are checked before anything is allocated.
  const std::uint64_t available = bytes.size() - header->header_bytes;
  if (available < header->elements)
    throw DataError(name + ": truncated data: header claims " + std::to_string(header->elements) +
                    " bytes, file holds " + std::to_string(available));
  if (available > header->elements)
    throw DataError(name + ": " + std::to_string(available - header->elements) + " unexpected bytes after the data");
  IdxArray array;
  array.dims = std::move(header->dims);
  array.data.assign(bytes.begin() + static_cast<std::ptrdiff_t>(header->header_bytes), bytes.end());
  return array;
}

IdxArray decode_idx(std::vector<std::uint8_t> bytes, const std::string& name) {
  return parse_idx(maybe_gunzip(std::move(bytes), kMaxIdxFileBytes, name, idx_size_bound(name)), name);
}

IdxArray read_idx(const std::string& path) {
  return parse_idx(read_maybe_gzip(path, kMaxIdxFileBytes, idx_size_bound(path)), path);
}

std::vector<std::uint8_t> encode_idx(const IdxArray& array) {
  std::vector<std::uint8_t> bytes = {0, 0, 0x08, static_cast<std::uint8_t>(array.dims.size())};
  for (std::uint32_t dim : array.dims)
    for (int shift = 24; shift >= 0; shift -= 8) bytes.push_back(static_cast<std::uint8_t>(dim >> shift));
  bytes.insert(bytes.end(), array.data.begin(), array.data.end());
  return bytes;
}

void save_idx(const IdxArray& array, const std::string& path) {
  const std::vector<std::uint8_t> bytes = encode_idx(array);
  const bool compress = path.size() > 3 && path.compare(path.size() - 3, 3, ".gz") == 0;
  gzFile file = gzopen(path.c_str(), compress ? "wb6" : "wbT");  // T: plain, no gzip wrapper
  if (!file) throw DataError(path + ": cannot write");
  const int written = gzwrite(file, bytes.data(), static_cast<unsigned>(bytes.size()));
  if (gzclose(file) != Z_OK || written != static_cast<int>(bytes.size())) throw DataError(path + ": write failed");
}

}  // namespace digitlab
