#include "core/data/byte_source.hpp"

#include <sys/stat.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <limits>
#include <memory>

#include "core/common/types.hpp"

namespace digitlab {

namespace {

// Content arriving a chunk at a time, held to max_bytes and, as soon as its first bytes
// tell, to the SizeBound: nothing is appended past either, so nothing is allocated past
// them either.
class BoundedContent {
 public:
  // `source_bytes`: the size of what the content comes from (the file, or the gzip
  // stream), when known; an exact claim beyond what that source can give is refused
  // before reading on.
  BoundedContent(std::size_t max_bytes, const SizeBound& bound, std::string name, bool compressed,
                 std::optional<std::uint64_t> source_bytes)
      : limit_(max_bytes), max_bytes_(max_bytes), bound_(bound), name_(std::move(name)),
        compressed_(compressed), source_bytes_(source_bytes) {}

  void append(const std::uint8_t* data, std::size_t size) {
    if (size > limit_ - bytes_.size()) too_long();
    bytes_.insert(bytes_.end(), data, data + size);
    if (bound_ && !asked_last_) ask(false);
  }

  std::vector<std::uint8_t> finish() {
    if (bound_ && !asked_last_) ask(true);
    return std::move(bytes_);
  }

 private:
  void ask(bool last) {
    const std::optional<SizeLimit> claim = bound_(bytes_.data(), bytes_.size());
    if (!claim) {
      asked_last_ = last;
      return;
    }
    asked_last_ = true;
    claimed_ = claim->bytes;
    if (claim->exact && source_bytes_) {
      // What the source could give at most: a plain file its own size, a gzip stream
      // its deflate-limited expansion.
      const std::uint64_t most = compressed_ ? *source_bytes_ * kMaxDeflateRatio : *source_bytes_;
      if (claim->bytes > most)
        throw DataError(name_ + ": truncated data: its header announces " + std::to_string(claim->bytes) +
                        " bytes in all, " +
                        (compressed_ ? "more than a gzip stream of " + std::to_string(*source_bytes_) +
                                           " bytes can hold"
                                     : "the file holds " + std::to_string(*source_bytes_)));
    }
    if (claim->bytes < limit_) limit_ = static_cast<std::size_t>(claim->bytes);
    if (bytes_.size() > limit_) too_long();
  }

  [[noreturn]] void too_long() const {
    if (claimed_ && *claimed_ <= max_bytes_)
      throw DataError(name_ + (compressed_ ? ": decompresses to" : ": holds") + " more than the " +
                      std::to_string(*claimed_) + " bytes its header announces");
    throw DataError(name_ + (compressed_ ? ": decompresses to more than " : ": file is larger than ") +
                    std::to_string(max_bytes_) + " bytes");
  }

  std::vector<std::uint8_t> bytes_;
  std::size_t limit_;
  std::size_t max_bytes_;
  const SizeBound& bound_;
  std::string name_;
  bool compressed_;
  std::optional<std::uint64_t> source_bytes_;
  std::optional<std::uint64_t> claimed_;
  bool asked_last_ = false;
};

bool starts_gzip(const std::uint8_t* data, std::size_t size) {
  return size >= 2 && data[0] == 0x1f && data[1] == 0x8b;
}

}  // namespace

std::vector<std::uint8_t> read_file_bytes(const std::string& path, std::size_t max_bytes, const SizeBound& bound) {
  std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) throw DataError(path + ": cannot open file (" + std::strerror(errno) + ")");
  struct stat info;
  std::optional<std::uint64_t> file_size;
  if (fstat(fileno(file.get()), &info) == 0) {
    if (S_ISDIR(info.st_mode)) throw DataError(path + ": is a folder, not a file");
    if (S_ISREG(info.st_mode)) file_size = static_cast<std::uint64_t>(info.st_size);
  }
  if (file_size && *file_size > max_bytes)
    throw DataError(path + ": file is larger than " + std::to_string(max_bytes) + " bytes");
  BoundedContent content(max_bytes, bound, path, false, file_size);
  std::uint8_t chunk[1 << 16];
  std::size_t got;
  while ((got = std::fread(chunk, 1, sizeof chunk, file.get())) > 0) content.append(chunk, got);
  if (std::ferror(file.get())) throw DataError(path + ": read error (" + std::strerror(errno) + ")");
  return content.finish();
}

