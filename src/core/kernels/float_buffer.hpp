// FloatBuffer: a std::vector<float> whose data starts on a 64-byte cache line.
//
// Why: the kernels' panels and scratch are read and written on every block of every pass.
// With the allocator's 16-byte alignment, where they start within a line depended on what
// was allocated before them. In wasm, keeping the validation slice's blocks loaded
// (validation_watch.hpp) saved 0.7 ms a pass but moved later allocations, and every pass
// of PCA 30 + degree 2 on one worker got 4-5% slower; on cache lines, the saving shows.
#pragma once

#include <cstddef>
#include <new>
#include <vector>

namespace digitlab {

template <class T>
struct CacheLineAllocator {
  using value_type = T;
  static constexpr std::align_val_t kAlignment{64};
  CacheLineAllocator() = default;
  template <class U>
  CacheLineAllocator(const CacheLineAllocator<U>&) {}
  T* allocate(std::size_t n) { return static_cast<T*>(::operator new(n * sizeof(T), kAlignment)); }
  void deallocate(T* p, std::size_t) { ::operator delete(p, kAlignment); }
  template <class U>
  bool operator==(const CacheLineAllocator<U>&) const { return true; }
  template <class U>
  bool operator!=(const CacheLineAllocator<U>&) const { return false; }
};

using FloatBuffer = std::vector<float, CacheLineAllocator<float>>;

}  // namespace digitlab
