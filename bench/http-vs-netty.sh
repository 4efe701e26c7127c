#!/usr/bin/env bash
# HTTP load with wrk, twisted4j's web server side by side with Netty, Python Twisted and nginx in one run.
#
# Two scenarios, each run with `wrk -t1 -cN -dSs --latency` on 127.0.0.1:
#   hello   a plaintext "Hello, World!" (13 bytes, text/plain, Content-Length, keep-alive) from
#           twisted4j (org.twisted4j.bench.WebHelloServer: a leaf Resource served by Site),
#           Netty (org.twisted4j.bench.NettyHttpHelloServer: HttpServerCodec and a hello handler) and
#           Python Twisted (bench/python/twisted_web_hello.py: twisted.web, one process, on the system's
#           /usr/bin/python3 with Debian's python3-twisted)
#   static  a 1 MiB file of random bytes from twisted4j's `twist web --path DIR` and from nginx (one worker,
#           sendfile on, access_log off, a generated configuration in bench/target/http-vs-netty/)
#
# Builds what it needs (one reactor build of this checkout, nothing installed), starts every server on its
# own 127.0.0.1 port (pinned to core 0), checks once that each answers with exactly the expected body,
# then, for each of --rounds rounds, runs each scenario against each of its servers in turn (wrk pinned to
# core 1; the servers not under load wait in epoll), rotating which goes first. Each measured wrk run
# follows a warm-up wrk run of --warmup seconds against the same server. Prints, per run, requests/s, the
# p99 latency wrk reports, the server's CPU per request and the CPU used by other processes; then the
# ratios twisted4j/Netty, twisted4j/Python and twisted4j/nginx per round with median, min and max. Raw wrk
# output, the servers' logs and the result lines stay in bench/target/http-vs-netty/.
#
#   bench/http-vs-netty.sh                    # 3 rounds of both scenarios
#   bench/http-vs-netty.sh --quiet-wait 300   # first wait (up to 5 min) for other processes to go quiet
#   bench/http-vs-netty.sh --reactor epoll --scenarios hello   # twisted4j on epoll vs Netty on epoll
#
# Options (defaults in brackets):
#   --scenarios LIST      hello,static [both]
#   --warmup S            seconds of wrk before each measured run [3]
#   --duration S          seconds measured (wrk -d) [5]
#   --connections N       wrk -c [100]
#   --rounds N            rounds; the summary gives median, min and max of each ratio [3]
#   --jvm-flags 'FLAGS'   JVM flags given to the Java servers [-Xms1g -Xmx1g -XX:+AlwaysPreTouch -XX:+UseSerialGC]
#   --port-base P         the servers listen on P (Netty), P+1 (twisted4j), P+2 (Python), P+3 (nginx),
#                         P+4 (twist web) [19201]
#   --quiet-wait S        first wait up to S seconds for other processes to leave the cores idle [0]
#   --max-others C        a run during which other processes used more than C cores is disturbed [0.15]
#   --retries N           run a disturbed run again, at most N times; the last one is kept anyway [2]
#   --no-pin              do not pin servers and load to separate cores
#   --python PATH         the Python with Twisted [/usr/bin/python3]
#   --nginx PATH          the nginx binary [nginx on PATH, else /usr/sbin/nginx]
#   --reactor NAME        twisted4j's reactor backend: nio, epoll or io_uring [nio]; with a native one,
#                         WebHelloServer and twist web run on it (no fallback to NIO) and Netty's hello peer runs
#                         on its native epoll transport (NettyHttpHelloServer --epoll)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/bin/lib/jdk.sh"
. "$root/bench/lib/run.sh"

scenarios=hello,static warmup=3 duration=5 connections=100 rounds=3 port_base=19201
python=/usr/bin/python3 nginx="" reactor=nio
while [ $# -gt 0 ]; do
  case "$1" in
    --scenarios) scenarios=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --port-base) port_base=$2; shift 2 ;;
    --python) python=$2; shift 2 ;;
    --nginx) nginx=$2; shift 2 ;;
    --reactor) reactor=$2; shift 2 ;;
    *) shared_option "$@"; shift "$taken" ;;
  esac
done
has() { [[ ",$scenarios," == *",$1,"* ]]; }

