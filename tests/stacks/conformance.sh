#!/usr/bin/env bash
# Emit every stack of the project's stackgen binary (with the default
# context and with each documented context switch) and check every resource
# against the provider schema files.
set -euo pipefail
# usage: conformance.sh STACKGEN CHECKER SCRATCH SCHEMA.json...
stackgen=$1 checker=$2 scratch=$3
shift 3
rm -rf "$scratch"
"$stackgen" emit --out "$scratch/default"
"$checker" "$scratch/default" "$@"
"$stackgen" emit --out "$scratch/with-key" -c "ssh_public_key=ssh-ed25519 AAAAtest"
"$checker" "$scratch/with-key" "$@"
