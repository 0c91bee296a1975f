// Reading whole files, plain or gzip-compressed, with a hard size limit.
//
//   std::vector<uint8_t> bytes = read_maybe_gzip("train-images-idx3-ubyte.gz", 1 << 30);
//
// The limit bounds the decompressed size, so a small hostile .gz cannot make the
// reader allocate without end (a "zip bomb"). A SizeBound tightens it from the content's
// first bytes: an IDX header says exactly how long the file is, so a 500 KB .gz that
// claims one byte of data stops after the first inflated chunk, not at the fixed limit.
//
//   bytes = read_maybe_gzip(path, kMaxIdxElements + 64, idx_size_bound(path));
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace digitlab {

// How long a file's content may be, as its first bytes tell.
struct SizeLimit {
  std::uint64_t bytes = 0;
  bool exact = false;  // the content is exactly `bytes` long (an IDX header's claim)
};

// Given the first `size` bytes of a file's content (decompressed), its SizeLimit, or
// nullopt to be asked again with more bytes (it is asked once more at the end with
// everything, and may then return nullopt for "no bound"). Throws DataError when the
// first bytes already show the content is bad.
using SizeBound = std::function<std::optional<SizeLimit>(const std::uint8_t* data, std::size_t size)>;

// The deflate format's largest expansion (zlib's FAQ: 1032:1). A header that claims more
// than this times the compressed size is lying, and is rejected before inflating it.
constexpr std::uint64_t kMaxDeflateRatio = 1032;

std::vector<std::uint8_t> read_file_bytes(const std::string& path, std::size_t max_bytes,
                                          const SizeBound& bound = {});

bool is_gzip(const std::vector<std::uint8_t>& bytes);

// Decompresses a gzip stream (members one after another, as gzip(1) writes them when
// appending); throws DataError naming `name` on a corrupt or truncated stream, on bytes
// after it that are no gzip member, or when the output would exceed max_bytes or `bound`.
std::vector<std::uint8_t> gunzip(const std::vector<std::uint8_t>& compressed,
                                 std::size_t max_bytes, const std::string& name,
                                 const SizeBound& bound = {});

// read_file_bytes, then gunzip when the file starts with the gzip magic. `bound` applies
// to the content: the plain file, or the decompressed stream.
std::vector<std::uint8_t> read_maybe_gzip(const std::string& path, std::size_t max_bytes,
                                          const SizeBound& bound = {});

// The same for bytes already in memory (the page, the fuzz targets).
std::vector<std::uint8_t> maybe_gunzip(std::vector<std::uint8_t> bytes, std::size_t max_bytes,
                                       const std::string& name, const SizeBound& bound = {});

}  // namespace digitlab
