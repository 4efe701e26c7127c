#!/usr/bin/env bash
# TLS handshakes per second: twisted4j's ssl: endpoint against Netty's SslHandler (SslProvider.JDK) and
# nginx, side by side in one run.
#
# Makes one self-signed P-256 certificate for localhost, starts the three servers on 127.0.0.1 (pinned to
# core 0), then for each round and mode runs the load against each server in turn (pinned to core 1,
# rotating which goes first): --clients parallel `openssl s_time` processes (Debian's openssl), each making
# one TLS 1.3 connection after another for --duration seconds, after a --warmup of the same. Each connection
# is a handshake, then a close_notify and a close; no application data. Prints the handshakes per second of
# each server, the server's CPU share, the handshakes per second of server CPU, and the ratios of twisted4j
# to Netty and to nginx; the raw lines and the servers' output stay in bench/target/tls-handshakes/.
#
#   bench/tls-handshakes.sh                    # 3 rounds of new and reused sessions
#   bench/tls-handshakes.sh --modes new        # full handshakes only
#
# Modes:
#   new     every connection a full handshake (s_time -new): ECDHE key exchange and an ECDSA signature
#           on the server side
#   reuse   every connection after the first resumes the first one's session (s_time -reuse): a TLS 1.3
#           session ticket (PSK with ECDHE), no certificate and no signature
#
# Options (defaults in brackets):
#   --modes LIST          new,reuse [both]
#   --clients N           openssl s_time processes at once [4]
#   --warmup S            seconds of load before measuring, per mode and server [5]
#   --duration S          seconds measured, per mode and server [5]
#   --rounds N            repeat every mode N times; the table adds median, min, max [3]
#   --ports 'P1 P2 P3'    loopback ports of twisted4j, Netty and nginx [19401 19402 19403]
#   --jvm-flags 'FLAGS'   JVM flags of both Java servers [-Xms1g -Xmx1g -XX:+AlwaysPreTouch -XX:+UseSerialGC]
#   --quiet-wait S, --max-others C, --retries N, --no-pin   as in the other scripts
#
# The servers: twisted4j `bin/run-example echo-server ssl:PORT:privateKey=KEY:certKey=CERT` (the JDK's
# SSLEngine; its handshake work on a virtual thread, results applied on the reactor thread); Netty 4.2
# `NettyEchoServer --tls CERT KEY PORT` (SslHandler, SslProvider.JDK, TLS 1.3, one event loop); nginx
# (`nginx-light`, one worker, `listen PORT ssl`, TLS 1.3, OpenSSL). All three agree TLS_AES_128_GCM_SHA256,
# the only suite the load offers.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/bin/lib/jdk.sh"
. "$root/bench/lib/run.sh"

modes=new,reuse clients=4 warmup=5 duration=5 rounds=3 ports="19401 19402 19403" nginx=""
while [ $# -gt 0 ]; do
  case "$1" in
    --modes) modes=$2; shift 2 ;;
    --clients) clients=$2; shift 2 ;;
    --ports) ports=$2; shift 2 ;;
    *) shared_option "$@"; shift "$taken" ;;
  esac
done
read -r t_port n_port x_port <<<"$ports"
need openssl "The load is openssl s_time: install the Debian package openssl."
find_nginx "nginx is the third server: install the Debian package nginx-light."

begin_run tls-handshakes
key="$out_dir/$stamp.key.pem" cert="$out_dir/$stamp.cert.pem"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$key" -out "$cert" \
    -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -days 2 2>/dev/null
www="$out_dir/www"
mkdir -p "$www"
nginx_config "127.0.0.1:$x_port ssl" "ssl_protocols TLSv1.3;
ssl_certificate $cert;
ssl_certificate_key $key;"
bench_cp=$(bench_classpath "$root" bench)
ticks=$(getconf CLK_TCK)

