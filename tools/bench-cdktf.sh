#!/usr/bin/env bash
# tools/bench-cdktf.sh — the CDKTF side of the benchmarks (bench/cdktf/README.md):
# the same seed stack and scaling stack as stackgen's, synthesized by CDKTF on
# this machine, so tools/bench.sh can compare in one session.
#
#   tools/bench-cdktf.sh                  set up, then every metric (4-6 min)
#   tools/bench-cdktf.sh METRIC...        set up, then these metrics, with
#                                         their warm-ups and repeats
#   tools/bench-cdktf.sh --setup          install and compile only
#   tools/bench-cdktf.sh --once METRIC    one sample of METRIC: no warm-up, no
#                                         repeats (set up first if needed, untimed)
#   tools/bench-cdktf.sh --validate [plan] terraform validate (and plan) both
#                                         synthesized programs, offline
#   tools/bench-cdktf.sh --list           the metrics
#
# Metrics:
#   seed_synth          `node dist/main.js`: the precompiled seed stack, whole
#                       process (median of 11 after 2 warm-ups)
#   edit_loop           edit src/keencho/backend.ts, `tsc` (incremental), then
#                       `node dist/main.js` (median of 5 after 1 warm-up)
#   scale_synth         `node dist/scale.js 671`: 10,077 resources (median of 3)
#   tsc_cold            `tsc` with no incremental state (median of 3)
#   edit_loop_libcheck  edit_loop with skipLibCheck off (tsconfig.libcheck.json)
#   tsc_cold_libcheck   tsc_cold with skipLibCheck off
#   edit_loop_tsc7      edit_loop with TypeScript 7 (the native tsc)
#   tsc_cold_tsc7       tsc_cold with TypeScript 7
#   versions            node, cdktf, constructs, providers, TypeScript
#
# Output: one `cdktf.<key> <value>` line per figure on stdout, seconds for
# times (wall clock; `<metric>_cpu` is user + system CPU of the process);
# progress goes to stderr. When node or npm is missing or the install fails it
# prints `cdktf.skipped <reason>` and exits 0; a build or synth error exits 1.
#
# Environment:
#   STACKGEN_CDKTF_CACHE   where npm installs and builds (default
#                          $HOME/.cache/stackgen-cdktf); the repo gets nothing
#   STACKGEN_CDKTF_UNITS   service units of the scaling stack (default 671)
#   STACKGEN_CDKTF_SEED_RUNS / _SEED_WARMUPS / _EDIT_RUNS / _SCALE_RUNS / _TSC_RUNS
#                          repeats (defaults 11 / 2 / 5 / 3 / 3)
# Installs and the untimed setup build run under `nice`; measurements do not,
# as stackgen's are not. Timings are wall clock: compare on an idle machine, or
# alternate the two tools (--once) so both see the same load.
set -euo pipefail
cd "$(dirname "$0")/.."
src_dir=$(pwd)/bench/cdktf
cache=${STACKGEN_CDKTF_CACHE:-${HOME:-/root}/.cache/stackgen-cdktf}
work=$cache/work
units=${STACKGEN_CDKTF_UNITS:-671}
seed_runs=${STACKGEN_CDKTF_SEED_RUNS:-11}
seed_warmups=${STACKGEN_CDKTF_SEED_WARMUPS:-2}
edit_runs=${STACKGEN_CDKTF_EDIT_RUNS:-5}
scale_runs=${STACKGEN_CDKTF_SCALE_RUNS:-3}
tsc_runs=${STACKGEN_CDKTF_TSC_RUNS:-3}
all_metrics=(versions seed_synth edit_loop scale_synth tsc_cold edit_loop_libcheck tsc_cold_libcheck edit_loop_tsc7 tsc_cold_tsc7)

say() { echo "bench-cdktf: $*" >&2; }
out() { echo "cdktf.$*"; }
skip() {
  say "SKIP: $2"
  out "skipped $1"
  exit 0
}
die() {
  say "FAIL: $*"
  exit 1
}
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
minimum() { sort -g | head -n 1; }
maximum() { sort -g | tail -n 1; }

# timed CMD...: runs CMD (stdout dropped, stderr to $work/last.err) and sets
# wall and cpu (seconds, 3 decimals); fails the script when CMD fails.
wall=0 cpu=0
timed() {
  local t
  t=$( { TIMEFORMAT='%3R %3U %3S'; time "$@" >/dev/null 2>"$work/last.err"; } 2>&1 ) || {
    cat "$work/last.err" >&2
    die "failed: $*"
  }
  read -r wall u s <<<"$t"
  cpu=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.3f", u + s }')
}

