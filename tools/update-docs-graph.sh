#!/usr/bin/env bash
# Redraws the README's picture of the reference stack (docs/images/keencho.*)
# from the project's own stackgen binary; the test cli_docs_graph checks it.
#   tools/update-docs-graph.sh [STACKGEN]
set -euo pipefail
cd "$(dirname "$0")/.."
stackgen=${1:-build/stackgen}
mkdir -p docs/images
"$stackgen" graph --stack keencho --format dot >docs/images/keencho.dot
dot -Tsvg docs/images/keencho.dot >docs/images/keencho.svg
echo "docs/images/keencho.{dot,svg} updated"
