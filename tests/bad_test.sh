#!/usr/bin/env bash
# The bad-input corpus: runs `jixiao validate` on every tests/bad/*.yaml
# (from inside tests/bad, so messages name the bare file) and compares the
# exit code, stdout and stderr exactly with the sibling .expected file.
# Usage: bad_test.sh JIXIAO SOURCE_DIR [--update]
#   --update rewrites the .expected files; review the diff before committing.
set -u
JX=$(realpath "$1")
SRC=$2
UPDATE=${3:-}
cd "$SRC/tests/bad" || exit 2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
for f in *.yaml; do
  exp=${f%.yaml}.expected
  "$JX" validate "$f" >"$T/out" 2>"$T/err"
  rc=$?
  { echo "exit $rc"; echo "--- stdout"; cat "$T/out"; echo "--- stderr"; cat "$T/err"; } >"$T/got"
  if [ "$UPDATE" = "--update" ]; then
    cp "$T/got" "$exp"
  elif [ ! -f "$exp" ]; then
    echo "FAIL: $f has no $exp"
    fail=$((fail + 1))
  elif diff -u "$exp" "$T/got" >"$T/diff"; then
    pass=$((pass + 1))
  else
    echo "FAIL: $f"
    head -40 "$T/diff"
    fail=$((fail + 1))
  fi
done
for e in *.expected; do
  [ -f "${e%.expected}.yaml" ] || { echo "FAIL: $e has no input"; fail=$((fail + 1)); }
done
echo "$pass passed, $fail failed"
test "$fail" -eq 0
