// Plain little-endian values with counts, for the messages between the page and its
// workers (fit_messages.hpp, shard_messages.hpp): both ends are this code compiled to
// wasm. A Reader checks every read against the bytes left, so a truncated or malformed
// message throws DataError instead of reading past its end.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/common/types.hpp"
#include "core/linear_model/setting_names.hpp"

namespace digitlab {

class Writer {
 public:
  template <typename T>
  void put(T value) {
    static_assert(std::is_trivially_copyable_v<T>);
    const auto* p = reinterpret_cast<const std::uint8_t*>(&value);
    bytes.insert(bytes.end(), p, p + sizeof(T));
  }
  void put_bytes(const void* data, std::size_t size) {
    put<std::uint64_t>(size);
    const auto* p = static_cast<const std::uint8_t*>(data);
    bytes.insert(bytes.end(), p, p + size);
  }
  void put_string(const std::string& s) { put_bytes(s.data(), s.size()); }
  template <typename T>
  void put_vector(const std::vector<T>& v) { put_bytes(v.data(), v.size() * sizeof(T)); }
  std::vector<std::uint8_t> bytes;
};

class Reader {
 public:
  explicit Reader(const std::vector<std::uint8_t>& bytes) : bytes_(bytes) {}
  template <typename T>
  T get() {
    T value;
    std::memcpy(&value, take(sizeof(T)), sizeof(T));
    return value;
  }
  // A counted run of bytes: its start and size.
  std::pair<const std::uint8_t*, std::size_t> get_bytes() {
    const auto size = get<std::uint64_t>();
    if (size > bytes_.size() - at_) fail();
    return {take(size), size};
  }
  const std::uint8_t* get_raw(std::size_t n) { return take(n); }
  std::string get_string() {
    const auto [p, n] = get_bytes();
    return std::string(reinterpret_cast<const char*>(p), n);
  }
  template <typename T>
  std::vector<T> get_vector() {
    const auto [p, n] = get_bytes();
    if (n % sizeof(T) != 0) fail();
    std::vector<T> v(n / sizeof(T));
    if (n) std::memcpy(v.data(), p, n);
    return v;
  }
  // An enum's value, checked against its names (setting_names.hpp): a bad one is a bad message.
  template <typename Enum>
  Enum get_enum() {
    const auto value = get<std::int32_t>();
    if (value < 0 || value >= enum_count<Enum>()) throw DataError("fit message: unknown setting value");
    return static_cast<Enum>(value);
  }
  void expect_end() const {
    if (at_ != bytes_.size()) throw DataError("fit message: trailing bytes");
  }

 private:
  [[noreturn]] static void fail() { throw DataError("fit message: truncated or malformed"); }
  const std::uint8_t* take(std::size_t n) {
    if (n > bytes_.size() - at_) fail();
    const std::uint8_t* p = bytes_.data() + at_;
    at_ += n;
    return p;
  }
  const std::vector<std::uint8_t>& bytes_;
  std::size_t at_ = 0;
};

}  // namespace digitlab
