# shellcheck shell=bash
# Sourced by the tests that answer AWS API calls with moto_server on
# 127.0.0.1 (convert plan equality, the consumer's pipeline plan, the S3
# backend), so that they start and stop it the same way:
#
#   . "$root/tools/moto.sh"
#   start_moto "$scratch/moto.log" [NAME=VALUE ...]   # environment for moto_server
#   ... "http://127.0.0.1:$moto_port" ...
#
# It listens on a free port ($moto_port), is killed when the shell exits (an
# EXIT trap: the caller sets none of its own), and start_moto returns once
# it answers HTTP, or after 10 s (the test's own requests then fail loudly).
start_moto() {
  local log=$1
  shift
  moto_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  env "$@" moto_server -H 127.0.0.1 -p "$moto_port" >"$log" 2>&1 &
  moto_pid=$!
  trap 'kill $moto_pid 2>/dev/null || true' EXIT
  for _ in $(seq 50); do
    curl -s "http://127.0.0.1:$moto_port/" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
}
