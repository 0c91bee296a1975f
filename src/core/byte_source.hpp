// Reading whole files, plain or gzip-compressed, with a hard size limit.
//
//   std::vector<uint8_t> bytes = read_maybe_gzip("train-images-idx3-ubyte.gz", 1 << 30);
//
// The limit bounds the decompressed size, so a small hostile .gz cannot make the
// reader allocate without end (a "zip bomb").
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace digitlab {

std::vector<std::uint8_t> read_file_bytes(const std::string& path, std::size_t max_bytes);

bool is_gzip(const std::vector<std::uint8_t>& bytes);

// Decompresses a gzip stream; throws DataError naming `name` on a corrupt or truncated
// stream or when the output would exceed max_bytes.
std::vector<std::uint8_t> gunzip(const std::vector<std::uint8_t>& compressed,
                                 std::size_t max_bytes, const std::string& name);

// read_file_bytes, then gunzip when the file starts with the gzip magic.
std::vector<std::uint8_t> read_maybe_gzip(const std::string& path, std::size_t max_bytes);

}  // namespace digitlab