bool is_gzip(const std::vector<std::uint8_t>& bytes) { return starts_gzip(bytes.data(), bytes.size()); }

std::vector<std::uint8_t> gunzip(const std::vector<std::uint8_t>& compressed, std::size_t max_bytes,
                                 const std::string& name, const SizeBound& bound) {
  z_stream stream{};
  if (inflateInit2(&stream, 15 + 16) != Z_OK) throw DataError(name + ": zlib init failed");
  std::unique_ptr<z_stream, int (*)(z_stream*)> guard(&stream, &inflateEnd);
  if (compressed.size() > std::numeric_limits<uInt>::max()) throw DataError(name + ": gzip stream too large");
  stream.next_in = const_cast<Bytef*>(compressed.data());
  stream.avail_in = static_cast<uInt>(compressed.size());

  BoundedContent out(max_bytes, bound, name, true, std::uint64_t{compressed.size()});
  std::uint8_t chunk[1 << 16];
  for (;;) {
    stream.next_out = chunk;
    stream.avail_out = sizeof chunk;
    const int status = inflate(&stream, Z_NO_FLUSH);
    if (status == Z_DATA_ERROR || status == Z_MEM_ERROR || status == Z_NEED_DICT || status == Z_STREAM_ERROR)
      throw DataError(name + ": corrupt gzip stream (" + (stream.msg ? stream.msg : "inflate error") + ")");
    const std::size_t produced = sizeof chunk - stream.avail_out;
    out.append(chunk, produced);
    if (status == Z_STREAM_END) {
      if (stream.avail_in == 0) break;
      // Another gzip member follows (gzip(1) concatenates on append); anything else is junk.
      if (!starts_gzip(stream.next_in, stream.avail_in))
        throw DataError(name + ": " + std::to_string(stream.avail_in) + " unexpected bytes after the gzip stream");
      if (inflateReset(&stream) != Z_OK) throw DataError(name + ": zlib reset failed");
      continue;
    }
    if (status == Z_BUF_ERROR || (produced == 0 && stream.avail_in == 0))
      throw DataError(name + ": truncated gzip stream");
  }
  return out.finish();
}

std::vector<std::uint8_t> maybe_gunzip(std::vector<std::uint8_t> bytes, std::size_t max_bytes,
                                       const std::string& name, const SizeBound& bound) {
  if (is_gzip(bytes)) return gunzip(bytes, max_bytes, name, bound);
  // Plain bytes are in memory already: there is nothing left to bound (the parser checks
  // the content against its header).
  if (bytes.size() > max_bytes) throw DataError(name + ": larger than " + std::to_string(max_bytes) + " bytes");
  return bytes;
}

std::vector<std::uint8_t> read_maybe_gzip(const std::string& path, std::size_t max_bytes, const SizeBound& bound) {
  // The content bound applies to a plain file as it is read; a gzip file is read whole
  // (it is at most max_bytes) and bounded as it inflates.
  SizeBound plain_bound;
  if (bound)
    plain_bound = [&bound](const std::uint8_t* data, std::size_t size) -> std::optional<SizeLimit> {
      if (size < 2) return std::nullopt;
      if (starts_gzip(data, size)) return std::nullopt;
      return bound(data, size);
    };
  std::vector<std::uint8_t> bytes = read_file_bytes(path, max_bytes, plain_bound);
  if (!is_gzip(bytes)) return bytes;
  return gunzip(bytes, max_bytes, path, bound);
}

}  // namespace digitlab
