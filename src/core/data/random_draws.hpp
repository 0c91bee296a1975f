// Uniform and normal draws from a seeded MT19937 that give the same numbers in every
// build. std::uniform_real_distribution and std::normal_distribution are free to differ
// between standard libraries (libstdc++ natively, libc++ in Emscripten), so the page and
// the tests would not see the same simulated samples; these two functions fix the recipe.
//
//   std::mt19937 rng(42);
//   double u = uniform01(rng);        // [0, 1)
//   double z = standard_normal(rng);  // mean 0, standard deviation 1 (Box-Muller)
#pragma once

#include <cstdint>
#include <random>

namespace digitlab {

// 32 random bits scaled to [0, 1).
double uniform01(std::mt19937& rng);

// Box and Muller (1958), the cosine half only: two uniforms per draw.
double standard_normal(std::mt19937& rng);

// An integer in [low, high], both included.
int uniform_int(std::mt19937& rng, int low, int high);

}  // namespace digitlab
