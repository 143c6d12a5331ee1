#!/usr/bin/env bash
# The README's picture of the reference stack stays what `stackgen graph`
# draws: docs/images/keencho.dot must be the current DOT, and (where
# Graphviz is installed) docs/images/keencho.svg what dot makes of it.
# The same for each pattern's picture (docs/patterns/images/, drawn from the
# stacks of docs/patterns/gallery), and every pattern page shows its own.
# To refresh them all: tools/update-docs-graph.sh
#
# usage: docs_graph.sh STACKGEN SCRATCH GALLERY
set -euo pipefail
stackgen=$1 scratch=$2 gallery=$3
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
# The patterns' pictures: one per gallery stack, current, and on its page.
patterns=$("$gallery" list | awk 'NR > 1 {print $1}')
[ -n "$patterns" ] || { echo "FAIL: the gallery has no stacks" >&2; exit 1; }
for pattern in $patterns; do
  dot_file="$root/docs/patterns/images/$pattern.dot"
  "$gallery" graph --stack "$pattern" --format dot >"$scratch/$pattern.dot"
  cmp -s "$scratch/$pattern.dot" "$dot_file" ||
    { echo "FAIL: docs/patterns/images/$pattern.dot is stale: run tools/update-docs-graph.sh" >&2; exit 1; }
  if command -v dot >/dev/null 2>&1; then
    dot -Tsvg "$dot_file" >"$scratch/$pattern.svg"
    cmp -s "$scratch/$pattern.svg" "${dot_file%.dot}.svg" ||
      { echo "FAIL: docs/patterns/images/$pattern.svg is not what dot draws: run tools/update-docs-graph.sh" >&2; exit 1; }
  fi
  grep -q "](images/$pattern.svg)" "$root/docs/patterns/$pattern.md" ||
    { echo "FAIL: docs/patterns/$pattern.md does not show images/$pattern.svg" >&2; exit 1; }
done
# No picture without its gallery stack.
for dot_file in "$root"/docs/patterns/images/*.dot; do
  name=$(basename "$dot_file" .dot)
  grep -qx "$name" <<<"$patterns" || { echo "FAIL: docs/patterns/images/$name.dot has no gallery stack" >&2; exit 1; }
done
echo "docs graph up to date"
