#!/usr/bin/env bash
# bench/run.sh [N...] : build-time benchmark of casebook (default N: 1000 10000 100000).
#
# Own corpus (default): for each N, generates bench/corpus/<N> with bench/gen.py
# (once; regenerated when gen.py changes), builds casebook in release mode and
# times `casebook build --root bench/corpus/<N> --out <tmpfs dir>` with hyperfine,
# then measures peak memory with one `/usr/bin/time -v` run.
#
# Comparison (PEERS=1): for each N, generates the peer corpus with
# bench/peers/gen.py (one content set in casebook, Hugo and Zola formats) in
# bench/corpus/peers-<N>, builds the `floor` program of bench/peers/floor/ in
# bench/out/, and times floor, hugo and casebook in ONE hyperfine invocation
# (same run, same machine state), plus one /usr/bin/time -v run per tool.
#
# Every timed run writes into an output directory that does not exist
# (hyperfine --prepare deletes it before each run, outside the timing), on a
# tmpfs (/dev/shm) so that file-system clean-up and disk state cannot leak into
# the numbers.  See bench/README.md.
#
# Environment:
#   RUNS          counted runs per tool (default: 10 for N<=2000, 5 for N<=20000, else 3)
#   WARMUP        warm-up runs per tool (default 1)
#   TOOLS         tools to run, in order.  Own corpus: casebook only.
#                 With PEERS=1: any of "floor hugo zola casebook"
#                 (default "floor hugo casebook").
#   PEERS         1: compare with the floor, Hugo and Zola on bench/peers/'s corpus
#   CASEBOOK_BIN  use this casebook binary instead of building target/release/casebook
#   HUGO_BIN      hugo binary (default: hugo on PATH)
#   ZOLA_BIN      zola binary (needed only when TOOLS contains zola)
#   RUN_DIR       where builds write (default /dev/shm); a fresh subdirectory is
#                 created and removed at exit
# Outputs (git-ignored): bench/corpus/, bench/out/<N>/ or bench/out/peers-<N>/
# (hyperfine.json, hyperfine.md, time-<tool>.txt, check-<tool>.log, summary.md)
# and bench/out/summary.md (all N of the last invocation, with the machine).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
OUT_BASE=$HERE/out
PEER_DIR=
[ "${PEERS:-}" = 1 ] && PEER_DIR=$HERE/peers

die() { printf 'run.sh: %s\n' "$*" >&2; exit 2; }
log() { printf '%s\n' "$*" >&2; }

# ---- arguments ----
[ $# -gt 0 ] || set -- 1000 10000 100000
for n in "$@"; do
  case $n in
    '' | *[!0-9]* | 0) die "usage: bench/run.sh [N...]   (N = number of events, a positive integer; got '$n')" ;;
  esac
done

if [ -n "$PEER_DIR" ]; then
  [ -f "$PEER_DIR/gen.py" ] && [ -d "$PEER_DIR/floor" ] || die "$PEER_DIR has no gen.py or floor/"
  TOOLS=${TOOLS:-floor hugo casebook}
else
  TOOLS=${TOOLS:-casebook}
  for t in $TOOLS; do
    [ "$t" = casebook ] || die "TOOLS=$TOOLS: without PEERS=1 only casebook runs (the peers need the peer corpus)"
  done
fi
for t in $TOOLS; do
  case $t in floor | hugo | zola | casebook) ;; *) die "unknown tool '$t' in TOOLS (floor hugo zola casebook)" ;; esac
