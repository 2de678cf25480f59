# shellcheck shell=bash
# The helpers the scripts share, one definition each: sourced by deploy/local/awx,
# deploy/local/password-pg and (through bench/lib.sh) every benchmark script and bench/keycloak/kc.
# Not a program of its own.
#
#   source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"     (from deploy/local; bench/lib.sh sources it too)
#
# Sets ROOT (the repository), STATE (.awx, git-ignored), LOGS and PIDS under it. A script may set
# before sourcing: SAY_AS, the prefix of its messages (default: its file name), and SAY_FD=2 to send
# them to stderr (bench/keycloak/kc, whose stdout is the answer its callers read).

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STATE="$ROOT/.awx"
LOGS="$STATE/logs" PIDS="$STATE/pids"
SAY_AS="${SAY_AS:-$(basename "$0")}"

say() { printf '%s: %s\n' "$SAY_AS" "$*" >&"${SAY_FD:-1}"; }
die() { printf '%s: ERROR: %s\n' "$SAY_AS" "$*" >&2; exit 1; }
fail_with_log() {  # log message: the log's last lines on stderr, then die
  { echo "$SAY_AS: last lines of $1:"; tail -n 40 "$1" || true; } >&2
  die "$2"
}
private_dir() {  # dir: created if need be, readable by its owner only (what it holds are secrets)
  mkdir -p "$1" && chmod 700 "$1"
}
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port_free() {  # port hint: dies when something listens on 127.0.0.1:port
  ! port_open "$1" || die "127.0.0.1:$1 is taken${2:+; $2}"
}
http_ok() {  # url [curl args...]: true when it answers 200 within 5 s; the status is left in HTTP_CODE
  HTTP_CODE="$(curl -s --max-time 5 -o /dev/null -w '%{http_code}' "$@" || true)"
  [[ "$HTTP_CODE" == 200 ]]
}
seconds_since() {  # start in ns (date +%s%N) -> seconds, two decimals
  awk -v ns="$(($(date +%s%N) - $1))" 'BEGIN { printf "%.2f", ns / 1e9 }'
}

