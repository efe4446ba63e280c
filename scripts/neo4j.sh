#!/usr/bin/env bash
# A local Neo4j 5 for the tests and benchmarks, no Docker needed.
#
#   bash scripts/neo4j.sh start   # build once, start, wait; last line NEO4J_URI=bolt://127.0.0.1:PORT
#   bash scripts/neo4j.sh stop    # end the server this script started (by its PID)
#   bash scripts/neo4j.sh import-check NODES_CSV RELATIONSHIPS_CSV
#                                 # neo4j-admin's importer on a fresh database; JSON of it
#
# The server is Neo4j's own test server (org.neo4j.test:neo4j-harness, the version in
# scripts/neo4j/pom.xml) run by scripts/neo4j/.../Server.java: Bolt on 127.0.0.1:NEO4J_PORT
# (default 7687), no HTTP, no auth, a fresh empty database each start, LOAD CSV reading
# file:/// URLs from .neo4j/import. Maven's repository is cached in ~/.m2 as usual, and
# the launcher is rebuilt only when its pom or source changes.
#
# Environment: NEO4J_PORT (7687), NEO4J_HEAP (1g), NEO4J_PAGECACHE_MB (512),
# NEO4J_START_TIMEOUT seconds (180), PLANGRAPH_NEO4J_HOME (.neo4j: pid, port, log, data).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
project=scripts/neo4j
home=${PLANGRAPH_NEO4J_HOME:-$root/.neo4j}
port=${NEO4J_PORT:-7687}
pidfile=$home/neo4j.pid
log=$home/neo4j.log
main_class=plangraph.neo4j.Server

die() {
  echo "neo4j.sh: $*" >&2
  exit 1
}

# The PID in the pid file, if that process is still our server.
running_pid() {
  [ -f "$pidfile" ] || return 1
  local pid
  pid=$(cat "$pidfile")
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "$main_class" || return 1
  echo "$pid"
}

port_answers() {
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
}

build() {
  command -v java >/dev/null || die "java not found: install a JDK 17 (apt-get install openjdk-17-jdk-headless)"
  command -v mvn >/dev/null || die "mvn not found: install Maven (apt-get install maven)"
  local stamp
  stamp=$project/target/.built-$(cat "$project/pom.xml" "$project"/src/main/java/plangraph/neo4j/*.java | sha256sum | cut -c1-16)
  if [ ! -f "$stamp" ]; then
    echo "building the Neo4j launcher (first run resolves the harness from Maven Central)..." >&2
    mvn -q -B -f "$project/pom.xml" compile >&2 || die "Maven could not build $project (see the output above)"
    rm -f "$project"/target/.built-*
    touch "$stamp"
  fi
}

start() {
  local pid
  if pid=$(running_pid); then
    echo "Neo4j already running (pid $pid)" >&2
    echo "NEO4J_URI=bolt://127.0.0.1:$(cat "$home/neo4j.port")"
    return
  fi
  build
  if port_answers; then
    die "port $port is taken by another process; set NEO4J_PORT to a free port"
  fi
  rm -rf "$home/work"
  mkdir -p "$home/work" "$home/import"
  # setsid: the server lives in its own session, so the caller's Ctrl-C does not reach it.
  # JVM options as Neo4j's own launcher sets them (the page cache wants java.nio open).
  local heap=${NEO4J_HEAP:-1g}
  setsid java "-Xms$heap" "-Xmx$heap" -XX:+UseG1GC -XX:-OmitStackTraceInFastThrow \
    -XX:+UnlockExperimentalVMOptions -XX:+TrustFinalNonStaticFields -XX:+DisableExplicitGC \
    -Djdk.nio.maxCachedBufferSize=1024 -Dio.netty.tryReflectionSetAccessible=true \
    --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
    --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED \
    -cp "$project/target/classes:$(cat "$project/target/classpath.txt")" "$main_class" \
    "$port" "$home/work" "$home/import" "${NEO4J_PAGECACHE_MB:-512}" \
    >"$log" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$pidfile"
  echo "$port" >"$home/neo4j.port"
  local deadline=$((SECONDS + ${NEO4J_START_TIMEOUT:-180}))
  until grep -q "plangraph-neo4j ready" "$log" 2>/dev/null && port_answers; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 20 "$log" >&2
      rm -f "$pidfile"
      die "Neo4j exited during start-up (log: $log)"
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      tail -n 20 "$log" >&2
      stop
      die "Neo4j did not answer on 127.0.0.1:$port within ${NEO4J_START_TIMEOUT:-180}s (log: $log)"
    fi
    sleep 0.5
  done
  echo "Neo4j $(grep -o '<neo4j.version>[^<]*' "$project/pom.xml" | cut -d'>' -f2) (harness) pid $pid, log $log" >&2
  echo "NEO4J_URI=bolt://127.0.0.1:$port"
}

stop() {
  local pid
  if ! pid=$(running_pid); then
    rm -f "$pidfile"
    echo "Neo4j not running" >&2
    return
  fi
  kill -TERM "$pid"
  for _ in $(seq 120); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "Neo4j (pid $pid) ignored SIGTERM for 60s; killing it" >&2
    kill -KILL "$pid"
  fi
  rm -f "$pidfile" "$home/neo4j.port"
  rm -rf "$home/work"
  echo "Neo4j stopped (pid $pid)" >&2
}

# neo4j-admin database import full, offline, into a throw-away home; prints what it made.
import_check() {
  [ $# -eq 2 ] || die "usage: scripts/neo4j.sh import-check NODES_CSV RELATIONSHIPS_CSV"
  build
  local scratch status=0
  scratch=$(mktemp -d)
  java -Xmx1g -cp "$project/target/classes:$(cat "$project/target/classpath.txt")" \
    plangraph.neo4j.ImportCheck "$scratch" "$1" "$2" || status=$?
  rm -rf "$scratch"
  return "$status"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  import-check) shift && import_check "$@" ;;
  *) die "usage: scripts/neo4j.sh start|stop|import-check NODES_CSV RELATIONSHIPS_CSV" ;;
esac
