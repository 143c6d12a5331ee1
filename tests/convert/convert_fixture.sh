#!/usr/bin/env bash
# Build step of convert_fixture_provisioners: `stackgen convert` of a fixture
# into the build tree, its summary kept in LOG for the test to read.
#
# usage: convert_fixture.sh STACKGEN SCHEMA_DIR FIXTURE OUT NAME LOG
set -euo pipefail
stackgen=$1 schemas=$2 fixture=$3 out=$4 name=$5 log=$6
STACKGEN_SCHEMA_DIR=$schemas "$stackgen" convert "$fixture" --out "$out" --name "$name" --aws-provider 5.100.0 \
  --force 2>"$log" || { cat "$log" >&2; exit 1; }