# run_load NAME PORT PID ROUND MODE: one mode against one server; leaves its result line in $run_lines.
run_load() {
  local name=$1 port=$2 pid=$3 round=$4 mode=$5 i conns load_file
  local args=(-connect "127.0.0.1:$port" "-$mode" -tls1_3 -ciphersuites TLS_AES_128_GCM_SHA256)
  echo "round $round, $mode: $name ..." >&2
  local warming=()
  for i in $(seq 1 "$clients"); do
    "${load_pin[@]}" openssl s_time "${args[@]}" -time "$warmup" >/dev/null 2>&1 &
    warming+=($!)
  done
  wait "${warming[@]}"
  load_file=$(mktemp)
  span_start "$pid"
  (
    for i in $(seq 1 "$clients"); do
      "${load_pin[@]}" openssl s_time "${args[@]}" -time "$duration" 2>&1 |
        awk '/connections in [0-9.]+ real seconds/ { print $1 }' >"$load_file.$i" &
    done
    wait
    times >"$load_file"
  )
  span_end "$pid"
  conns=$(cat "$load_file".* | awk '{ t += $1 } END { print t + 0 }')
  run_lines=$(awk -v name="$name" -v round="$round" -v mode="$mode" -v conns="$conns" -v ns="$span_ns" \
      -v server="$span_server" -v machine="$span_machine" -v ticks="$ticks" -v load="$(load_seconds "$load_file")" '
    BEGIN {
      s = ns / 1e9; cpu = server / ticks / s; lcpu = load / s
      others = machine / ticks / s - cpu - lcpu; if (others < 0) others = 0
      printf "handshakes round=%s mode=%s server=%s rate=%.1f unit=handshakes/s seconds=%.3f connections=%d", round, mode, name, conns / s, s, conns
      printf " server_cpu=%.3f load_cpu=%.3f others_cpu=%.3f per_server_cpu_second=%.1f\n", cpu, lcpu, others, (cpu > 0 ? conns / s / cpu : 0)
    }')
  rm -f "$load_file" "$load_file".*
  echo "$run_lines" >&2
}

wait_for_quiet "$quiet_wait"
machine_before <<<"openssl: $(openssl version | cut -d' ' -f1-2); nginx: $("$nginx" -v 2>&1 | sed 's/.*: //')"
start_server twisted4j "$t_port" \
    "java -cp $bench_cp org.twisted4j.examples.RunExample echo-server ssl:{port}:interface=127.0.0.1:privateKey=$key:certKey=$cert"
t_pid=$server_pid
start_server netty "$n_port" "java -cp $bench_cp org.twisted4j.bench.NettyEchoServer --tls $cert $key {port}"
n_pid=$server_pid
start_server nginx "$x_port" "$nginx_cmd"
x_pid=$server_pid

for round in $(seq 1 "$rounds"); do
  for mode in ${modes//,/ }; do
    while read -r name; do
      case "$name" in
        twisted4j) retry_disturbed "$name" "" run_load twisted4j "$t_port" "$t_pid" "$round" "$mode" ;;
        netty) retry_disturbed "$name" "" run_load netty "$n_port" "$n_pid" "$round" "$mode" ;;
        nginx) retry_disturbed "$name" "" run_load nginx "$x_port" "$x_pid" "$round" "$mode" ;;
      esac
    done < <(rotated "$round" twisted4j netty nginx)
  done
done
stop_servers
machine_after

show_machine
awk -v rounds="$rounds" "$bench_awk"'
  {
    key = field("round") SUBSEP field("mode")
    if (!(key in seen)) { seen[key] = 1; order[++n] = key }
    s = field("server"); rate[key, s] = field("rate"); eff[key, s] = field("per_server_cpu_second")
    cpu[key, s] = field("server_cpu"); others[key, s] = field("others_cpu")
  }
  function ratio(a, b) { return b > 0 ? a / b : 0 }
  END {
    printf "\nrate = handshakes/s; cpu = share of one core the server used; per-cpu = handshakes per second of server CPU\n"
    printf "t/n, t/x = twisted4j/netty and twisted4j/nginx, of the rate (r) and of per-cpu (c)\n"
    printf "%-5s %-6s %9s %9s %9s   %-14s   %9s %9s %9s   %6s %6s %6s %6s  %s\n", "round", "mode", "twisted4j", "netty",
           "nginx", "cpu t/n/x", "pc t", "pc n", "pc x", "r t/n", "r t/x", "c t/n", "c t/x", "others t/n/x"
    for (i = 1; i <= n; i++) {
      k = order[i]; split(k, p, SUBSEP)
      rn = ratio(rate[k, "twisted4j"], rate[k, "netty"]); rx = ratio(rate[k, "twisted4j"], rate[k, "nginx"])
      cn = ratio(eff[k, "twisted4j"], eff[k, "netty"]); cx = ratio(eff[k, "twisted4j"], eff[k, "nginx"])
      printf "%-5s %-6s %9.0f %9.0f %9.0f   %4.2f/%4.2f/%4.2f   %9.0f %9.0f %9.0f   %6.3f %6.3f %6.3f %6.3f  %.2f/%.2f/%.2f\n",
             p[1], p[2], rate[k, "twisted4j"], rate[k, "netty"], rate[k, "nginx"], cpu[k, "twisted4j"], cpu[k, "netty"],
             cpu[k, "nginx"], eff[k, "twisted4j"], eff[k, "netty"], eff[k, "nginx"], rn, rx, cn, cx,
             others[k, "twisted4j"], others[k, "netty"], others[k, "nginx"]
      if (!(p[2] in count)) m[++nm] = p[2]
      c = ++count[p[2]]; RN[p[2], c] = rn; RX[p[2], c] = rx; CN[p[2], c] = cn; CX[p[2], c] = cx
    }
    if (rounds > 1) {
      printf "\n%-6s %-26s %-26s %-26s %s\n", "mode", "rate t/n", "rate t/x", "per-cpu t/n", "per-cpu t/x"
      for (j = 1; j <= nm; j++) {
        s = m[j]; c = count[s]
        printf "%-6s %-26s %-26s %-26s %s\n", s, summary(RN, s, c), summary(RX, s, c), summary(CN, s, c), summary(CX, s, c)
      }
    }
  }' "$results"
echo
echo "Raw lines: $results"
show_disturbed runs 1
