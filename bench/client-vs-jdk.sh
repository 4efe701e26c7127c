#!/usr/bin/env bash
# HTTP client load: twisted4j's Agent side by side with the JDK's java.net.http.HttpClient, both fetching
# the same small file from nginx over HTTP/1.1 keep-alive on 127.0.0.1.
#
# The load is org.twisted4j.bench.AgentLoad: --concurrency request loops, each sending a GET and the next
# as soon as the whole body of the last has arrived, for --warmup then --duration seconds, with
#   twisted4j   an Agent on one reactor thread, its HTTPConnectionPool keeping up to --concurrency
#               connections per host (maxPersistentPerHost)
#   jdk         HttpClient (HTTP/1.1, sendAsync, its default executor and connection pool)
#   jdk-direct  the same with an executor running each task on the thread that submits it (no hand-offs to
#               a thread pool: the JDK client's cheapest configuration on one core)
# Every response must be status 200 with exactly the file's bytes. nginx (one worker, sendfile on,
# access_log off, keep-alive unlimited; a generated configuration in bench/target/client-vs-jdk/) serves a
# --size-byte file of random data (1 KiB). The file is checked once with curl before any load.
#
# Builds what it needs (one reactor build of this checkout, nothing installed), starts nginx (pinned to
# core 0), then for each of --rounds rounds runs each client in turn in a fresh JVM (pinned to core 1),
# rotating which goes first. Prints, per run, requests/s, p50 and p99 request time, the client's CPU per
# request, nginx's CPU share and the CPU used by other processes; then the ratios twisted4j/jdk and
# twisted4j/jdk-direct per round, with median, min and max. Raw output stays in bench/target/client-vs-jdk/.
#
#   bench/client-vs-jdk.sh                    # 3 rounds
#   bench/client-vs-jdk.sh --quiet-wait 120   # first wait (up to 2 min) for other processes to go quiet
#
# Options (defaults in brackets):
#   --clients LIST        twisted4j,jdk,jdk-direct [all three]
#   --concurrency N       request loops, and the pool's connections per host [32]
#   --warmup S            seconds of load before measuring, in each client's JVM [8]
#   --duration S          seconds measured [5]
#   --size BYTES          size of the file served [1024]
#   --rounds N            rounds; the summary gives median, min and max of each ratio [3]
#   --jvm-flags 'FLAGS'   JVM flags given to the clients [-Xms1g -Xmx1g -XX:+AlwaysPreTouch -XX:+UseSerialGC]
#   --port P              nginx's port on 127.0.0.1 [19311]
#   --quiet-wait S        first wait up to S seconds for other processes to leave the cores idle [0]
#   --max-others C        a run during which other processes used more than C cores is disturbed [0.15]
#   --retries N           run a disturbed run again, at most N times; the last one is kept anyway [2]
#   --no-pin              do not pin the server and the clients to separate cores
#   --nginx PATH          the nginx binary [nginx on PATH, else /usr/sbin/nginx]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/bin/lib/jdk.sh"
. "$root/bench/lib/run.sh"

clients=twisted4j,jdk,jdk-direct concurrency=32 warmup=8 duration=5 size=1024 rounds=3 port=19311 nginx=""
while [ $# -gt 0 ]; do
  case "$1" in
    --clients) clients=$2; shift 2 ;;
    --concurrency) concurrency=$2; shift 2 ;;
    --size) size=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --nginx) nginx=$2; shift 2 ;;
    *) shared_option "$@"; shift "$taken" ;;
  esac
done

need curl "The file is checked with curl: install the Debian package curl."
find_nginx "The server is nginx: install the Debian package nginx-light (or give --nginx)."

bench_cp=$(bench_classpath "$root" bench)
begin_run client-vs-jdk

www="$out_dir/www"
file="small-$size.bin"
mkdir -p "$www"
random_file "$www/$file" "$size"
nginx_config "127.0.0.1:$port"

start_server nginx "$port" "$nginx_cmd"
nginx_pgid=$server_pid
url="http://127.0.0.1:$port/$file"
body="$out_dir/$stamp.nginx.body"
status=$(curl -sS -o "$body" -w '%{http_code}' "$url")
if [ "$status" != 200 ] || ! cmp -s "$body" "$www/$file"; then
  echo "nginx answered /$file with status $status and a body unlike $www/$file ($body); stopping." >&2
  exit 1
