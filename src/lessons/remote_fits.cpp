#include "lessons/remote_fits.hpp"

#include <utility>

namespace digitlab::app {

int RemoteFits::start(const FitRequestPieces& request) {
  if (!available()) return 0;
  const int id = next_id_++;
  if (!post(id, request)) return 0;
  running_.insert(id);
  return id;
}

void RemoteFits::cancel(int id) {
  inbox_.erase(id);
  running_.erase(id);
  cancelled_.insert(id);
  if (cancel_fit && id > 0) cancel_fit(id);
}

void RemoteFits::deliver(int id, std::vector<std::uint8_t> report) {
  if (cancelled_.count(id)) return;
  Arrival& a = inbox_[id];
  if (!a.failure.empty()) return;  // a failure stands
  a.report = std::move(report);
}

void RemoteFits::fail(int id, const std::string& why, bool broken) {
  if (broken && broken_.empty()) broken_ = why;
  running_.erase(id);
  if (cancelled_.count(id)) return;
  Arrival& a = inbox_[id];
  a.report.clear();
  a.failure = why.empty() ? "the worker failed" : why;
  a.broken = broken;
}

std::optional<RemoteFits::Arrival> RemoteFits::take(int id) {
  const auto it = inbox_.find(id);
  if (it == inbox_.end()) return std::nullopt;
  Arrival a = std::move(it->second);
  inbox_.erase(it);
  return a;
}

}  // namespace digitlab::app
