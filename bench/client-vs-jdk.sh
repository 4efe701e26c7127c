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

clients=twisted4j,jdk,jdk-direct concurrency=32 warmup=8 duration=5 size=1024 rounds=3 port=19311
jvm_flags="-Xms1g -Xmx1g -XX:+AlwaysPreTouch -XX:+UseSerialGC"
pin=1 quiet_wait=0 retries=2 max_others=0.15 nginx=""
usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --clients) clients=$2; shift 2 ;;
    --concurrency) concurrency=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --size) size=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --jvm-flags) jvm_flags=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --quiet-wait) quiet_wait=$2; shift 2 ;;
    --max-others) max_others=$2; shift 2 ;;
    --retries) retries=$2; shift 2 ;;
    --no-pin) pin=0; shift ;;
    --nginx) nginx=$2; shift 2 ;;
    -h|--help) usage ;;
    *) echo "Unknown option: $1" >&2; usage ;;
  esac
done

need() {
  if ! command -v "$1" >/dev/null 2>&1 && [ ! -x "$1" ]; then
    echo "$2" >&2
    exit 1
  fi
}
need curl "The file is checked with curl: install the Debian package curl."
[ -n "$nginx" ] || nginx=$(command -v nginx || echo /usr/sbin/nginx)
need "$nginx" "The server is nginx: install the Debian package nginx-light (or give --nginx)."

bench_cp=$(bench_classpath "$root" bench)

out_dir="$root/bench/target/client-vs-jdk"
mkdir -p "$out_dir"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
results="$out_dir/$stamp.results"
: >"$results"
setup_pinning
trap stop_servers EXIT

www="$out_dir/www"
file="small-$size.bin"
mkdir -p "$www" "$out_dir/nginx"
[ -s "$www/$file" ] && [ "$(stat -c %s "$www/$file")" = "$size" ] || head -c "$size" /dev/urandom >"$www/$file"
nginx_conf="$out_dir/nginx.conf"
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
        listen 127.0.0.1:$port;
        root $www;
    }
}
EOF
} >"$nginx_conf"

start_server nginx "$port" "$nginx -p $out_dir/nginx -c $nginx_conf -e $out_dir/$stamp.nginx.error.log"
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

# run_client NAME ROUND: one run of AgentLoad in a fresh JVM; prints its line with the round added.
run_client() {
  local name=$1 round=$2 attempt raw line
  for attempt in $(seq 0 "$retries"); do
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
    line="$(grep '^agent-load ' "$raw" | sed "s/^agent-load /agent-load round=$round /")"
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

IFS=, read -r -a order <<<"$clients"
wait_for_quiet "$quiet_wait"
echo "# $0 $*" >"$out_dir/$stamp.machine"
{
  machine_header | sed 's/^server JVM flags/client JVM flags/'
  echo "nginx: $("$nginx" -v 2>&1 | sed 's/.*: //'); file $size bytes over HTTP/1.1 keep-alive"
  echo "load: AgentLoad --concurrency $concurrency --warmup $warmup --duration $duration, one fresh JVM per client and round"
  echo "before the run: $(busy_cores) cores busy (1 s sample), load average $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee -a "$out_dir/$stamp.machine" >&2

n=${#order[@]}
for round in $(seq 1 "$rounds"); do
  for i in $(seq 0 $((n - 1))); do   # rotate which client goes first
    run_client "${order[$(((i + round - 1) % n))]}" "$round"
  done
done
stop_servers
echo "after the run: $(busy_cores) cores busy (1 s sample), load average $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out_dir/$stamp.machine" >&2

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
if [ -s "$results.disturbed" ]; then
  echo "Disturbed runs run again: $(wc -l <"$results.disturbed"), their lines in $results.disturbed"
fi
