// Checks on the 运行监控 snapshots and across the year (pure; the rules and
// thresholds are RuleSet::monitor data, lifecycle.md §2.6 and §4.1 F3):
//
// check_snapshots (every month; what `jixiao monitor` and `score` share):
// - errors: a reason or possibility that is not one of the rule set's words
//   (M3, M4);
// - warning monitor-note-missing: a reason ticked (note_required.reasons) or a
//   possibility of note_required.possibilities without a note (M2);
// - warning monitor-reason-missing: such a possibility with no reason ticked
//   (note_required.possibility_needs_reason);
// - warning monitor-forecast-below-executed: the funds' year-end forecast
//   below what was already spent by that month (M5).
//
// check_year_end (after scoring; warnings only, and only when the score has
// no errors):
// - monitor-red-unexplained: the light of the budget or of a leaf was red at
//   some month, the year-end grade is one of red_then_grades (优) and the
//   year end says nothing about it (funds.reason for the budget, the leaf's
//   note for a leaf); one warning per item, at its latest red month;
// - monitor-forecast-off: the latest snapshot's forecast differs from the
//   year-end figure by more than forecast_deviation × the year-end figure
//   (numbers only; exactly at the threshold is not flagged; a year-end 0
//   with a non-zero forecast is).
//
// monitor_year_checks runs both plus every month's lights (their errors
// too, except that a month missing for some leaves or the funds is one
// warning monitor-incomplete per month) for score_project; it does nothing
// without snapshots or without a `monitor:` section in the rule set.
#pragma once

#include "engine/diagnostic.h"
#include "engine/model.h"
#include "engine/rules.h"
#include "engine/score.h"

namespace jx {

void check_snapshots(const Project& project, const RuleSet& rules, Diagnostics& diags);

void check_year_end(const Project& project, const RuleSet& rules, const ProjectScore& score, Diagnostics& diags);

/// For score_project: lights of every month (errors), check_snapshots and,
/// when scoring found no error, check_year_end; all into score.diagnostics.
void monitor_year_checks(const Project& project, const RuleSet& rules, ProjectScore& score);

}  // namespace jx
