// An L-BFGS pass split by rows (issue 12): each shard holds an equal run of the pass's
// summation groups (pairwise_sums.hpp); shard 0 is evaluated where the solver runs, the
// others elsewhere (the page's other Web Workers), each returning its rows' loss and
// gradient at the pass's point. With 1, 2, 4, 8, 16 or 32 shards each part is a whole
// subtree of the groups' pairwise sum, so the run adds every number as an unshared run
// does and gives the same model, bit for bit; another count gives its own rounding.
// The parts are added in shard order, not arrival order, so a run gives the same model
// whichever worker answers first. Only these numbers cross: the point out (about 40 KB
// for PCA 30 + degree 2), a part back.
//
//   RowShards shards(objective.group_ends(), 2);
//   shards.begin_pass(theta);                  // then send shards.point() to shards 1..
//   shards.add(pass, shard, loss, grad);       // as the parts arrive
//   if (shards.complete()) shards.add_parts_to(objective);
#pragma once

#include <Eigen/Dense>
#include <vector>

namespace digitlab {

class LogisticObjective;

class RowShards {
 public:
  // `group_ends`: the objective's summation groups; `count` is capped at their number.
  RowShards(std::vector<Eigen::Index> group_ends, int count);

  int count() const { return static_cast<int>(first_groups_.size()) - 1; }
  // Shard `shard` holds groups [first_group(shard), first_group(shard + 1)).
  int first_group(int shard) const { return first_groups_[static_cast<std::size_t>(shard)]; }
  int groups(int shard) const { return first_group(shard + 1) - first_group(shard); }
  Eigen::Index begin(int shard) const { return group_begin(first_group(shard)); }
  Eigen::Index end(int shard) const { return group_begin(first_group(shard + 1)); }
  // Its groups' ends, counted from its first row (what its own objective sums by).
  std::vector<Eigen::Index> group_ends(int shard) const;

  // A new pass at theta; parts of earlier passes are refused from now on.
  void begin_pass(const Eigen::VectorXd& theta);
  int pass() const { return pass_; }
  const Eigen::VectorXd& point() const { return point_; }
  // Shard `shard`'s part of pass `pass`; false (and ignored) for a stale pass, a shard out
  // of range or a gradient of the wrong size.
  bool add(int pass, int shard, double loss, const Eigen::VectorXd& grad);
  bool complete() const;  // every other shard's part of this pass is in
  void add_parts_to(LogisticObjective& objective) const;

 private:
  Eigen::Index group_begin(int group) const { return group > 0 ? group_ends_[static_cast<std::size_t>(group) - 1] : 0; }

  std::vector<Eigen::Index> group_ends_;
  std::vector<int> first_groups_;  // count() + 1 entries, the last one the group count
  int pass_ = 0;
  Eigen::VectorXd point_;
  std::vector<double> losses_;
  std::vector<Eigen::VectorXd> grads_;
  std::vector<bool> received_;
};

}  // namespace digitlab
