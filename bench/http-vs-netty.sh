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
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/bin/lib/jdk.sh"
. "$root/bench/lib/run.sh"

scenarios=hello,static warmup=3 duration=5 connections=100 rounds=3 port_base=19201
jvm_flags="-Xms1g -Xmx1g -XX:+AlwaysPreTouch -XX:+UseSerialGC"
pin=1 quiet_wait=0 retries=2 max_others=0.15 python=/usr/bin/python3 nginx=""
usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --scenarios) scenarios=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --jvm-flags) jvm_flags=$2; shift 2 ;;
    --port-base) port_base=$2; shift 2 ;;
    --quiet-wait) quiet_wait=$2; shift 2 ;;
    --max-others) max_others=$2; shift 2 ;;
    --retries) retries=$2; shift 2 ;;
    --no-pin) pin=0; shift ;;
    --python) python=$2; shift 2 ;;
    --nginx) nginx=$2; shift 2 ;;
    -h|--help) usage ;;
    *) echo "Unknown option: $1" >&2; usage ;;
  esac
done
has() { [[ ",$scenarios," == *",$1,"* ]]; }

# --- tools --------------------------------------------------------------------------------------------
need() {
  if ! command -v "$1" >/dev/null 2>&1 && [ ! -x "$1" ]; then
    echo "$2" >&2
    exit 1
  fi
}
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
  [ -n "$nginx" ] || nginx=$(command -v nginx || echo /usr/sbin/nginx)
  need "$nginx" "The static peer is nginx: install the Debian package nginx-light (or give --nginx)."
fi

# --- build --------------------------------------------------------------------------------------------
bench_cp=$(bench_classpath "$root" bench)
twist_cp=$(bench_classpath "$root" twist)

out_dir="$root/bench/target/http-vs-netty"
mkdir -p "$out_dir"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
results="$out_dir/$stamp.results"
: >"$results"
setup_pinning
trap stop_servers EXIT

# --- what the servers serve ---------------------------------------------------------------------------
www="$out_dir/www"
mkdir -p "$www"
[ -s "$www/1mib.bin" ] && [ "$(stat -c %s "$www/1mib.bin")" = 1048576 ] || head -c 1048576 /dev/urandom >"$www/1mib.bin"
printf 'Hello, World!' >"$out_dir/hello.expected"

nginx_conf="$out_dir/nginx.conf"
mkdir -p "$out_dir/nginx"
{
  [ "$(id -u)" = 0 ] && echo "user root root;"
  cat <<EOF
worker_processes 1;
daemon off;
pid $out_dir/nginx/nginx.pid;
error_log $out_dir/$stamp.nginx.error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    sendfile on;
    keepalive_requests 100000000;
    keepalive_timeout 180s;
    client_body_temp_path $out_dir/nginx/body;
    proxy_temp_path $out_dir/nginx/proxy;
    fastcgi_temp_path $out_dir/nginx/fastcgi;
    uwsgi_temp_path $out_dir/nginx/uwsgi;
    scgi_temp_path $out_dir/nginx/scgi;
    types { application/octet-stream bin; }
    server {
        listen 127.0.0.1:$((port_base + 3));
        root $www;
    }
}
EOF
} >"$nginx_conf"