# --- tools --------------------------------------------------------------------------------------------
need wrk "The load generator is wrk: install the Debian package wrk."
need curl "The bodies are checked with curl: install the Debian package curl."
if has hello; then
  need "$python" "The Python peer needs $python with Twisted: install the Debian package python3-twisted."
  if ! "$python" -c 'import twisted.web' 2>/dev/null; then
    echo "$python cannot import twisted.web: install the Debian package python3-twisted (or give --python)." >&2
    exit 1
  fi
fi
if has static; then
  find_nginx "The static peer is nginx: install the Debian package nginx-light (or give --nginx)."
fi

# --- build --------------------------------------------------------------------------------------------
bench_cp=$(bench_classpath "$root" bench)
twist_cp=$(bench_classpath "$root" twist)
begin_run http-vs-netty

# --- what the servers serve ---------------------------------------------------------------------------
www="$out_dir/www"
mkdir -p "$www"
random_file "$www/1mib.bin" 1048576
printf 'Hello, World!' >"$out_dir/hello.expected"

nginx_config "127.0.0.1:$((port_base + 3))"

netty_epoll="" reactor_option=""
if [ "$reactor" != nio ]; then
  netty_epoll=--epoll reactor_option="--reactor $reactor"
fi
# name, port, command, scenario, path, expected body
servers=(
  "netty $port_base java -cp $bench_cp org.twisted4j.bench.NettyHttpHelloServer $netty_epoll {port}|hello|/|$out_dir/hello.expected"
  "twisted4j $((port_base + 1)) java -cp $bench_cp org.twisted4j.bench.WebHelloServer $reactor_option {port}|hello|/|$out_dir/hello.expected"
  "python $((port_base + 2)) $python $root/bench/python/twisted_web_hello.py {port}|hello|/|$out_dir/hello.expected"
  "nginx $((port_base + 3)) $nginx_cmd|static|/1mib.bin|$www/1mib.bin"
  "twist-web $((port_base + 4)) java -cp $twist_cp org.twisted4j.twist.Twist $reactor_option web --path $www --listen tcp:{port}:interface=127.0.0.1|static|/1mib.bin|$www/1mib.bin"
)
declare -A port_of pid_of path_of scenario_of
order_hello=() order_static=()
for entry in "${servers[@]}"; do
  IFS='|' read -r start scenario path expected <<<"$entry"
  read -r name port cmd <<<"$start"
  has "$scenario" || continue
  start_server "$name" "$port" "$cmd"
  port_of[$name]=$port pid_of[$name]=$server_pid path_of[$name]=$path scenario_of[$name]=$scenario
  # Check the answer once: status 200 and exactly the expected bytes, so a wrong server cannot win.
  body="$out_dir/$stamp.$name.body"
  status=$(curl -sS -o "$body" -w '%{http_code}' "http://127.0.0.1:$port$path")
  if [ "$status" != 200 ] || ! cmp -s "$body" "$expected"; then
    echo "$name answered $path with status $status and a body unlike $expected ($body); stopping." >&2
    exit 1
  fi
  echo "$name: $path verified (status 200, $(stat -c %s "$body") bytes as expected)" >&2
  if [ "$scenario" = hello ]; then order_hello+=("$name"); else order_static+=("$name"); fi
done

ticks_per_s=$(getconf CLK_TCK)

