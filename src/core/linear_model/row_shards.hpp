// An L-BFGS pass split by rows (issue 12): the rows are cut into `count` ranges of
// about equal work; shard 0 is evaluated where the solver runs, the others elsewhere (the page's
// other Web Workers), each returning its rows' loss and gradient at the pass's point.
// Shard 0 can be lighter by the rows' worth of the other work its worker does every pass
// (the page's: scoring the validation slice), so the shards finish nearer together.
// The parts are added in shard order, not arrival order, so a run gives the same model
// whichever worker answers first. Only these numbers cross: the point out (about 40 KB
// for PCA 30 + degree 2), a part back.
//
//   RowShards shards(rows, 2);
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
  RowShards(Eigen::Index rows, int count, Eigen::Index first_lighter_by = 0);

  int count() const { return static_cast<int>(begins_.size()); }
  Eigen::Index begin(int shard) const { return begins_[static_cast<std::size_t>(shard)]; }
  Eigen::Index end(int shard) const;

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
  Eigen::Index rows_;
  std::vector<Eigen::Index> begins_;
  int pass_ = 0;
  Eigen::VectorXd point_;
  std::vector<double> losses_;
  std::vector<Eigen::VectorXd> grads_;
  std::vector<bool> received_;
};

}  // namespace digitlab