# --- setup -------------------------------------------------------------------

check_tools() {
  command -v node >/dev/null 2>&1 || skip no-node "node not found on PATH: the CDKTF benchmark needs node >= 20.9 and npm"
  command -v npm >/dev/null 2>&1 || skip no-npm "npm not found on PATH: the CDKTF benchmark needs node >= 20.9 and npm"
  local v
  v=$(node -p 'process.versions.node')
  node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 9) ? 0 : 1)' ||
    skip old-node "node $v is older than 20.9, which @cdktf/provider-aws 20.1.0 requires"
}

install() {
  local want have=""
  want=$(sha256sum "$src_dir/package-lock.json" | cut -d' ' -f1)
  [ -f "$work/node_modules/.stackgen-lock-sha256" ] && have=$(cat "$work/node_modules/.stackgen-lock-sha256")
  [ "$want" = "$have" ] && return 0
  say "npm ci into $work (package-lock.json changed or first run; ~1 min, ~450 MB)"
  mkdir -p "$work"
  cp "$src_dir/package.json" "$src_dir/package-lock.json" "$work/"
  if ! (cd "$work" && nice npm ci --no-audit --no-fund --loglevel=error) >"$cache/npm-ci.log" 2>&1; then
    tail -n 20 "$cache/npm-ci.log" >&2
    skip npm-ci-failed "npm ci failed (log: $cache/npm-ci.log): no registry access?"
  fi
  echo "$want" >"$work/node_modules/.stackgen-lock-sha256"
}

