#!/usr/bin/env bash
# Connection bursts: many short HTTP exchanges, each on a new connection, against twisted4j's `twist web`,
# nginx and a Netty HTTP server in one run, counting the connects that stalled a full second on SYN
# retransmission (what a listen queue too short for the burst costs).
#
# Each server answers GET with a small body (`twist web` and nginx the same 13-byte file, Netty its
# "Hello, World!"); `twist web` runs twice, with its default listen backlog (the system's somaxconn) and with
# Twisted's old default, backlog=50, given explicitly, to show what the default changes. nginx runs with one
# worker and its own default backlog (511); Netty with one event loop and its default backlog (somaxconn).
# The load is org.twisted4j.bench.ConnectBurst: --sequential exchanges one after the other, then
# --simultaneous ones all at once (a virtual thread each), each `Connection: close`; it prints the total time
# of each mode, how many exchanges took 1 s or more (stalled), the slowest and how many failed.
#
# Builds what it needs (one reactor build of this checkout, nothing installed), starts every server on its
# own 127.0.0.1 port (pinned to core 0), checks once that each answers 200, then runs the load (pinned to
# core 1) against each in turn, rotating who goes first each round. Raw lines and server logs stay in
# bench/target/connect-burst/.
#
#   bench/connect-burst.sh                     # 10,000 sequential and 1,000 simultaneous, one round
#
# Options (defaults in brackets):
#   --sequential N        exchanges one after the other [10000]
#   --simultaneous N      exchanges all at once [1000]
#   --rounds N            rounds [1]
#   --jvm-flags 'FLAGS'   JVM flags given to the Java servers [-Xms1g -Xmx1g -XX:+AlwaysPreTouch -XX:+UseSerialGC]
#   --port-base P         the servers listen on P (twist web), P+1 (twist web, backlog=50), P+2 (nginx),
#                         P+3 (Netty) [24301]
#   --quiet-wait S        first wait up to S seconds for other processes to leave the cores idle [0]
#   --no-pin              do not pin servers and load to separate cores
#   --nginx PATH          the nginx binary [nginx on PATH, else /usr/sbin/nginx]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/bin/lib/jdk.sh"
. "$root/bench/lib/run.sh"

sequential=10000 simultaneous=1000 rounds=1 port_base=24301 nginx="" warmup=0 duration=0
while [ $# -gt 0 ]; do
  case "$1" in
    --sequential) sequential=$2; shift 2 ;;
    --simultaneous) simultaneous=$2; shift 2 ;;
    --port-base) port_base=$2; shift 2 ;;
    --nginx) nginx=$2; shift 2 ;;
    *) shared_option "$@"; shift "$taken" ;;
  esac
done

need curl "The answers are checked with curl: install the Debian package curl."
find_nginx "The peer is nginx: install the Debian package nginx-light (or give --nginx)."

bench_cp=$(bench_classpath "$root" bench)
twist_cp=$(bench_classpath "$root" twist)
begin_run connect-burst

www="$out_dir/www"
mkdir -p "$www"
printf 'Hello, World!' >"$www/hello.txt"
nginx_config "127.0.0.1:$((port_base + 2))"

servers=(
  "twist-web $port_base java -cp $twist_cp org.twisted4j.twist.Twist web --path $www --listen tcp:{port}:interface=127.0.0.1"
  "twist-web-b50 $((port_base + 1)) java -cp $twist_cp org.twisted4j.twist.Twist web --path $www --listen tcp:{port}:interface=127.0.0.1:backlog=50"
  "nginx $((port_base + 2)) $nginx_cmd"
  "netty $((port_base + 3)) java -cp $bench_cp org.twisted4j.bench.NettyHttpHelloServer {port}"
)
declare -A port_of
order=()
for entry in "${servers[@]}"; do
  read -r name port cmd <<<"$entry"
  start_server "$name" "$port" "$cmd"
  port_of[$name]=$port
  status=$(curl -sS -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/hello.txt")
  if [ "$status" != 200 ]; then
    echo "$name answered /hello.txt with status $status; stopping." >&2
    exit 1
  fi
  order+=("$name")
done

wait_for_quiet "$quiet_wait"
{
  echo "nginx: $("$nginx" -v 2>&1 | sed 's/.*: //' || true); somaxconn: $(cat /proc/sys/net/core/somaxconn 2>/dev/null || echo unknown)"
  echo "load: ConnectBurst, $sequential sequential then $simultaneous simultaneous exchanges (Connection: close) per server and round"
} | machine_before

for round in $(seq 1 "$rounds"); do
  for name in $(rotated "$round" "${order[@]}"); do
    echo "round $round: $name ..." >&2
    "${load_pin[@]}" java -cp "$bench_cp" org.twisted4j.bench.ConnectBurst "$name" "${port_of[$name]}" /hello.txt \
        "$sequential" "$simultaneous" | sed "s/^burst /burst round=$round /" | tee -a "$results" >&2
  done
done
stop_servers
machine_after

show_machine
echo
awk "$bench_awk"'
  BEGIN { printf "%-5s %-14s %-13s %9s %10s %8s %10s %7s\n", "round", "server", "mode", "connects", "total s", "stalled", "max ms", "failed" }
  { printf "%-5s %-14s %-13s %9s %10s %8s %10s %7s\n", field("round"), field("server"), field("mode"), field("connects"),
           field("total_s"), field("stalled"), field("max_ms"), field("failed") }' "$results"
echo
echo "stalled = exchanges (connect, request, response) that took 1 s or more: a SYN or handshake ACK dropped and sent again"
echo "Raw lines: $results"