# name, port, command, scenario, path, expected body
servers=(
  "netty $port_base java -cp $bench_cp org.twisted4j.bench.NettyHttpHelloServer {port}|hello|/|$out_dir/hello.expected"
  "twisted4j $((port_base + 1)) java -cp $bench_cp org.twisted4j.bench.WebHelloServer {port}|hello|/|$out_dir/hello.expected"
  "python $((port_base + 2)) $python $root/bench/python/twisted_web_hello.py {port}|hello|/|$out_dir/hello.expected"
  "nginx $((port_base + 3)) $nginx -p $out_dir/nginx -c $nginx_conf -e $out_dir/$stamp.nginx.error.log|static|/1mib.bin|$www/1mib.bin"
  "twist-web $((port_base + 4)) java -cp $twist_cp org.twisted4j.twist.Twist web --path $www --listen tcp:{port}:interface=127.0.0.1|static|/1mib.bin|$www/1mib.bin"
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

# run_wrk NAME ROUND: warm-up then one measured wrk run; prints the result line.
run_wrk() {
  local name=$1 round=$2 port=${port_of[$1]} pid=${pid_of[$1]} url attempt raw line
  url="http://127.0.0.1:$port${path_of[$1]}"
  for attempt in $(seq 0 "$retries"); do
    echo "round $round, ${scenario_of[$name]}: $name ..." >&2
    "${load_pin[@]}" wrk -t1 -c"$connections" -d"${warmup}s" "$url" >/dev/null
    raw="$out_dir/$stamp.r$round.$name.a$attempt.wrk"
    local s0 m0 t0 s1 m1 t1 load
    s0=$(process_group_ticks "$pid") m0=$(machine_ticks) t0=$(date +%s%N)
    ( "${load_pin[@]}" wrk -t1 -c"$connections" -d"${duration}s" --latency "$url" >"$raw"; times >"$raw.times" )
    s1=$(process_group_ticks "$pid") m1=$(machine_ticks) t1=$(date +%s%N)
    load=$(awk 'NR == 2 { n = split($0, f, /[ ms]+/); t = 0; for (i = 1; i <= n; i++) if (f[i] != "") t += (i % 2 ? 60 * f[i] : f[i]); print t }' "$raw.times")
    line=$(awk -v name="$name" -v round="$round" -v scen="${scenario_of[$name]}" -v sd=$((s1 - s0)) \
               -v md=$((m1 - m0)) -v ns=$((t1 - t0)) -v hz="$ticks_per_s" -v load="$load" '
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
    echo "$line" >&2
    if [ "$attempt" -lt "$retries" ] && awk -v max="$max_others" '{ split($0, f, "others_cpu="); exit !(f[2] + 0 > max) }' <<<"$line"; then
      echo "other processes used more than $max_others cores meanwhile; running it again" >&2
      echo "$line disturbed" >>"$results.disturbed"
      continue
    fi
    echo "$line" >>"$results"
    return 0
  done
}

wait_for_quiet "$quiet_wait"
echo "# $0 $*" >"$out_dir/$stamp.machine"
{
  machine_header
  echo "wrk: $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2); nginx: $("$nginx" -v 2>&1 | sed 's/.*: //' || true); python: $("$python" -c 'import sys, twisted; print(sys.version.split()[0], "Twisted", twisted.__version__)' 2>/dev/null || true)"
  echo "load: wrk -t1 -c$connections -d${duration}s --latency, after ${warmup}s of wrk warm-up, per server and round"
  echo "before the run: $(busy_cores) cores busy (1 s sample), load average $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee -a "$out_dir/$stamp.machine" >&2

for round in $(seq 1 "$rounds"); do
  for scenario in hello static; do
    has "$scenario" || continue
    if [ "$scenario" = hello ]; then order=("${order_hello[@]}"); else order=("${order_static[@]}"); fi
    n=${#order[@]}
    for i in $(seq 0 $((n - 1))); do   # rotate which server goes first
      run_wrk "${order[$(((i + round - 1) % n))]}" "$round"
    done
  done
done
stop_servers
echo "after the run: $(busy_cores) cores busy (1 s sample), load average $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out_dir/$stamp.machine" >&2

# --- table --------------------------------------------------------------------------------------------
echo
sed -n '2,$p' "$out_dir/$stamp.machine"
echo
awk -v rounds="$rounds" -v max="$max_others" '
  function field(name,   i, kv) {
    for (i = 1; i <= NF; i++) { split($i, kv, "="); if (kv[1] == name) return kv[2] }
    return ""
  }
  function summary(values, s, c,   v, a, b, t, med) {
    for (a = 1; a <= c; a++) v[a] = values[s, a]
    for (a = 2; a <= c; a++) for (b = a; b > 1 && v[b - 1] > v[b]; b--) { t = v[b]; v[b] = v[b - 1]; v[b - 1] = t }
    med = c % 2 ? v[(c + 1) / 2] : (v[c / 2] + v[c / 2 + 1]) / 2
    return sprintf("%.3f (%.3f..%.3f)", med, v[1], v[c])
  }
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
if [ -s "$results.disturbed" ]; then
  echo "Disturbed runs run again: $(wc -l <"$results.disturbed"), their lines in $results.disturbed"
fi
