#!/usr/bin/env bash
# The database pool under load: --concurrency loops of one primary-key query after another against a
# PostgreSQL server this script starts (initdb on a throwaway data directory under
# bench/target/adbapi-vs-jdbc/, as the user nobody when run as root, on a loopback port), measured in the same
# JVM and the same run two ways over the same HikariCP pool of --pool connections: through twisted4j's
# ConnectionPool.runQuery (Deferreds on one reactor thread, work on virtual threads) and as plain JDBC on
# virtual threads. They alternate, each round starting with the other, each with --warmup seconds of
# warm-up before --duration measured seconds (org.twisted4j.bench.AdbapiLoad). Prints queries/s, p50 and
# p99 of each run, then the ratio adbapi/jdbc per round with median, min and max. The goal is a ratio of
# at least 0.9: the Deferred layer costing at most 10% of the throughput.
#
#   bench/adbapi-vs-jdbc.sh                      # 3 rounds, 100 loops, 10 connections
#   bench/adbapi-vs-jdbc.sh --concurrency 200
#
# Options (defaults in brackets):
#   --concurrency N       query loops at once [100]
#   --pool N              connections in the pool [10]
#   --warmup S            seconds of warm-up before each measured run [2]
#   --duration S          seconds measured [5]
#   --rounds N            rounds [3]
#   --jvm-flags 'FLAGS'   JVM flags of the load [-Xms1g -Xmx1g -XX:+AlwaysPreTouch -XX:+UseSerialGC]
#   --port P              PostgreSQL's port [19401]
#   --no-pin              do not pin PostgreSQL and the load to separate cores
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/bin/lib/jdk.sh"
. "$root/bench/lib/run.sh"

concurrency=100 pool=10 warmup=2 duration=5 rounds=3 port=19401
while [ $# -gt 0 ]; do
  case "$1" in
    --concurrency) concurrency=$2; shift 2 ;;
    --pool) pool=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    *) shared_option "$@"; shift "$taken" ;;
  esac
done

# --- tools --------------------------------------------------------------------------------------------
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
need "$pg_bin/postgres" "PostgreSQL's server is missing: install the Debian package postgresql."
as_user=()
if [ "$(id -u)" = 0 ]; then
  need runuser "runuser (util-linux) runs PostgreSQL as nobody when this script runs as root."
  as_user=(runuser -u nobody --)
fi

# --- build and database -------------------------------------------------------------------------------
bench_cp=$(bench_classpath "$root" bench)
begin_run adbapi-vs-jdbc
pg_dir="$out_dir/pg"
rm -rf "$pg_dir"
mkdir -p "$pg_dir/data"
chmod 711 "$out_dir" "$pg_dir"
chmod 700 "$pg_dir/data"
[ "$(id -u)" = 0 ] && chown nobody "$pg_dir/data"
"${as_user[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --no-sync --no-instructions \
  >"$out_dir/$stamp.initdb.log" 2>&1
start_server postgres "$port" "${as_user[*]} $pg_bin/postgres -D $pg_dir/data -p {port} -k '' -c listen_addresses=127.0.0.1 -c max_connections=100 -c shared_buffers=128MB"

{
  machine_header twisted4j
  echo "postgres: $("$pg_bin/postgres" --version); load: $concurrency query loops over one HikariCP pool of $pool connections"
  echo "each mode: ${warmup}s of warm-up then ${duration}s measured; query: SELECT id, name FROM bench_item WHERE id = ? (1000 rows)"
} >"$out_dir/$stamp.machine"

JDK_JAVA_OPTIONS="$jvm_flags" "${load_pin[@]}" java -cp "$bench_cp" org.twisted4j.bench.AdbapiLoad \
  --url "jdbc:postgresql://127.0.0.1:$port/postgres" --user postgres --concurrency "$concurrency" --pool "$pool" \
  --warmup "$warmup" --duration "$duration" --rounds "$rounds" 2>"$out_dir/$stamp.load.log" | tee -a "$results" >&2
stop_servers

echo
cat "$out_dir/$stamp.machine"
echo
awk -v rounds="$rounds" "$bench_awk"'
  {
    r = field("round"); m = field("mode"); qps[r, m] = field("queries_per_s")
    printf "%-5s %-7s %12.0f %8s %8s %9s %7s\n", r, m, field("queries_per_s"), field("p50_us"), field("p99_us"), field("ok"), field("errors")
  }
  BEGIN { printf "%-5s %-7s %12s %8s %8s %9s %7s\n", "round", "mode", "queries/s", "p50 us", "p99 us", "ok", "errors" }
  END {
    c = 0
    for (r = 1; r <= rounds; r++) {
      if (!((r, "adbapi") in qps) || !((r, "jdbc") in qps) || qps[r, "jdbc"] == 0) continue
      c++
      rr["a", c] = qps[r, "adbapi"] / qps[r, "jdbc"]
    }
    if (c > 0) printf "\nadbapi/jdbc queries/s in the same round (goal: at least 0.90): %s\n", summary(rr, "a", c)
  }' "$results"
echo
echo "Raw lines: $results (PostgreSQL and load logs beside it)"
