# shellcheck shell=bash
# The benchmarks' shared helpers, sourced by every bench/ script and bench/keycloak/kc: deploy/local/lib.sh
# (ROOT, say, die, launch, await_ready, psql_admin, dev_tools, ...; one definition of each), Java 25,
# and what only the benchmarks need. Messages start with "bench:" unless the script sets SAY_AS.
#
#   source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"      (bench/keycloak/kc: .../../lib.sh)

SAY_AS="${SAY_AS:-bench}"
# shellcheck source=../deploy/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../deploy/local/lib.sh"
# shellcheck source=../deploy/use-jdk
source "$ROOT/deploy/use-jdk"  # Java 25, as deployed (ADR 18)

usage() {  # the script's own usage line(s) from its header ("#   bench/NAME ..."), then exit 2
  sed -n "s|^#   \(bench/$(basename "$0")\( .*\)\{0,1\}\)$|\1|p" "$0"
  exit 2
}
need_wrk() { command -v wrk >/dev/null || install_missing /usr/bin/wrk wrk " for the HTTP load"; }
# The local Kafka, OIDC provider and databases (awx infra), and their credentials in this shell.
bench_infra() {
  bash "$ROOT/deploy/local/awx" infra
  eval "$(bash "$ROOT/deploy/local/awx" env)"
}
build_modules() {  # modules (comma-separated): packaged with what they need, offline first
  say "building $1"
  (cd "$ROOT" && { mvn -B -q -o package -DskipTests -pl "$1" -am || mvn -B -q package -DskipTests -pl "$1" -am; }) ||
    die "build failed"
}
# The services as deployed: packaged, then each with its AOT cache (ADR 18), trained by `awx aot` because
# packaging rewrites quarkus-app/ and so drops the cache. Its workload calls all three services, so all
# three are built. AWX_AOT=0 measures without a cache (deploy/java-as-deployed then leaves it out).
build_services() {  # [more modules, comma-separated]
  build_modules "auth-service,apikey-service,audit-service${1:+,$1}"
  [[ "${AWX_AOT:-1}" == 0 ]] && return 0
  say "training the services' AOT caches (awx aot)"
  bash "$ROOT/deploy/local/awx" aot >"$STATE/bench-aot.log" 2>&1 || fail_with_log "$STATE/bench-aot.log" "AOT training failed"
}
quarkus_started_in() {  # service log -> Quarkus's own "started in" seconds, or ?
  grep -o 'started in [0-9.]*s' "$1" | head -1 | grep -o '[0-9.]*' || echo "?"
}
# PASS when VALUE is at most TARGET (max, the default) or at least it (min); else MISS (or $VERDICT_MISS).
verdict() {  # value target [max|min]
  awk -v m="$1" -v t="$2" -v dir="${3:-max}" -v miss="${VERDICT_MISS:-MISS}" \
    'BEGIN { ok = (dir == "min") ? (m >= t) : (m <= t); print ok ? "PASS" : miss }'
}
median() {  # numbers... -> their median (the mean of the middle two for an even count)
  printf '%s\n' "$@" | sort -g |
    awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : sprintf("%.2f", (v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}
# Prints $TABLE and writes it to bench/results/NAME.md under a title and what the run was (ABOUT,
# one or more lines); the scripts write their .tsv (metric and value a line, for bench/all) themselves.
write_results() {  # name title about
  echo; echo "$TABLE"
  mkdir -p "$ROOT/bench/results"
  printf '# %s\n\n%s\n\n%s\n' "$2" "$3" "$TABLE" >"$ROOT/bench/results/$1.md"
}
# CPU ticks: the whole machine's busy time, and one process's (user + system).
busy_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }
proc_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# shellcheck disable=SC2034 # ticks per second, for the callers
HZ="$(getconf CLK_TCK)"
# wrk's output (the Lua scripts print p50= and p99=) -> "rate p50 p99 non-2xx socket-errors";
# returns 1, printing the output on stderr, when it has no rate (wrk failed).
wrk_figures() {  # file
  local out rate p50 p99 non2xx socket
  out="$(cat "$1")"
  rate="$(awk '/Requests\/sec/ {print int($2)}' <<<"$out")"
  [[ -n "$rate" ]] || { printf '%s\n' "$out" >&2; return 1; }
  p50="$(sed -n 's/.*p50=\([0-9.]*\).*/\1/p' <<<"$out")" p99="$(sed -n 's/.*p99=\([0-9.]*\).*/\1/p' <<<"$out")"
  non2xx="$(awk '/Non-2xx/ {print $5}' <<<"$out")"
  socket="$(awk -F'[ ,]+' '/Socket errors/ {print $5 + $7 + $9 + $11}' <<<"$out")"
  echo "$rate $p50 $p99 ${non2xx:-0} ${socket:-0}"
}
