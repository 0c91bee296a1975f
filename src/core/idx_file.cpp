#include "idx_file.hpp"

#include <zlib.h>

#include "byte_source.hpp"
#include "types.hpp"

namespace digitlab {

std::size_t IdxArray::item_size() const {
  std::size_t size = 1;
  for (std::size_t i = 1; i < dims.size(); ++i) size *= dims[i];
  return size;
}

IdxArray parse_idx(const std::vector<std::uint8_t>& bytes, const std::string& name) {
  if (bytes.size() < 4) throw DataError(name + ": too short for an IDX header");
  if (bytes[0] != 0 || bytes[1] != 0)
    throw DataError(name + ": wrong magic number (not an IDX file)");
  if (bytes[2] != 0x08)
    throw DataError(name + ": IDX element type 0x" + std::to_string(bytes[2]) +
                    " is not supported (only unsigned bytes, 0x08)");
  const int rank = bytes[3];
  if (rank < 1 || rank > 4) throw DataError(name + ": IDX rank " + std::to_string(rank) + " is not 1 to 4");
  const std::size_t header = 4 + 4 * static_cast<std::size_t>(rank);
  if (bytes.size() < header) throw DataError(name + ": truncated IDX header");

  IdxArray array;
  std::uint64_t elements = 1;
  for (int d = 0; d < rank; ++d) {
    const std::uint8_t* p = &bytes[4 + 4 * d];
    std::uint32_t dim = (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) |
                        (std::uint32_t{p[2]} << 8) | std::uint32_t{p[3]};
    array.dims.push_back(dim);
    elements *= dim;  // cannot overflow: at most 4 factors below 2^32 stop below the check
    if (elements > kMaxIdxElements)
      throw DataError(name + ": IDX dimensions claim more than 2^31 elements");
  }
  const std::uint64_t available = bytes.size() - header;
  if (available < elements)
    throw DataError(name + ": truncated data: header claims " + std::to_string(elements) +
                    " bytes, file holds " + std::to_string(available));
  if (available > elements)
    throw DataError(name + ": " + std::to_string(available - elements) +
                    " unexpected bytes after the data");
  array.data.assign(bytes.begin() + static_cast<std::ptrdiff_t>(header), bytes.end());
  return array;
}

IdxArray read_idx(const std::string& path) {
  // The largest accepted array plus its header: anything beyond is not an IDX file here.
  return parse_idx(read_maybe_gzip(path, kMaxIdxElements + 64), path);
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
