#!/usr/bin/env bash
# TCP echo load, twisted4j against Netty, side by side in one run.
#
# Builds what is needed, starts both servers on 127.0.0.1 ports (pinned to one core), waits until each
# accepts connections, then runs each EchoLoad scenario against one server and then the other (the load
# generator pinned to the other core; the idle server waits in epoll and costs nothing), alternating which
# goes first, and stops them. Prints a table with both figures and the ratio twisted4j/Netty; the raw
# result lines and the servers' output are kept in bench/target/echo-vs-netty/.
#
#   bench/echo-vs-netty.sh                         # twisted4j (bin/run-example echo-server) vs Netty
#   bench/echo-vs-netty.sh --against netty         # Netty vs a second Netty: the harness's own noise
#   bench/echo-vs-netty.sh --candidate-cmd 'CMD {port}' --candidate-name NAME   # any echo server
#   bench/echo-vs-netty.sh --tls                   # TLS 1.3: twisted4j's ssl: endpoint vs Netty's SslHandler
#   bench/echo-vs-netty.sh --reactor epoll         # twisted4j's epoll reactor vs Netty's epoll transport
#
# Options (defaults in brackets):
#   --scenarios LIST      small,pipelined,bulk [all three]; see EchoLoad's javadoc
#   --warmup S            seconds of load before measuring, per scenario and server [2]
#   --duration S          seconds measured, per scenario and server [5]
#   --connections N       connections of small and pipelined [100]
#   --window W            messages in flight per connection in pipelined [16]
#   --size B              bytes per message [64]
#   --rounds N            repeat every scenario's pair N times; the table adds median, min, max [3]
#   --jvm-flags 'FLAGS'   JVM flags given to both servers [-Xms1g -Xmx1g -XX:+AlwaysPreTouch -XX:+UseSerialGC]
#   --ports 'P1 P2'       loopback ports of the reference and the candidate server [19101 19102]
#   --quiet-wait S        first wait up to S seconds for other processes to leave the cores idle [0]
#   --max-others C        a pair during which other processes used more than C cores is disturbed [0.15]
#   --retries N           run a disturbed pair again, at most N times; the last run is kept anyway [2]
#   --no-pin              do not pin servers and load to separate cores
#   --against netty       the candidate is a second NettyEchoServer
#   --candidate-cmd CMD   command that starts the candidate, {port} replaced by its port (and with --tls,
#                         {key} and {cert} by the PEM files); it should exec its server so that the process
#                         id it gets is the server's (CPU shares are read from it)
#   --candidate-name N    the candidate's name in the table [twisted4j]
#   --reactor NAME        twisted4j's reactor backend: nio, epoll or io_uring [nio]; with a native one, twisted4j
#                         serves with org.twisted4j.bench.ReactorEchoServer NAME (the same echo protocol, no
#                         fallback to NIO) and Netty's peer runs on its native epoll transport (NettyEchoServer
#                         --epoll), one event loop each
#   --tls                 TLS: makes a self-signed certificate for localhost (EC P-256, with openssl) into
#                         bench/target/echo-vs-netty/; twisted4j serves `bin/run-example echo-server
#                         ssl:PORT:privateKey=KEY:certKey=CERT`, Netty `NettyEchoServer --tls CERT KEY PORT`
#                         (SslHandler, SslProvider.JDK, TLS 1.3); the load speaks TLS through the JDK's
#                         SSLEngine, offering TLS_AES_128_GCM_SHA256 only
#
# Both servers get the JVM flags through JDK_JAVA_OPTIONS, so the twisted4j side runs exactly
# `bin/run-example echo-server tcp:PORT`. With taskset and at least 2 cores, each server runs on core 0
# and the load generator on core 1, so a server has one core for its event loop, JIT and GC alike.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/bin/lib/jdk.sh"
. "$root/bin/lib/classpath.sh"
. "$root/bench/lib/run.sh"