# run_wrk NAME ROUND: warm-up then one measured wrk run (attempt $attempt); leaves the result line in
# $run_lines.
run_wrk() {
  local name=$1 round=$2 pid=${pid_of[$1]} url raw load
  url="http://127.0.0.1:${port_of[$1]}${path_of[$1]}"
  echo "round $round, ${scenario_of[$name]}: $name ..." >&2
  "${load_pin[@]}" wrk -t1 -c"$connections" -d"${warmup}s" "$url" >/dev/null
  raw="$out_dir/$stamp.r$round.$name.a$attempt.wrk"
  span_start "$pid"
  ( "${load_pin[@]}" wrk -t1 -c"$connections" -d"${duration}s" --latency "$url" >"$raw"; times >"$raw.times" )
  span_end "$pid"
  load=$(load_seconds "$raw.times")
  run_lines=$(awk -v name="$name" -v round="$round" -v scen="${scenario_of[$name]}" -v sd="$span_server" \
               -v md="$span_machine" -v ns="$span_ns" -v hz="$ticks_per_s" -v load="$load" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /requests in/ { requests = $1 }
    /Requests\/sec:/ { rate = $2 }
    /^ +99%/ { p99 = ms($2) }
    /^ +50%/ { p50 = ms($2) }
    /Non-2xx/ { bad = $NF }
    /Socket errors/ { errors = $0; gsub(/ /, "", errors) }
    END {
      secs = ns / 1e9; server = sd / hz
      others = (md / hz - server - load) / secs; if (others < 0) others = 0
      per = requests > 0 ? 1e6 * server / requests : 0
      if (errors == "") errors = "none"
      printf "http round=%s scenario=%s server=%s rate=%s p50_ms=%.3f p99_ms=%.3f requests=%s server_cpu=%.2f cpu_us_per_request=%.2f load_cpu=%.2f others_cpu=%.2f non2xx=%s errors=%s\n",
             round, scen, name, rate, p50, p99, requests, server / secs, per, load / secs, others, bad + 0, errors
    }' "$raw")
  echo "$run_lines" >&2
}

wait_for_quiet "$quiet_wait"
{
  echo "wrk: $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2); nginx: $("$nginx" -v 2>&1 | sed 's/.*: //' || true); python: $("$python" -c 'import sys, twisted; print(sys.version.split()[0], "Twisted", twisted.__version__)' 2>/dev/null || true)"
  echo "load: wrk -t1 -c$connections -d${duration}s --latency, after ${warmup}s of wrk warm-up, per server and round"
} | machine_before

for round in $(seq 1 "$rounds"); do
  for scenario in hello static; do
    has "$scenario" || continue
    if [ "$scenario" = hello ]; then order=("${order_hello[@]}"); else order=("${order_static[@]}"); fi
    for name in $(rotated "$round" "${order[@]}"); do   # rotate which server goes first
      retry_disturbed it " disturbed" run_wrk "$name" "$round"
    done
  done
done
stop_servers
machine_after

# --- table --------------------------------------------------------------------------------------------
show_machine
echo
awk -v rounds="$rounds" -v max="$max_others" "$bench_awk"'
  {
    r = field("round"); s = field("server")
    rate[r, s] = field("rate"); p99[r, s] = field("p99_ms"); cpu[r, s] = field("cpu_us_per_request")
    note = (field("non2xx") + 0 > 0 || field("errors") != "none") ? "non2xx=" field("non2xx") " errors=" field("errors") : ""
    printf "%-5s %-7s %-10s %12.0f %10.2f %10.2f %10.2f %10.2f %8s %s\n", r, field("scenario"), s, field("rate"),
           field("p50_ms"), field("p99_ms"), field("cpu_us_per_request"), field("server_cpu"), field("others_cpu"), note
    seen[r] = 1
  }
  BEGIN {
    printf "%-5s %-7s %-10s %12s %10s %10s %10s %10s %8s\n", "round", "scenario", "server", "requests/s", "p50 ms",
           "p99 ms", "cpu us/req", "server cpu", "others"
  }
  END {
    split("twisted4j/netty twisted4j/python twist-web/nginx", pairs, " ")
    printf "\nratios of the same round (first/second): requests/s, p99 latency and CPU per request (below 1: lower for the first)\n"
    printf "%-18s %-28s %-28s %s\n", "pair", "rate: median (min..max)", "p99: median (min..max)", "cpu/req: median (min..max)"
    for (p = 1; p <= 3; p++) {
      split(pairs[p], ab, "/"); c = 0
      for (r = 1; r <= rounds; r++) {
        if (!((r, ab[1]) in rate) || !((r, ab[2]) in rate) || rate[r, ab[2]] == 0) continue
        c++
        rr[pairs[p], c] = rate[r, ab[1]] / rate[r, ab[2]]
        pp[pairs[p], c] = p99[r, ab[2]] > 0 ? p99[r, ab[1]] / p99[r, ab[2]] : 0
        cc[pairs[p], c] = cpu[r, ab[2]] > 0 ? cpu[r, ab[1]] / cpu[r, ab[2]] : 0
      }
      if (c > 0) printf "%-18s %-28s %-28s %s\n", pairs[p], summary(rr, pairs[p], c), summary(pp, pairs[p], c), summary(cc, pairs[p], c)
    }
    printf "\nothers = cores used by every other process during the run; above %s the run was disturbed\n", max
  }' "$results"
echo
echo "Raw lines: $results (wrk output beside it)"
show_disturbed runs 1
