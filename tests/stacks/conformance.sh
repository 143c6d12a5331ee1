#!/usr/bin/env bash
# Emit every stack of the project's stackgen binary (with the default
# context and with each documented context switch) and check every resource
# against the provider schema files.
set -euo pipefail
stackgen=$1 checker=$2 schema_dir=$3 scratch=$4
rm -rf "$scratch"
"$stackgen" emit --out "$scratch/default"
"$checker" "$schema_dir" "$scratch/default"
"$stackgen" emit --out "$scratch/with-key" -c "ssh_public_key=ssh-ed25519 AAAAtest"
"$checker" "$schema_dir" "$scratch/with-key"