done
has() { case " $TOOLS " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

# ---- required programs ----
missing=()
command -v python3 >/dev/null || missing+=("python3")
command -v hyperfine >/dev/null || missing+=("hyperfine")
if [ ! -x /usr/bin/time ] || ! /usr/bin/time -v true >/dev/null 2>&1; then missing+=("time (GNU /usr/bin/time with -v)"); fi
if { has casebook && [ -z "${CASEBOOK_BIN:-}" ]; } || has floor; then
  command -v cargo >/dev/null || missing+=("cargo (Rust toolchain, https://rustup.rs)")
fi
HUGO=${HUGO_BIN:-$(command -v hugo || true)}
has hugo && { [ -n "$HUGO" ] && [ -x "$HUGO" ] || missing+=("hugo"); }
ZOLA=${ZOLA_BIN:-}
has zola && { [ -n "$ZOLA" ] && [ -x "$ZOLA" ] || missing+=("zola (set ZOLA_BIN to a zola binary)"); }
if [ ${#missing[@]} -gt 0 ]; then
  log "run.sh: missing: ${missing[*]}"
  log "  On Debian/Ubuntu: sudo apt-get install -y hyperfine hugo time python3"
  log "  (hugo is needed only with PEERS=1 and hugo in TOOLS)."
  exit 2
fi

# ---- binaries ----
if has casebook; then
  if [ -n "${CASEBOOK_BIN:-}" ]; then
    CASEBOOK=$CASEBOOK_BIN
  else
    log "== cargo build --release (casebook)"
    if ! (cd "$ROOT" && cargo build --release --quiet); then
      die "casebook does not build (cargo build --release failed); fix it, set CASEBOOK_BIN, or leave casebook out of TOOLS"
    fi
    CASEBOOK=${CARGO_TARGET_DIR:-$ROOT/target}/release/casebook
  fi
  [ -x "$CASEBOOK" ] || die "no casebook binary at $CASEBOOK"
fi
if has floor; then
  # build a copy outside the repository's sources (rebuilt when the source changes)
  FLOOR_SRC=$OUT_BASE/floor-src
  FLOOR=$OUT_BASE/floor-target/release/floor
  want=$(cd "$PEER_DIR/floor" && find . -path ./target -prune -o -type f -print | LC_ALL=C sort | xargs cat | sha256sum | cut -c1-16)
  if [ ! -x "$FLOOR" ] || [ "$(cat "$FLOOR_SRC/.stamp" 2>/dev/null || true)" != "$want" ]; then
    log "== building floor (copy of $PEER_DIR/floor in $FLOOR_SRC)"
    rm -rf "$FLOOR_SRC"
    mkdir -p "$OUT_BASE"
    cp -r "$PEER_DIR/floor" "$FLOOR_SRC"
    rm -rf "$FLOOR_SRC/target"
    chmod -R u+w "$FLOOR_SRC"
    CARGO_TARGET_DIR=$OUT_BASE/floor-target cargo build --release --quiet --manifest-path "$FLOOR_SRC/Cargo.toml"
    echo "$want" > "$FLOOR_SRC/.stamp"
  fi
fi

# ---- scratch output directory on tmpfs ----
RUN_BASE=${RUN_DIR:-}
if [ -z "$RUN_BASE" ]; then
  if [ -d /dev/shm ] && [ -w /dev/shm ]; then RUN_BASE=/dev/shm; else
    RUN_BASE=$OUT_BASE/run
    log "!! /dev/shm is not writable; builds write to $RUN_BASE (disk: see README, fairness)"
  fi
fi
mkdir -p "$RUN_BASE"
# Old outputs left on the tmpfs take memory from the page cache: the 100 000
# corpus then partly comes from disk, and its build once took 17.9 s, not 14.1.
tmpfs_used=$(df -P -k "$RUN_BASE" | awk 'NR == 2 {print int($3 / 1048576)}')
if [ "$(stat -f -c %T "$RUN_BASE")" = tmpfs ] && [ "$tmpfs_used" -ge 2 ]; then
  log "!! $RUN_BASE already holds ${tmpfs_used} GiB: old outputs there take memory from the page cache and slow the larger runs"
fi
SCRATCH=$(mktemp -d "$RUN_BASE/casebook-bench.XXXXXX")   # only this is ever deleted
trap 'rm -rf "$SCRATCH"' EXIT

# ---- machine and versions ----
version_of() {
  case $1 in
    casebook) v=$("$CASEBOOK" --version 2>/dev/null | head -1 || true); echo "${v:-casebook (no --version output)} ($CASEBOOK)" ;;
    floor) echo "floor (bench/peers/floor; pulldown-cmark $(grep -A1 'name = "pulldown-cmark"' "$FLOOR_SRC/Cargo.lock" | sed -n 's/version = "\(.*\)"/\1/p'))" ;;
    hugo) "$HUGO" version 2>&1 | head -1 ;;
    zola) "$ZOLA" --version 2>&1 | head -1 ;;
  esac
}
machine() {
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- CPU: $(nproc) logical CPUs, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')"
  echo "- RAM: $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(awk '/MemAvailable/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) available at start; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- OS: $(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME") (debian_version $(cat /etc/debian_version 2>/dev/null || echo n/a)), kernel $(uname -sr)"
  echo "- output on: $RUN_BASE ($(stat -f -c %T "$RUN_BASE"))"
  echo "- $(hyperfine --version), GNU time $(dpkg-query -W -f='${Version}' time 2>/dev/null || echo "(version n/a)"), $(python3 --version)"
  command -v rustc >/dev/null && echo "- $(rustc --version)"
  for t in $TOOLS; do echo "- $t: $(version_of "$t")"; done
  return 0
}