fi
echo "nginx: /$file verified (status 200, $size bytes as expected)" >&2
nginx_pids=$(pgrep -g "$nginx_pgid" | paste -sd, -)

# run_client NAME ROUND: one run of AgentLoad in a fresh JVM (attempt $attempt); leaves its line, with the
# round added, in $run_lines.
run_client() {
  local name=$1 round=$2 raw
  echo "round $round: $name ..." >&2
  raw="$out_dir/$stamp.r$round.$name.a$attempt.out"
  # shellcheck disable=SC2086
  if ! "${load_pin[@]}" java $jvm_flags -cp "$bench_cp" org.twisted4j.bench.AgentLoad --client "$name" \
      --url "$url" --concurrency "$concurrency" --warmup "$warmup" --duration "$duration" \
      --expect "$www/$file" --server-pids "$nginx_pids" >"$raw" 2>&1; then
    cat "$raw" >&2
    echo "$name: a response failed or was not the file ($raw); stopping." >&2
    exit 1
  fi
  run_lines="$(grep '^agent-load ' "$raw" | sed "s/^agent-load /agent-load round=$round /")"
  echo "$run_lines" >&2
}

IFS=, read -r -a order <<<"$clients"
wait_for_quiet "$quiet_wait"
{
  echo "nginx: $("$nginx" -v 2>&1 | sed 's/.*: //'); file $size bytes over HTTP/1.1 keep-alive"
  echo "load: AgentLoad --concurrency $concurrency --warmup $warmup --duration $duration, one fresh JVM per client and round"
} | machine_before client

for round in $(seq 1 "$rounds"); do
  for name in $(rotated "$round" "${order[@]}"); do   # rotate which client goes first
    retry_disturbed it " disturbed" run_client "$name" "$round"
  done
done
stop_servers
machine_after

show_machine
echo
awk -v rounds="$rounds" -v max="$max_others" "$bench_awk"'
  BEGIN {
    printf "%-5s %-11s %12s %10s %10s %12s %10s %10s %8s\n", "round", "client", "requests/s", "p50 ms", "p99 ms",
           "cpu us/req", "client cpu", "nginx cpu", "others"
  }
  {
    r = field("round"); c = field("client")
    rate[r, c] = field("rate"); p99[r, c] = field("p99_ms"); cpu[r, c] = field("client_cpu_us_per_request")
    printf "%-5s %-11s %12.0f %10.3f %10.3f %12.2f %10.2f %10.2f %8s\n", r, c, field("rate"), field("p50_ms"),
           field("p99_ms"), field("client_cpu_us_per_request"), field("client_cpu"), field("server_cpu"),
           field("others_cpu")
  }
  END {
    printf "\nratios of the same round: requests/s, p99 and client CPU per request (below 1: lower for twisted4j)\n"
    printf "%-22s %-28s %-28s %s\n", "pair", "rate: median (min..max)", "p99: median (min..max)", "cpu/req: median (min..max)"
    split("jdk jdk-direct", peers, " ")
    for (q = 1; q <= 2; q++) {
      o = peers[q]; k = 0
      for (r = 1; r <= rounds; r++) {
        if (!((r, "twisted4j") in rate) || !((r, o) in rate) || rate[r, o] == 0) continue
        k++
        rr[o, k] = rate[r, "twisted4j"] / rate[r, o]
        pp[o, k] = p99[r, o] > 0 ? p99[r, "twisted4j"] / p99[r, o] : 0
        cc[o, k] = cpu[r, o] > 0 ? cpu[r, "twisted4j"] / cpu[r, o] : 0
      }
      if (k > 0) printf "%-22s %-28s %-28s %s\n", "twisted4j/" o, summary(rr, o, k), summary(pp, o, k), summary(cc, o, k)
    }
    printf "\nothers = cores used by every other process during the run; above %s the run was disturbed\n", max
  }' "$results"
echo
echo "Raw lines: $results (each run's output beside it)"
show_disturbed runs 1