# Copies the sources into $work where they differ (so tsc's incremental state
# stays valid) and removes the ones the repo no longer has. Sets `synced` when
# anything changed.
synced=0
sync_sources() {
  local f rel
  synced=0
  while IFS= read -r -d '' f; do
    rel=${f#"$src_dir"/}
    if ! cmp -s "$f" "$work/$rel"; then
      mkdir -p "$(dirname "$work/$rel")"
      cp "$f" "$work/$rel"
      synced=1
    fi
  done < <(find "$src_dir/src" "$src_dir"/tsconfig*.json -type f \( -name '*.ts' -o -name '*.json' \) -print0)
  while IFS= read -r -d '' f; do
    rel=${f#"$work"/}
    [ -e "$src_dir/$rel" ] || { rm -f "$f"; synced=1; }
  done < <(find "$work/src" -type f -print0)
}

# tsc_bin VARIANT / tsconfig_of VARIANT / dist_of VARIANT: for "" (the default:
# TypeScript 5.9, skipLibCheck on), "libcheck" and "tsc7".
tsc_bin() { if [ "$1" = tsc7 ]; then echo "$work/node_modules/typescript-7/bin/tsc"; else echo "$work/node_modules/typescript/bin/tsc"; fi; }
tsconfig_of() { if [ -n "$1" ]; then echo "$work/tsconfig.$1.json"; else echo "$work/tsconfig.json"; fi; }
dist_of() { if [ -n "$1" ]; then echo "$work/dist-$1"; else echo "$work/dist"; fi; }

# build VARIANT: an untimed (niced) incremental build when sources changed or
# that variant was never built.
build() {
  local dist
  dist=$(dist_of "$1")
  if [ "$synced" = 1 ] || [ ! -f "$dist/main.js" ] || [ ! -f "$dist/scale.js" ]; then
    say "building ${1:-default} ($(basename "$(tsconfig_of "$1")"))"
    nice "$(tsc_bin "$1")" -p "$(tsconfig_of "$1")" >&2 || die "tsc failed (${1:-default} variant)"
  fi
}

setup() {
  check_tools
  mkdir -p "$cache"
  install
  mkdir -p "$work/out"
  sync_sources
  build ""
  [ "$synced" = 1 ] && rm -rf "$work/dist-libcheck" "$work/dist-tsc7"  # rebuilt when measured
  synced=0
}

# --- measurements ------------------------------------------------------------

# count_resources FILE: resource blocks in a Terraform JSON file.
count_resources() {
  node -e 'const d = require(process.argv[1]); let n = 0; for (const t of Object.values(d.resource || {})) n += Object.keys(t).length; console.log(n)' "$1"
}

seed_once() { # sets wall cpu
  timed node "$work/dist/main.js" "$work/out/seed"
}

scale_once() { # sets wall cpu
  timed env STACKGEN_CDKTF_PHASES=1 node "$work/dist/scale.js" "$units" "$work/out/scale"
}

# One edit of backend.ts: a new trailing comment each time, so tsc must
# re-check and re-emit the file (a touch alone changes nothing for tsc, which
# compares contents).
edit_counter=0
edit_backend() {
  local f=$work/src/keencho/backend.ts
  edit_counter=$((edit_counter + 1))
  sed -i '/^\/\/ bench-cdktf edit /d' "$f"
  echo "// bench-cdktf edit $edit_counter $$" >>"$f"
}

# Puts back the repo's backend.ts and rebuilds (untimed) so dist matches it.
restore_backend() {
  local variant=$1
  cp "$src_dir/src/keencho/backend.ts" "$work/src/keencho/backend.ts"
  nice "$(tsc_bin "$variant")" -p "$(tsconfig_of "$variant")" >&2 || die "tsc failed restoring backend.ts"
}

edit_tsc=0 edit_synth=0
edit_once() { # VARIANT; sets wall cpu edit_tsc edit_synth
  local variant=$1 dist c1
  dist=$(dist_of "$variant")
  edit_backend
  timed "$(tsc_bin "$variant")" -p "$(tsconfig_of "$variant")"
  edit_tsc=$wall c1=$cpu
  timed node "$dist/main.js" "$work/out/edit-${variant:-default}"
  edit_synth=$wall
  wall=$(awk -v a="$edit_tsc" -v b="$edit_synth" 'BEGIN { printf "%.3f", a + b }')
  cpu=$(awk -v a="$c1" -v b="$cpu" 'BEGIN { printf "%.3f", a + b }')
}

tsc_cold_once() { # VARIANT; sets wall cpu
  local variant=$1
  rm -rf "$(dist_of "$variant")"
  timed "$(tsc_bin "$variant")" -p "$(tsconfig_of "$variant")"
}

metric_versions() {
  local nm=$work/node_modules
  pkg() { node -p "require('$nm/$1/package.json').$2"; }
  out "version.node $(node --version)"
  out "version.npm $(npm --version)"
  out "version.cdktf $(pkg cdktf version)"
  out "version.constructs $(pkg constructs version)"
  out "version.provider_aws $(pkg @cdktf/provider-aws version)"
  out "version.provider_aws_terraform $(pkg @cdktf/provider-aws cdktf.provider.version)"
  out "version.provider_tls $(pkg @cdktf/provider-tls version)"
  out "version.provider_tls_terraform $(pkg @cdktf/provider-tls cdktf.provider.version)"
  out "version.typescript $(pkg typescript version)"
  out "version.typescript_tsc7 $(pkg typescript-7 version)"
}

metric_seed_synth() {
  local i walls=() cpus=()
  say "seed_synth: $seed_warmups warm-ups, $seed_runs runs of node dist/main.js"
  for ((i = 0; i < seed_warmups; i++)); do seed_once; done
  for ((i = 0; i < seed_runs; i++)); do
    seed_once
    walls+=("$wall") cpus+=("$cpu")
  done
  out "seed_synth $(printf '%s\n' "${walls[@]}" | median)"
  out "seed_synth_min $(printf '%s\n' "${walls[@]}" | minimum)"
  out "seed_synth_max $(printf '%s\n' "${walls[@]}" | maximum)"
  out "seed_synth_cpu $(printf '%s\n' "${cpus[@]}" | median)"
  out "seed_synth_runs $seed_runs"
  seed_output
}

seed_output() {
  local f=$work/out/seed/stacks/keencho/cdk.tf.json
  out "seed_resources $(count_resources "$f")"
  out "seed_bytes $(wc -c <"$f")"
}

metric_scale_synth() {
  local i walls=() cpus=() construct=() synth=() rss=()
  say "scale_synth: $scale_runs runs of node dist/scale.js $units (~20-30 s each)"
  for ((i = 0; i < scale_runs; i++)); do
    scale_once
    walls+=("$wall") cpus+=("$cpu")
    # phases: construct X ms, synth Y ms, ..., peak RSS Z MB
    construct+=("$(sed -n 's/.*construct \([0-9.]*\) ms.*/\1/p' "$work/last.err")")
    synth+=("$(sed -n 's/.*synth \([0-9.]*\) ms.*/\1/p' "$work/last.err")")
    rss+=("$(sed -n 's/.*peak RSS \([0-9.]*\) MB.*/\1/p' "$work/last.err")")
  done
  out "scale_synth $(printf '%s\n' "${walls[@]}" | median)"
  out "scale_synth_min $(printf '%s\n' "${walls[@]}" | minimum)"
  out "scale_synth_cpu $(printf '%s\n' "${cpus[@]}" | median)"
  out "scale_synth_construct $(printf '%s\n' "${construct[@]}" | median | awk '{ printf "%.3f", $1 / 1000 }')"
  out "scale_synth_synth $(printf '%s\n' "${synth[@]}" | median | awk '{ printf "%.3f", $1 / 1000 }')"
  out "scale_synth_peak_rss_mb $(printf '%s\n' "${rss[@]}" | median)"
  out "scale_synth_runs $scale_runs"
  scale_output
}

scale_output() {
  local f=$work/out/scale/stacks/synthetic/cdk.tf.json
  out "scale_units $units"
  out "scale_resources $(count_resources "$f")"
  out "scale_bytes $(wc -c <"$f")"
}

metric_edit_loop() { # [VARIANT]
  local variant=${1:-} key=edit_loop${1:+_$1} i walls=() cpus=() tscs=() synths=()
  build "$variant"
  say "$key: 1 warm-up, $edit_runs runs of: edit backend.ts, $(basename "$(tsc_bin "$variant")") -p $(basename "$(tsconfig_of "$variant")"), node main.js"
  edit_once "$variant"
  for ((i = 0; i < edit_runs; i++)); do
    edit_once "$variant"
    walls+=("$wall") cpus+=("$cpu") tscs+=("$edit_tsc") synths+=("$edit_synth")
  done
  restore_backend "$variant"
  out "$key $(printf '%s\n' "${walls[@]}" | median)"
  out "${key}_min $(printf '%s\n' "${walls[@]}" | minimum)"
  out "${key}_cpu $(printf '%s\n' "${cpus[@]}" | median)"
  out "${key}_tsc $(printf '%s\n' "${tscs[@]}" | median)"
  out "${key}_synth $(printf '%s\n' "${synths[@]}" | median)"
  out "${key}_runs $edit_runs"
}

metric_tsc_cold() { # [VARIANT]
  local variant=${1:-} key=tsc_cold${1:+_$1} i walls=() cpus=()
  say "$key: $tsc_runs full builds ($(basename "$(tsc_bin "$variant")") -p $(basename "$(tsconfig_of "$variant")"), no incremental state)"
  for ((i = 0; i < tsc_runs; i++)); do
    tsc_cold_once "$variant"
    walls+=("$wall") cpus+=("$cpu")
  done
  out "$key $(printf '%s\n' "${walls[@]}" | median)"
  out "${key}_min $(printf '%s\n' "${walls[@]}" | minimum)"
  out "${key}_cpu $(printf '%s\n' "${cpus[@]}" | median)"
  out "${key}_runs $tsc_runs"
}

run_metric() {
  case $1 in
    versions) metric_versions ;;
    seed_synth) metric_seed_synth ;;
    scale_synth) metric_scale_synth ;;
    edit_loop) metric_edit_loop ;;
    edit_loop_libcheck) metric_edit_loop libcheck ;;
    edit_loop_tsc7) metric_edit_loop tsc7 ;;
    tsc_cold) metric_tsc_cold ;;
    tsc_cold_libcheck) metric_tsc_cold libcheck ;;
    tsc_cold_tsc7) metric_tsc_cold tsc7 ;;
    *) die "unknown metric '$1' (tools/bench-cdktf.sh --list)" ;;
  esac
}

