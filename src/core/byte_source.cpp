#include "byte_source.hpp"

#include <zlib.h>

#include <cstdio>
#include <memory>

#include "types.hpp"

namespace digitlab {

std::vector<std::uint8_t> read_file_bytes(const std::string& path, std::size_t max_bytes) {
  std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) throw DataError(path + ": cannot open file");
  std::vector<std::uint8_t> bytes;
  std::uint8_t chunk[1 << 16];
  std::size_t got;
  while ((got = std::fread(chunk, 1, sizeof chunk, file.get())) > 0) {
    if (bytes.size() + got > max_bytes)
      throw DataError(path + ": file is larger than " + std::to_string(max_bytes) + " bytes");
    bytes.insert(bytes.end(), chunk, chunk + got);
  }
  if (std::ferror(file.get())) throw DataError(path + ": read error");
  return bytes;
}

bool is_gzip(const std::vector<std::uint8_t>& bytes) {
  return bytes.size() >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b;
}

std::vector<std::uint8_t> gunzip(const std::vector<std::uint8_t>& compressed,
                                 std::size_t max_bytes, const std::string& name) {
  z_stream stream{};
  if (inflateInit2(&stream, 15 + 16) != Z_OK) throw DataError(name + ": zlib init failed");
  std::unique_ptr<z_stream, int (*)(z_stream*)> guard(&stream, &inflateEnd);
  stream.next_in = const_cast<Bytef*>(compressed.data());
  stream.avail_in = static_cast<uInt>(compressed.size());

  std::vector<std::uint8_t> out;
  std::uint8_t chunk[1 << 16];
  int status = Z_OK;
  while (status != Z_STREAM_END) {
    stream.next_out = chunk;
    stream.avail_out = sizeof chunk;
    status = inflate(&stream, Z_NO_FLUSH);
    if (status == Z_DATA_ERROR || status == Z_MEM_ERROR || status == Z_NEED_DICT ||
        status == Z_STREAM_ERROR)
      throw DataError(name + ": corrupt gzip stream (" +
                      (stream.msg ? stream.msg : "inflate error") + ")");
    std::size_t produced = sizeof chunk - stream.avail_out;
    if (out.size() + produced > max_bytes)
      throw DataError(name + ": decompresses to more than " + std::to_string(max_bytes) +
                      " bytes");
    out.insert(out.end(), chunk, chunk + produced);
    if (status == Z_BUF_ERROR || (produced == 0 && stream.avail_in == 0 && status != Z_STREAM_END))
      throw DataError(name + ": truncated gzip stream");
  }
  return out;
}

std::vector<std::uint8_t> read_maybe_gzip(const std::string& path, std::size_t max_bytes) {
  std::vector<std::uint8_t> bytes = read_file_bytes(path, max_bytes);
  if (!is_gzip(bytes)) return bytes;
  return gunzip(bytes, max_bytes, path);
}

}  // namespace digitlab
