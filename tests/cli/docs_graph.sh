#!/usr/bin/env bash
# The README's picture of the reference stack stays what `stackgen graph`
# draws: docs/images/keencho.dot must be the current DOT, and (where
# Graphviz is installed) docs/images/keencho.svg what dot makes of it.
# To refresh both: tools/update-docs-graph.sh
#
# usage: docs_graph.sh STACKGEN SCRATCH
set -euo pipefail
stackgen=$1 scratch=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
rm -rf "$scratch" && mkdir -p "$scratch"
"$stackgen" graph --stack keencho --format dot >"$scratch/keencho.dot"
if ! cmp -s "$scratch/keencho.dot" "$root/docs/images/keencho.dot"; then
  diff "$root/docs/images/keencho.dot" "$scratch/keencho.dot" | head -20
  echo "FAIL: docs/images/keencho.dot is stale: run tools/update-docs-graph.sh" >&2
  exit 1
fi
if command -v dot >/dev/null 2>&1; then
  dot -Tsvg "$root/docs/images/keencho.dot" >"$scratch/keencho.svg"
  cmp -s "$scratch/keencho.svg" "$root/docs/images/keencho.svg" ||
    { echo "FAIL: docs/images/keencho.svg is not what dot draws from keencho.dot: run tools/update-docs-graph.sh" >&2; exit 1; }
  # --format svg gives the same picture.
  "$stackgen" graph --stack keencho --format svg >"$scratch/direct.svg"
  cmp -s "$scratch/direct.svg" "$scratch/keencho.svg" || { echo "FAIL: graph --format svg differs from dot -Tsvg" >&2; exit 1; }
else
  echo "NOTE: Graphviz's dot is not installed: the SVG was not checked"
fi
# Without dot on PATH, --format svg says how to get it.
if PATH=/nonexistent "$stackgen" graph --stack keencho --format svg >/dev/null 2>"$scratch/nodot.err"; then
  echo "FAIL: --format svg without dot succeeded" >&2
  exit 1
fi
grep -q "apt install graphviz" "$scratch/nodot.err" || { cat "$scratch/nodot.err"; exit 1; }
"$stackgen" graph --stack keencho --format mermaid >"$scratch/keencho.mmd"
head -1 "$scratch/keencho.mmd" | grep -qx "flowchart LR" || { echo "FAIL: mermaid header" >&2; exit 1; }
grep -q 'n_keencho_aws_lb_app_alb\["aws_lb.app-alb"\]' "$scratch/keencho.mmd" || { echo "FAIL: mermaid node" >&2; exit 1; }
echo "docs graph up to date"