scenarios=small,pipelined,bulk warmup=2 duration=5 connections=100 window=16 size=64 rounds=3
ports="19101 19102" candidate_cmd="" candidate_name=twisted4j tls=0 reactor=nio
while [ $# -gt 0 ]; do
  case "$1" in
    --scenarios) scenarios=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --window) window=$2; shift 2 ;;
    --size) size=$2; shift 2 ;;
    --ports) ports=$2; shift 2 ;;
    --against) [ "$2" = netty ] || usage; candidate_cmd=netty; candidate_name=netty-2; shift 2 ;;
    --candidate-cmd) candidate_cmd=$2; shift 2 ;;
    --candidate-name) candidate_name=$2; shift 2 ;;
    --tls) tls=1; shift ;;
    --reactor) reactor=$2; shift 2 ;;
    *) shared_option "$@"; shift "$taken" ;;
  esac
done
read -r ref_port cand_port <<<"$ports"

# --- TLS material (one certificate per run) -----------------------------------------------------------
begin_run echo-vs-netty
disturbed="$out_dir/$stamp.disturbed"
tls_server="" netty_tls="" load_tls=() key="" cert=""
if [ "$tls" = 1 ]; then
  if ! command -v openssl >/dev/null 2>&1; then
    echo "--tls makes its certificate with openssl; install the Debian package openssl." >&2
    exit 1
  fi
  key="$out_dir/$stamp.key.pem" cert="$out_dir/$stamp.cert.pem"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$key" -out "$cert" \
      -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -days 2 2>/dev/null
  tls_server=":privateKey=$key:certKey=$cert" netty_tls="--tls $cert $key" load_tls=(--tls "$cert")
fi

# --- build --------------------------------------------------------------------------------------------
bench_cp=$(bench_classpath "$root" bench)
netty_epoll=""
[ "$reactor" != nio ] && netty_epoll=--epoll
netty_cmd="java -cp $bench_cp org.twisted4j.bench.NettyEchoServer $netty_epoll $netty_tls {port}"
if [ -z "$candidate_cmd" ]; then
  examples=$(java -cp "$bench_cp" org.twisted4j.examples.RunExample 2>&1 || true)  # lists them, exits 2
  if ! grep -q '^  echo-server ' <<<"$examples"; then
    echo "twisted4j has no echo server example yet: 'bin/run-example echo-server tcp:PORT' is not among" >&2
    echo "bin/run-example's examples (it comes with the reactor's TCP support). To check the harness alone," >&2
    echo "run: bench/echo-vs-netty.sh --against netty" >&2
    exit 1
  fi
  candidate_cmd="$root/bin/run-example echo-server tcp:{port}"
  [ "$tls" = 1 ] && candidate_cmd="$root/bin/run-example echo-server ssl:{port}$tls_server"
  if [ "$reactor" != nio ]; then
    candidate_cmd="java -cp $bench_cp org.twisted4j.bench.ReactorEchoServer $reactor tcp:{port}:interface=127.0.0.1"
    [ "$tls" = 1 ] && candidate_cmd="java -cp $bench_cp org.twisted4j.bench.ReactorEchoServer $reactor ssl:{port}:interface=127.0.0.1$tls_server"
  fi
elif [ "$candidate_cmd" = netty ]; then
  candidate_cmd=$netty_cmd
fi

