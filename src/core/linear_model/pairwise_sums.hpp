// The order a full pass adds its rows' losses and gradients in, fixed by the row count
// and the features (issue 12), so a model does not depend on how many workers shared
// its rows: the rows fall in 32 groups (their ends at multiples of 128 rows,
// QuadraticBlock's panels, or of the objective's blocks where those are small: see
// LogisticObjective's constructor), each group is summed on its own from zero, and the
// groups' sums are added pairwise up one binary tree, ((g0 + g1) + (g2 + g3)) + ...
// A worker holding an aligned
// run of 32 / W groups (W a power of two) sums its own subtree; the solver adds the
// workers' subtrees the same way, so 1, 2, 4 or 8 workers add every number alike.
//
//   const auto ends = summation_group_ends(rows);   // 32 ends, the last one `rows`
//   PairwiseSums sums(parameter_count);
//   sums.push(group_loss, group_grad, 1);            // each group in order, once summed
//   sums.push(part_loss, part_grad, 16);             // or a worker's subtree of 16 groups
//   double loss = sums.total(grad);
#pragma once

#include <Eigen/Dense>
#include <vector>

namespace digitlab {

constexpr int kSummationGroups = 32;

// Where each of the 32 groups of `rows` rows ends, at multiples of `granule` rows but
// the last; groups of small inputs can be empty.
std::vector<Eigen::Index> summation_group_ends(Eigen::Index rows, Eigen::Index granule = 128);

class PairwiseSums {
 public:
  explicit PairwiseSums(Eigen::Index size = 0) : size_(size) {}
  void clear(Eigen::Index size);
  bool empty() const { return stack_.empty(); }
  // The next sum in row order, covering `groups` groups. Two neighbours covering as many
  // groups are added at once (a binary counter), which builds the tree as sums arrive.
  void push(double loss, Eigen::VectorXd grad, int groups);
  // Everything pushed, added up (from the right, if the counts never paired off).
  double total(Eigen::VectorXd& grad);

 private:
  struct Sum {
    double loss;
    Eigen::VectorXd grad;
    int groups;
  };
  void add_top_two();

  Eigen::Index size_;
  std::vector<Sum> stack_;
};

}  // namespace digitlab