mkdir -p "$OUT_BASE"
SUMMARY=$OUT_BASE/summary.md
{
  echo "# bench/run.sh $*"
  echo
  [ -n "$PEER_DIR" ] && echo "Corpus: bench/peers/gen.py; tools: $TOOLS" \
                   || echo "Corpus: bench/gen.py; tools: $TOOLS"
  echo
  machine
  echo
} > "$SUMMARY"
cat "$SUMMARY" >&2

# ---- one N ----
TABLE_ROWS=()
bench_one() {
  local n=$1 corpus site out runs warmup stamp gen_py
  local p=$(( n / 10 > 5 ? n / 10 : 5 )) c=$(( n / 20 > 5 ? n / 20 : 5 ))
  if [ -n "${RUNS:-}" ]; then runs=$RUNS
  elif [ "$n" -le 2000 ]; then runs=10
  elif [ "$n" -le 20000 ]; then runs=5
  else runs=3; fi
  warmup=${WARMUP:-1}

  if [ -n "$PEER_DIR" ]; then
    corpus=$HERE/corpus/peers-$n; out=$OUT_BASE/peers-$n; gen_py=$PEER_DIR/gen.py
    stamp=$(cd "$PEER_DIR" && { cat gen.py; find templates -type f | LC_ALL=C sort | xargs cat; } | sha256sum | cut -c1-16)
    site=$corpus/casebook
  else
    corpus=$HERE/corpus/$n; out=$OUT_BASE/$n; gen_py=$HERE/gen.py
    stamp=$(sha256sum < "$HERE/gen.py" | cut -c1-16)
    site=$corpus
  fi
  if [ "$(cat "$corpus/.stamp" 2>/dev/null || true)" != "$stamp" ]; then
    log "== generating corpus N=$n in $corpus"
    rm -rf "$corpus"
    mkdir -p "$corpus"
    python3 "$gen_py" "$n" "$corpus" >&2
    echo "$stamp" > "$corpus/.stamp"
  fi
  rm -rf "$out"
  mkdir -p "$out"

  cmd_for() {  # tool output-dir -> command line (no shell syntax: hyperfine -N)
    case $1 in
      casebook) echo "$CASEBOOK build --root $site --out $2" ;;
      floor) echo "$FLOOR $corpus/casebook $2" ;;
      hugo) echo "$HUGO --quiet --source $corpus/hugo --destination $2 --ignoreCache --noBuildLock" ;;
      zola) echo "$ZOLA --root $corpus/zola build --output-dir $2" ;;
    esac
  }

  log "== N=$n: $n events, $p parties, $c claims, $p sources; runs=$runs warmup=$warmup"
  # check pass (untimed): exit status, pages written
  local -a hf_args=() ok=()
  declare -gA PAGES=() PEAK=()
  local t dir
  for t in $TOOLS; do
    dir=$SCRATCH/$t
    rm -rf "$dir"
    # shellcheck disable=SC2046
    if ! $(cmd_for "$t" "$dir") > "$out/check-$t.log" 2>&1; then
      log "!! $t: build FAILED on N=$n (log: $out/check-$t.log); left out of the timing"
      tail -15 "$out/check-$t.log" >&2
      TABLE_ROWS+=("| $n | $t | build failed | | | | | |")
      continue
    fi
    PAGES[$t]=$({ find "$dir" -name '*.html' -type f 2>/dev/null || true; } | wc -l)
    if [ "${PAGES[$t]}" -eq 0 ]; then
      log "!! $t: exit 0 but wrote no .html files under $dir on N=$n; left out of the timing"
      TABLE_ROWS+=("| $n | $t | no pages written | | | | | |")
      continue
    fi
    log "-- $t: exit 0, ${PAGES[$t]} .html files, $(du -sh "$dir" | cut -f1)"
    rm -rf "$dir"
    ok+=("$t")
    hf_args+=(--prepare "rm -rf $dir" --command-name "$t" "$(cmd_for "$t" "$dir")")
  done
  [ ${#ok[@]} -gt 0 ] || return 0

  # timing: all tools of this N in one hyperfine call
  log "== hyperfine (N=$n: ${ok[*]})"
  if ! hyperfine -N --warmup "$warmup" --runs "$runs" --style basic \
    --export-json "$out/hyperfine.json" --export-markdown "$out/hyperfine.md" \
    "${hf_args[@]}" >&2; then
    log "!! hyperfine failed on N=$n (a timed run exited non-zero?)"
    TABLE_ROWS+=("| $n | ${ok[*]} | hyperfine failed | | | | | |")
    return 0
  fi

  # peak memory: one more run of each under GNU time
  for t in "${ok[@]}"; do
    dir=$SCRATCH/$t
    rm -rf "$dir"
    # shellcheck disable=SC2046
    /usr/bin/time -v -o "$out/time-$t.txt" $(cmd_for "$t" "$dir") > /dev/null 2>&1 || true
    rm -rf "$dir"
    PEAK[$t]=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$out/time-$t.txt")
    if ! grep -q 'Exit status: 0$' "$out/time-$t.txt"; then
      log "!! $t: the /usr/bin/time run failed (see $out/time-$t.txt)"; PEAK[$t]=0
    fi
    log "-- $t: peak RSS $(( ${PEAK[$t]:-0} / 1024 )) MiB"
  done

  # table rows
  local pages_arg="" peak_arg=""
  for t in "${ok[@]}"; do pages_arg+="$t=${PAGES[$t]} "; peak_arg+="$t=${PEAK[$t]:-0} "; done
  mapfile -t rows < <(python3 - "$out/hyperfine.json" "$n" "$pages_arg" "$peak_arg" <<'PY'
import json, sys
res = json.load(open(sys.argv[1]))["results"]
n = int(sys.argv[2])
pages = dict(kv.split("=") for kv in sys.argv[3].split())
peak = dict(kv.split("=") for kv in sys.argv[4].split())
floor = next((r["median"] for r in res if r["command"] == "floor"), None)
for r in res:
    t = r["command"]
    ratio = "%.1f" % (r["median"] / floor) if floor else ""
    mib = "%.1f" % (int(peak[t]) / 1024.0) if int(peak[t]) else "n/a"
    print("| %d | %s | %s | %.3f ± %.3f | %.3f … %.3f | %.1f | %s | %s |" % (
        n, t, pages[t], r["median"], r["stddev"] or 0.0, r["min"], r["max"],
        r["median"] / n * 1e6, mib, ratio))
PY
  )
  TABLE_ROWS+=("${rows[@]}")
  {
    echo "N=$n ($n events, $p parties, $c claims, $p sources), runs=$runs, warmup=$warmup"
    echo
    header
    printf '%s\n' "${rows[@]}"
  } > "$out/summary.md"
}

header() {
  echo "| N | tool | pages | wall median ± stddev (s) | min … max (s) | µs/event | peak MiB | × floor |"
  echo "|---:|---|---:|---:|---:|---:|---:|---:|"
}

for n in "$@"; do bench_one "$n"; done

{
  header
  printf '%s\n' "${TABLE_ROWS[@]}"
  echo
  echo "wall: hyperfine median ± stddev over the counted runs; µs/event = median / N;"
  echo "peak: maximum resident set size of one extra run (/usr/bin/time -v); pages: .html files written."
} | tee -a "$SUMMARY"
log "(saved in $SUMMARY)"