# --- servers ------------------------------------------------------------------------------------------
candidate_cmd=${candidate_cmd//\{key\}/$key}
candidate_cmd=${candidate_cmd//\{cert\}/$cert}

# run_load NAME PORT PID ROUND SCENARIO: one scenario against one server; prints its tagged result line.
run_load() {
  local name=$1 port=$2 pid=$3 round=$4 scenario=$5 line
  echo "round $round, $scenario: $name ..." >&2
  line=$("${load_pin[@]}" java -Xms256m -Xmx256m -cp "$bench_cp" org.twisted4j.bench.EchoLoad \
      --port "$port" --scenarios "$scenario" --warmup "$warmup" --duration "$duration" \
      --connections "$connections" --window "$window" --size "$size" --server-pid "$pid" "${load_tls[@]}" \
    | sed "s/^echo-load /echo-load round=$round server=$name /")
  echo "$line" >&2
  echo "$line"
}

# run_pair ROUND SCENARIO FIRST: the scenario against both servers (FIRST is ref or cand); leaves both lines
# in $run_lines. Run through retry_disturbed: again (at most --retries times) while other processes used
# more than --max-others cores during either half.
run_pair() {
  local round=$1 scenario=$2 first=$3
  if [ "$first" = ref ]; then
    run_lines=$(run_load netty "$ref_port" "$ref_pid" "$round" "$scenario"
                run_load "$candidate_name" "$cand_port" "$cand_pid" "$round" "$scenario")
  else
    run_lines=$(run_load "$candidate_name" "$cand_port" "$cand_pid" "$round" "$scenario"
                run_load netty "$ref_port" "$ref_pid" "$round" "$scenario")
  fi
}

wait_for_quiet "$quiet_wait"

machine_before </dev/null

start_server netty "$ref_port" "$netty_cmd"
ref_pid=$server_pid
start_server "$candidate_name" "$cand_port" "$candidate_cmd"
cand_pid=$server_pid
turn=0
for round in $(seq 1 "$rounds"); do
  for scenario in ${scenarios//,/ }; do
    # Alternate which server goes first, so neither always meets the load generator's or the
    # machine's state after the other.
    if [ $((turn++ % 2)) = 0 ]; then
      retry_disturbed "the pair" "" run_pair "$round" "$scenario" ref
    else
      retry_disturbed "the pair" "" run_pair "$round" "$scenario" cand
    fi
  done
done
stop_servers
machine_after

# --- table --------------------------------------------------------------------------------------------
if awk -v b="$busy_before" -v a="$busy_after" 'BEGIN { exit !(b + 0 > 0.25 || a + 0 > 0.25) }'; then
  echo "WARNING: other processes were using the cores (see 'cores busy' below); the figures carry their noise." >&2
fi
if grep -q 'verified=false' "$results"; then
  echo "WARNING: some echoes were not verified (verified=false in $results); their figures mean nothing." >&2
fi
show_machine
awk -v cand="$candidate_name" -v rounds="$rounds" -v max="$max_others" "$bench_awk"'
  {
    key = field("round") SUBSEP field("scenario")
    if (!(key in seen)) { seen[key] = 1; order[++n] = key }
    side = field("server") == "netty" ? "ref" : "cand"
    rate[key, side] = field("rate"); unit[key] = field("unit")
    cpu[key, side] = field("server_cpu"); load[key, side] = field("load_cpu")
    eff[key, side] = field("per_server_cpu_second"); others[key, side] = field("others_cpu")
    if (field("tls") != "") agreed[field("server")] = field("tls")
  }
  END {
    for (name in agreed) printf "TLS agreed with %s: %s\n", name, agreed[name]
    printf "\nratio = %s/netty of the rate; per-cpu = of the rate per CPU second the server used\n", cand
    printf "cpu = share of one core used during the measured span (n = netty, c = %s); others = cores used\n", cand
    printf "by every other process then: above %s the pair was disturbed, and its ratio carries that noise\n", max
    printf "%-5s %-10s %-8s %14s %14s %7s %8s   %-11s %-11s %s\n", "round", "scenario", "unit", "netty", cand,
           "ratio", "per-cpu", "server n/c", "load n/c", "others n/c"
    for (i = 1; i <= n; i++) {
      k = order[i]; split(k, p, SUBSEP)
      r = rate[k, "ref"] > 0 ? rate[k, "cand"] / rate[k, "ref"] : 0
      e = eff[k, "ref"] > 0 && eff[k, "cand"] > 0 ? eff[k, "cand"] / eff[k, "ref"] : 0
      printf "%-5s %-10s %-8s %14.0f %14.0f %7.3f %8.3f   %4.2f/%-6.2f %4.2f/%-6.2f %4.2f/%.2f\n", p[1], p[2],
             unit[k], rate[k, "ref"], rate[k, "cand"], r, e, cpu[k, "ref"], cpu[k, "cand"], load[k, "ref"],
             load[k, "cand"], others[k, "ref"], others[k, "cand"]
      if (!(p[2] in count)) scen[++m] = p[2]
      ratios[p[2], ++count[p[2]]] = r
      effs[p[2], count[p[2]]] = e
    }
    if (rounds > 1) {
      printf "\n%-10s %-28s %s\n", "scenario", "ratio: median (min..max)", "per-cpu: median (min..max)"
      for (j = 1; j <= m; j++) {
        printf "%-10s %-28s %s\n", scen[j], summary(ratios, scen[j], count[scen[j]]), summary(effs, scen[j], count[scen[j]])
      }
    }
  }' "$results"
echo
echo "Raw lines: $results"
show_disturbed pairs 2
