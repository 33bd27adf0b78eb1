# The counters and checks every end-to-end script shares (sourced):
#   ok / bad NAME          count a pass or a failure (a failure is printed)
#   check NAME CMD…        runs CMD: a pass when it exits 0
# The script ends with `echo "$pass passed, $fail failed"` and its exit status.
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { local name=$1; shift; if "$@"; then ok; else bad "$name"; fi; }