# ---------- processes
# Starts COMMAND in the background, stdin from /dev/null and its output to LOG (appended with
# --append), its pid in FILE with --pid-file. Sets LAUNCHED_PID, and LAUNCHED_AT (ns) for
# launch → ready figures. COMMAND runs as is: `env -C DIR -u VAR NAME=VALUE ...` sets its directory
# and environment without a subshell, so the pid is the program's own.
launch() {  # [--append] [--pid-file FILE] LOG COMMAND...
  local append=0 pid_file=""
  while [[ "$1" == --* ]]; do
    case "$1" in
      --append) append=1; shift ;;
      --pid-file) pid_file="$2"; shift 2 ;;
      *) die "launch: unknown option $1" ;;
    esac
  done
  local log="$1"; shift
  # shellcheck disable=SC2034 # for the caller's launch → ready figure
  LAUNCHED_AT="$(date +%s%N)"
  if ((append)); then nohup "$@" </dev/null >>"$log" 2>&1 &
  else nohup "$@" </dev/null >"$log" 2>&1 &
  fi
  LAUNCHED_PID=$!
  [[ -z "$pid_file" ]] || echo "$LAUNCHED_PID" >"$pid_file"
}
# Runs CHECK every STEP seconds until it succeeds, for at most SECONDS. A process that exits meanwhile
# fails with its log (no PID: one started elsewhere, not watched). Returns 1 when the time is up:
# the caller says what was not ready.
await_ready() {  # pid log name seconds step check...
  # Underscored names: CHECK is often a caller's function, which sees these locals.
  local _pid="$1" _log="$2" _name="$3" _seconds="$4" _step="$5" _deadline
  shift 5
  # A deadline, not a count of polls: a check that hangs (a port that accepts and never answers) uses it up.
  _deadline="$(awk -v s="$_seconds" -v now="$(date +%s%N)" 'BEGIN { printf "%d", now + s * 1e9 }')"
  while (($(date +%s%N) < _deadline)); do
    "$@" && return 0
    [[ -z "$_pid" ]] || kill -0 "$_pid" 2>/dev/null || fail_with_log "$_log" "$_name exited during start"
    sleep "$_step"
  done
  return 1
}
# pid files, checked against the command line so that a reused pid is never taken for ours.
pid_of() {  # name cmdline-pattern -> prints the pid of $PIDS/name.pid if that process is alive and ours
  local f="$PIDS/$1.pid" pid
  [[ -f "$f" ]] || return 1
  pid="$(<"$f")"
  if [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$2"; then
    echo "$pid"; return 0
  fi
  rm -f "$f"; return 1
}
stop_proc() {  # name pattern: SIGTERM, 15 s, then SIGKILL
  local pid i
  pid="$(pid_of "$1" "$2")" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 30; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then say "$1 ignored SIGTERM for 15 s, killing"; kill -KILL "$pid" 2>/dev/null || true; fi
  rm -f "$PIDS/$1.pid"; say "stopped $1 (pid $pid)"
}
# A child of this script (no pid file): stopped and reaped. Never `kill && wait` in a trap: under
# set -e a non-zero wait (143 after SIGTERM) would end the trap before the rest of the cleanup.
stop_child() {  # pid (empty: nothing to do)
  if [[ -n "${1:-}" ]] && kill "$1" 2>/dev/null; then wait "$1" 2>/dev/null || true; fi
}

# ---------- the services' jars
quarkus_app() { echo "$ROOT/$1/target/quarkus-app"; }  # module -> its packaged application
quarkus_jar() {  # module -> its runnable jar; dies when the module was not built
  local jar; jar="$(quarkus_app "$1")/quarkus-run.jar"
  [[ -f "$jar" ]] || die "$jar is missing (did the build run?)"
  echo "$jar"
}
# DevTools (deploy/local/DevTools.java) is a single-file program; Kafka's jars (awx infra) give it a
# Kafka client: development keys and tokens, sample events.
dev_tools() {
  java -Dlog4j2.configurationFile="$STATE/kafka/log4j2.properties" -cp "$STATE/kafka/libs/*" \
    "$ROOT/deploy/local/DevTools.java" "$@"
}

# ---------- PostgreSQL, as the administrator: AWX_DB_ADMIN_USER (postgres) with AWX_DB_ADMIN_PASSWORD,
# or libpq's own ways when that is empty (trust, PGPASSFILE, ~/.pgpass); never a password prompt.
# Database postgres unless the arguments name another (-d DB: psql takes the last one).
psql_admin() {
  local pw=(); [[ -n "${AWX_DB_ADMIN_PASSWORD:-}" ]] && pw=(PGPASSWORD="$AWX_DB_ADMIN_PASSWORD")
  env "${pw[@]}" psql -X -q -w -v ON_ERROR_STOP=1 -h "${AWX_DB_HOST:-127.0.0.1}" \
    -p "${AWX_DB_PORT:-5432}" -U "${AWX_DB_ADMIN_USER:-postgres}" -d postgres "$@"
}

# ---------- Debian packages, as root. A package's postinst would start its system service (nginx on
# :80); a policy-rc.d of 101 prevents that: the scripts run instances of their own.
apt_install() {  # package why
  local guard=0 rc=0
  mkdir -p "$LOGS"
  [[ -e /usr/sbin/policy-rc.d ]] || { printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; guard=1; }
  say "installing $1 (apt-get)$2"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1"; } >"$LOGS/apt.log" 2>&1 || rc=$?
  ((guard)) && rm -f /usr/sbin/policy-rc.d
  ((rc == 0)) || fail_with_log "$LOGS/apt.log" "apt-get install $1 failed"
}
install_missing() {  # binary package why [note]: the package, when its binary (a path) is missing
  [[ -x "$1" ]] && return 0
  [[ $EUID -eq 0 ]] || die "$2 is not installed: sudo apt-get install -y $2${4:+ ($4)}"
  apt_install "$2" "$3"
}
chromium_install() { install_missing /usr/bin/chromium chromium " for the dashboard's browser tests"; }
