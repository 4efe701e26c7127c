#!/usr/bin/env bash
# `twist web --reactors 2` against `twist web` on one reactor: the same 13-byte file over keep-alive
# connections with wrk, requests/s and CPU, in one run. With --servers it also runs the two ways of serving
# one port from two event loops on the same server code (Netty, org.twisted4j.bench.NettySharedPortServer):
# netty-rr, one loop accepting and handing connections round-robin, and netty-reuseport, a socket per loop
# with SO_REUSEPORT; with --close every request comes on a new connection (wrk -H 'Connection: close'),
# where the cost of accepting and handing over shows.
#
# Neither server nor load is pinned: two reactors need both cores, so wrk shares them with the server, and
# its share is reported beside the server's (load cpu, in cores) rather than hidden. Each measured wrk run
# (`wrk -tT -cN -dSs --latency`) follows a warm-up run; the two servers take turns, rotating who goes first
# each round. Prints per run requests/s, p99, the server's CPU (cores), wrk's CPU (cores), the CPU of every
# other process, and the ratio two reactors / one per round. Raw output stays in bench/target/reactors-web/.
#
#   bench/reactors-web.sh                   # 3 rounds
#   bench/reactors-web.sh --reactor epoll   # the same on twist's epoll reactors (module nativeio)
#
# Options (defaults in brackets):
#   --warmup S            seconds of wrk before each measured run [3]
#   --duration S          seconds measured [5]
#   --connections N       wrk -c [100]
#   --threads N           wrk -t [2]
#   --reactor NAME        twist's reactor backend for reactors-1 and reactors-2: nio, epoll, io_uring [nio]
#   --servers LIST        of reactors-1, reactors-2, netty-rr, netty-reuseport [reactors-1,reactors-2]
#   --close               a new connection per request (wrk -H 'Connection: close')
#   --rounds N            rounds [3]
#   --jvm-flags 'FLAGS'   JVM flags of the servers [-Xms1g -Xmx1g -XX:+AlwaysPreTouch -XX:+UseSerialGC]
#   --port-base P         one reactor on P, two on P+1, netty-rr on P+2, netty-reuseport on P+3 [24311]
#   --quiet-wait S        first wait up to S seconds for other processes to leave the cores idle [0]
#   --max-others C        a run during which other processes used more than C cores is disturbed [0.15]
#   --retries N           run a disturbed run again, at most N times; the last one is kept anyway [2]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/bin/lib/jdk.sh"
. "$root/bench/lib/run.sh"

warmup=3 duration=5 connections=100 threads=2 rounds=3 port_base=24311 servers=reactors-1,reactors-2 close=() reactor=nio
while [ $# -gt 0 ]; do
  case "$1" in
    --servers) servers=$2; shift 2 ;;
    --reactor) reactor=$2; shift 2 ;;
    --close) close=(-H 'Connection: close'); shift ;;
    --connections) connections=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --port-base) port_base=$2; shift 2 ;;
    *) shared_option "$@"; shift "$taken" ;;
  esac
done
pin=0

need wrk "The load generator is wrk: install the Debian package wrk."
need curl "The answers are checked with curl: install the Debian package curl."
twist_cp=$(bench_classpath "$root" twist)
begin_run reactors-web

www="$out_dir/www"
mkdir -p "$www"
printf 'Hello, World!' >"$www/hello.txt"

bench_cp=""
[[ ",$servers," == *",netty-"* ]] && bench_cp=$(bench_classpath "$root" bench)
declare -A port_of pid_of command_of
for n in 1 2; do
  command_of[reactors-$n]="$((port_base + n - 1)) java -cp $twist_cp org.twisted4j.twist.Twist --reactor $reactor --reactors $n web --path $www --listen tcp:{port}:interface=127.0.0.1"
