// The levels and findings of a batch's rows in an anonymous temporary file
// (engine/summary.h RowDetails), so that the rows held in memory are light:
// memory stays flat in the number of submissions (the bulk of a row is its
// findings' text). The file is removed by the system when the run ends,
// however it ends.
//
// spill() may be called from several threads at once (each record is
// written at an offset reserved atomically); restore() only once the
// spilling is done. Errors (disk full …) throw std::runtime_error with a
// Chinese message.
#pragma once

#include <atomic>
#include <cstdint>

#include "engine/summary.h"

namespace jx::cli {

class RowSpool final : public RowDetails {
 public:
  RowSpool();
  ~RowSpool() override;
  RowSpool(const RowSpool&) = delete;
  RowSpool& operator=(const RowSpool&) = delete;

  /// Moves the row's levels, findings and leaf actuals to the file; the row becomes light.
  void spill(SubmissionRow& row);
  void restore(SubmissionRow& row) const override;

  /// Bytes written so far.
  [[nodiscard]] std::int64_t size() const { return end_.load(); }

 private:
  int fd_ = -1;
  std::atomic<std::int64_t> end_{0};
};

}  // namespace jx::cli
