#!/usr/bin/env bash
# IRC broadcast load: `twist words` of twisted4j side by side with ngIRCd, in one run, driven by the same Java
# client harness (org.twisted4j.bench.IrcLoad, twisted4j's reactor with plain line clients).
#
# 200 clients register and join 10 channels (20 members each), 25 at a time; the clients together send --rates PRIVMSGs a
# second to their channels, each carrying its send time, and the server broadcasts each to the 19 other
# members. For each rate and each of --rounds rounds, each server in turn (rotating which goes first) gets
# --warmup seconds of load and --duration measured seconds; the harness prints the messages delivered a second
# (received by the clients in the measured time), latency from send to receipt, and what was still missing two
# seconds after sending stopped. Servers run on core 0, the harness on core 1. Ends with delivered/s ratios
# twisted4j/ngircd per rate (median, min, max over rounds). Raw lines and logs stay in bench/target/irc-vs-ngircd/.
#
# twisted4j runs `twist words --irc-port tcp:PORT:interface=127.0.0.1:backlog=511 --group bench0..9 --flood-rate 0` (flood
# control off, as the load is a flood by design). ngIRCd runs with MaxConnectionsIP = 0 and its defaults
# otherwise, which include its own per-client command throttling: that throttling is part of what it delivers.
#
#   bench/irc-vs-ngircd.sh                      # rates 500 2000 8000, 3 rounds
#   bench/irc-vs-ngircd.sh --rates "1000"       # one rate
#
# Options (defaults in brackets):
#   --rates "R..."        offered PRIVMSGs per second, all clients together ["500 2000 8000"]
#   --clients N           clients [200]
#   --channels N          channels [10]
#   --warmup S            seconds of load before each measured window [2]
#   --duration S          seconds measured [5]
#   --rounds N            rounds [3]
#   --jvm-flags 'FLAGS'   JVM flags given to twisted4j [-Xms1g -Xmx1g -XX:+AlwaysPreTouch -XX:+UseSerialGC]
#   --port-base P         twisted4j listens on P, ngIRCd on P+1 [19401]
#   --no-pin              do not pin servers and load to separate cores
#   --ngircd PATH         ngIRCd [ngircd on the PATH, else /usr/sbin/ngircd]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/bin/lib/jdk.sh"
. "$root/bench/lib/run.sh"

rates="500 2000 8000" clients=200 channels=10 warmup=2 duration=5 rounds=3 port_base=19401 ngircd=""
while [ $# -gt 0 ]; do
  case "$1" in
    --rates) rates=$2; shift 2 ;;
    --clients) clients=$2; shift 2 ;;
    --channels) channels=$2; shift 2 ;;
    --port-base) port_base=$2; shift 2 ;;
    --ngircd) ngircd=$2; shift 2 ;;
    *) shared_option "$@"; shift "$taken" ;;
  esac
done
if [ -z "$ngircd" ]; then
  ngircd=$(command -v ngircd || echo /usr/sbin/ngircd)
fi
need "$ngircd" "ngIRCd is the peer: install the Debian package ngircd."

twist_cp=$(bench_classpath "$root" twist)
bench_cp=$(bench_classpath "$root" bench)
begin_run irc-vs-ngircd

ng_dir="$out_dir/ngircd"
mkdir -p "$ng_dir"
{
  echo "[Global]"
  echo "Name = irc.ngircd.bench"
  echo "Info = bench"
  echo "Listen = 127.0.0.1"
  echo "Ports = $((port_base + 1))"
  echo "MotdPhrase = bench"
  echo "PidFile = $ng_dir/ngircd.pid"
  if [ "$(id -u)" = 0 ]; then
    echo "ServerUID = 65534"
    echo "ServerGID = 65534"
  fi
  echo "[Limits]"
  echo "MaxConnectionsIP = 0"
  echo "MaxJoins = 0"
  echo "[Options]"
  echo "DNS = no"
  echo "Ident = no"
  echo "PAM = no"
} >"$ng_dir/ngircd.conf"
chmod 644 "$ng_dir/ngircd.conf"

groups=""
for i in $(seq 0 $((channels - 1))); do
  groups="$groups --group bench$i"
done
declare -A port_of
start_server twisted4j "$port_base" "java -cp $twist_cp org.twisted4j.twist.Twist words --irc-port tcp:{port}:interface=127.0.0.1:backlog=511 --hostname irc.twisted4j.bench$groups --flood-rate 0"
port_of[twisted4j]=$port_base
start_server ngircd "$((port_base + 1))" "$ngircd -n -f $ng_dir/ngircd.conf"
port_of[ngircd]=$((port_base + 1))

{
  machine_header twisted4j
  echo "ngircd: $("$ngircd" --version 2>&1 | head -n 1)"
  echo "load: $clients clients in $channels channels, offered rates $rates PRIVMSG/s, ${warmup}s warm-up + ${duration}s measured"
} >"$out_dir/$stamp.machine"

for rate in $rates; do
  for round in $(seq 1 "$rounds"); do
    for name in $(rotated "$round" twisted4j ngircd); do
      echo "rate $rate round $round: $name ..." >&2
      # Let the server finish with the previous run's clients (ngIRCd may still be sending a backlog).
      sleep 3
      line=$("${load_pin[@]}" java -cp "$bench_cp" org.twisted4j.bench.IrcLoad --port "${port_of[$name]}" --name "$name" \
        --clients "$clients" --channels "$channels" --rate "$rate" --warmup "$warmup" --duration "$duration" || true)
      if [ -z "$line" ]; then
        echo "rate $rate round $round: $name: the load could not connect all its clients (its message is above); no figure" >&2
        continue
      fi
      echo "$line round=$round" | tee -a "$results" >&2
    done
  done
done
stop_servers

echo
cat "$out_dir/$stamp.machine"
echo
awk -v rounds="$rounds" "$bench_awk"'
  {
    r = field("round"); s = field("server"); o = field("offered")
    d[o, r, s] = field("delivered_per_s")
    if (!(o in seen)) { seen[o] = 1; order[++n] = o }
    printf "%-7s %-5s %-10s %12.0f %12.0f %10.3f %10.3f %10s\n", o, r, s, field("sent_per_s"), field("delivered_per_s"), field("p50_ms"), field("p99_ms"), field("lost")
  }
  BEGIN { printf "%-7s %-5s %-10s %12s %12s %10s %10s %10s\n", "offered", "round", "server", "sent/s", "delivered/s", "p50 ms", "p99 ms", "lost" }
  END {
    printf "\nratios of delivered/s in the same round (above 1: more for twisted4j)\n"
    for (i = 1; i <= n; i++) {
      o = order[i]; c = 0
      for (r = 1; r <= rounds; r++) {
        if (!((o, r, "twisted4j") in d) || !((o, r, "ngircd") in d) || d[o, r, "ngircd"] == 0) continue
        c++
        rr[o, c] = d[o, r, "twisted4j"] / d[o, r, "ngircd"]
      }
      if (c > 0) printf "offered %-8s %s\n", o, summary(rr, o, c)
    }
  }' "$results"
echo
echo "Raw lines: $results (server logs beside it)"