done
command_of[netty-rr]="$((port_base + 2)) java -cp $bench_cp org.twisted4j.bench.NettySharedPortServer {port} round-robin 2"
command_of[netty-reuseport]="$((port_base + 3)) java -cp $bench_cp org.twisted4j.bench.NettySharedPortServer {port} reuseport 2"
order=()
for name in ${servers//,/ }; do
  read -r port cmd <<<"${command_of[$name]:?unknown server $name}"
  start_server "$name" "$port" "$cmd"
  port_of[$name]=$port pid_of[$name]=$server_pid
  if [ "$(curl -sS "http://127.0.0.1:$port/hello.txt")" != 'Hello, World!' ]; then
    echo "$name did not answer /hello.txt with its body; stopping." >&2
    exit 1
  fi
  if [[ $name == reactors-* ]]; then
    # Reactors.create falls back to nio where a native reactor cannot load: make sure the named one runs.
    for i in $(seq 1 100); do
      grep -q "started.*(reactor $reactor," "$out_dir/$stamp.$name.log" && break
      sleep 0.1
    done
    if ! grep -q "started.*(reactor $reactor," "$out_dir/$stamp.$name.log"; then
      echo "$name does not run on the $reactor reactor; its output:" >&2
      cat "$out_dir/$stamp.$name.log" >&2
      exit 1
    fi
  fi
  order+=("$name")
done

ticks_per_s=$(getconf CLK_TCK)

# run_wrk NAME ROUND: a warm-up then one measured wrk run; leaves the result line in $run_lines.
run_wrk() {
  local name=$1 round=$2 pid=${pid_of[$1]} url="http://127.0.0.1:${port_of[$1]}/hello.txt" raw load
  echo "round $round: $name ..." >&2
  wrk -t"$threads" -c"$connections" -d"${warmup}s" "${close[@]}" "$url" >/dev/null
  raw="$out_dir/$stamp.r$round.$name.a$attempt.wrk"
  span_start "$pid"
  ( wrk -t"$threads" -c"$connections" -d"${duration}s" --latency "${close[@]}" "$url" >"$raw"; times >"$raw.times" )
  span_end "$pid"
  load=$(load_seconds "$raw.times")
  run_lines=$(awk -v name="$name" -v round="$round" -v sd="$span_server" -v md="$span_machine" -v ns="$span_ns" \
               -v hz="$ticks_per_s" -v load="$load" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec:/ { rate = $2 }
    /^ +99%/ { p99 = ms($2) }
    /Non-2xx/ { bad = $NF }
    /Socket errors/ { errors = $0; gsub(/ /, "", errors) }
    END {
      secs = ns / 1e9; server = sd / hz
      others = (md / hz - server - load) / secs; if (others < 0) others = 0
      if (errors == "") errors = "none"
      printf "reactors round=%s server=%s rate=%s p99_ms=%.3f server_cpu=%.2f load_cpu=%.2f others_cpu=%.2f non2xx=%s errors=%s\n",
             round, name, rate, p99, server / secs, load / secs, others, bad + 0, errors
    }' "$raw")
  echo "$run_lines" >&2
}

wait_for_quiet "$quiet_wait"
{
  echo "twist reactor: $reactor"
  echo "wrk: $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2); load: wrk -t$threads -c$connections -d${duration}s --latency ${close[*]} after ${warmup}s of warm-up; not pinned"
} | machine_before

for round in $(seq 1 "$rounds"); do
  for name in $(rotated "$round" "${order[@]}"); do
    retry_disturbed it " disturbed" run_wrk "$name" "$round"
  done
done
stop_servers
machine_after

show_machine
echo
awk -v rounds="$rounds" "$bench_awk"'
  BEGIN { printf "%-5s %-11s %12s %9s %11s %9s %8s %s\n", "round", "server", "requests/s", "p99 ms", "server cpu", "load cpu", "others", "" }
  {
    r = field("round"); s = field("server"); rate[r, s] = field("rate")
    note = (field("non2xx") + 0 > 0 || field("errors") != "none") ? "non2xx=" field("non2xx") " errors=" field("errors") : ""
    printf "%-5s %-11s %12.0f %9.2f %11.2f %9.2f %8.2f %s\n", r, s, field("rate"), field("p99_ms"), field("server_cpu"),
           field("load_cpu"), field("others_cpu"), note
  }
  END {
    split("reactors-2/reactors-1 netty-reuseport/netty-rr", pairs, " ")
    for (p = 1; p <= 2; p++) {
      split(pairs[p], ab, "/"); c = 0
      for (r = 1; r <= rounds; r++) if (((r, ab[1]) in rate) && ((r, ab[2]) in rate) && rate[r, ab[2]] > 0) {
        c++; ratio[pairs[p], c] = rate[r, ab[1]] / rate[r, ab[2]]
      }
      if (c > 0) printf "\nrequests/s, %s, per round: median (min..max) %s", pairs[p], summary(ratio, pairs[p], c)
    }
    printf "\n"
    printf "cpu columns are in cores (of %d): server = the twist JVM, load = wrk, others = every other process\n", '"$(nproc)"'
  }' "$results"
echo
echo "Raw lines: $results (wrk output beside it)"
show_disturbed runs 1