# One sample, for alternating with stackgen: the metric's own key plus _cpu
# (edit loops also _tsc and _synth); nothing else.
run_once() {
  local variant=""
  case $1 in
    seed_synth) seed_once; out "seed_synth $wall"; out "seed_synth_cpu $cpu" ;;
    scale_synth) scale_once; out "scale_synth $wall"; out "scale_synth_cpu $cpu" ;;
    edit_loop | edit_loop_libcheck | edit_loop_tsc7)
      [ "$1" = edit_loop ] || variant=${1#edit_loop_}
      build "$variant"
      edit_once "$variant"
      restore_backend "$variant"
      out "$1 $wall"; out "$1_cpu $cpu"; out "$1_tsc $edit_tsc"; out "$1_synth $edit_synth" ;;
    tsc_cold | tsc_cold_libcheck | tsc_cold_tsc7)
      [ "$1" = tsc_cold ] || variant=${1#tsc_cold_}
      tsc_cold_once "$variant"; out "$1 $wall"; out "$1_cpu $cpu" ;;
    versions) metric_versions ;;
    *) die "unknown metric '$1' (tools/bench-cdktf.sh --list)" ;;
  esac
}

# --validate [plan]: `terraform validate` (and with `plan`, `terraform plan`
# with mock credentials, as tests/stacks/terraform_plan.sh does) of both
# synthesized programs, offline against the provider mirror (tools/tf-env.sh).
# The mirror has no hashicorp/tls, so the seed stack is checked without
# tls_private_key.pk, its provider and the private_key output, its key pair
# given a literal public key. CDKTF's local backend block (state beside its
# working directory) is dropped too. Prints cdktf.validate_seed / _scale
# ok|failed (and cdktf.plan_seed / _scale: resources to add).
validate() {
  local want_plan=${1:-} tfdir=$cache/validate exports rc=0 name f vars
  if ! exports=$(tools/tf-env.sh "$tfdir/cli" 2>"$cache/tf-env.err"); then
    skip no-terraform "$(cat "$cache/tf-env.err")"
  fi
  eval "$exports"
  say "synthesizing both programs"
  seed_once
  scale_once
  rm -rf "$tfdir/seed" "$tfdir/scale"
  mkdir -p "$tfdir/seed" "$tfdir/scale"
  node "${src_dir%/bench/cdktf}/tools/cdktf-seed-without-tls.cjs" "$work/out/seed/stacks/keencho/cdk.tf.json" "$tfdir/seed/cdk.tf.json"
  node -e '
    const fs = require("fs");
    const d = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
    delete d.terraform.backend;
    fs.writeFileSync(process.argv[2], JSON.stringify(d));
  ' "$work/out/scale/stacks/synthetic/cdk.tf.json" "$tfdir/scale/cdk.tf.json"
  local creds='"access_key": "mock-access-key", "secret_key": "mock-secret-key",
    "skip_credentials_validation": true, "skip_requesting_account_id": true,
    "skip_metadata_api_check": true, "skip_region_validation": true'
  echo "{\"provider\": {\"aws\": [{$creds}, {\"alias\": \"us-east-1\", $creds}]}}" >"$tfdir/seed/test_provider_override.tf.json"
  echo "{\"provider\": {\"aws\": [{$creds}]}}" >"$tfdir/scale/test_provider_override.tf.json"
  for name in seed scale; do
    f=$tfdir/$name
    say "terraform init + validate: $name ($(count_resources "$f/cdk.tf.json") resource blocks)"
    if ! (cd "$f" && terraform init -input=false -backend=false -no-color >"$f/init.log" 2>&1); then
      cat "$f/init.log" >&2
      out "validate_$name failed"; rc=1; continue
    fi
    if (cd "$f" && terraform validate -no-color >"$f/validate.log" 2>&1); then
      out "validate_$name ok"
    else
      cat "$f/validate.log" >&2
      out "validate_$name failed"; rc=1; continue
    fi
    [ "$want_plan" = plan ] || continue
    vars=()
    [ "$name" = seed ] && vars=(-var db-username=bench -var db-password=not-a-real-secret)
    say "terraform plan: $name"
    if (cd "$f" && terraform plan -input=false -refresh=false -lock=false -no-color "${vars[@]}" >"$f/plan.log" 2>&1); then
      out "plan_$name $(sed -n 's/^Plan: \([0-9]*\) to add.*/\1/p' "$f/plan.log")"
    else
      tail -n 40 "$f/plan.log" >&2
      out "plan_$name failed"; rc=1
    fi
  done
  return $rc
}

case ${1:-} in
  -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
  --validate) setup; validate "${2:-}"; exit $? ;;
  --list) printf '%s\n' "${all_metrics[@]}"; exit 0 ;;
  --setup) setup; say "ready: $work"; exit 0 ;;
  --once)
    [ $# -eq 2 ] || die "usage: tools/bench-cdktf.sh --once METRIC"
    setup
    run_once "$2"
    exit 0 ;;
esac

metrics=("$@")
[ ${#metrics[@]} -gt 0 ] || metrics=("${all_metrics[@]}")
setup
out "load_before $(cut -d' ' -f1-3 /proc/loadavg)"
for m in "${metrics[@]}"; do run_metric "$m"; done
out "load_after $(cut -d' ' -f1-3 /proc/loadavg)"
