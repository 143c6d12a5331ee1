#!/usr/bin/env bash
# Redraws the pictures of the docs from the project's own programs: the
# README's picture of the reference stack (docs/images/keencho.*) and one per
# pattern (docs/patterns/images/<pattern>.*, from the stacks of
# docs/patterns/gallery); the test cli_docs_graph checks them.
#   tools/update-docs-graph.sh [STACKGEN [GALLERY]]
set -euo pipefail
cd "$(dirname "$0")/.."
stackgen=${1:-build/stackgen}
gallery=${2:-build/stackgen-pattern-gallery}
mkdir -p docs/images docs/patterns/images
"$stackgen" graph --stack keencho --format dot >docs/images/keencho.dot
dot -Tsvg docs/images/keencho.dot >docs/images/keencho.svg
rm -f docs/patterns/images/*.dot docs/patterns/images/*.svg
for pattern in $("$gallery" list | awk 'NR > 1 {print $1}'); do
  "$gallery" graph --stack "$pattern" --format dot >"docs/patterns/images/$pattern.dot"
  dot -Tsvg "docs/patterns/images/$pattern.dot" >"docs/patterns/images/$pattern.svg"
done
echo "docs/images/keencho.{dot,svg} and docs/patterns/images/*.{dot,svg} updated"
