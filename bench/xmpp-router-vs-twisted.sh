#!/usr/bin/env bash
# XMPP component routing (XEP-0114): `twist xmpp-router` of twisted4j side by side with Python Twisted's
# `twist xmpp-router`, in one run, under the same load program (bench/python/xmpp_component_load.py).
#
# Each router listens on its own 127.0.0.1 port (pinned to core 0). For each of --rounds rounds, each router
# in turn (rotating which goes first) gets a warm-up run of --warmup messages and a measured run of
# --messages: two components connect, authenticate with the shared secret, and one sends chat messages to
# the other in batches of 500 with at most --window in flight (the load pinned to core 1); the rate is the
# messages delivered per second. Prints each run, then the ratio twisted4j/Twisted per round with median,
# min and max. Twisted's router logs one line per routed stanza (its behaviour; ours logs nothing per
# stanza). Logs stay in bench/target/xmpp-router-vs-twisted/.
#
#   bench/xmpp-router-vs-twisted.sh
#
# Options (defaults in brackets):
#   --messages N          messages measured per run [200000]
#   --warmup N            messages sent before each measured run [50000]
#   --window N            messages in flight at most [5000]
#   --rounds N            rounds [3]
#   --jvm-flags 'FLAGS'   JVM flags given to twisted4j [-Xms1g -Xmx1g -XX:+AlwaysPreTouch -XX:+UseSerialGC]
#   --port-base P         twisted4j listens on P, Python Twisted on P+1 [19401]
#   --no-pin              do not pin routers and load to separate cores
#   --python PATH         the Python with Twisted [/usr/bin/python3]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/bin/lib/jdk.sh"
. "$root/bench/lib/run.sh"

messages=200000 warmup=50000 window=5000 rounds=3 port_base=19401 python=/usr/bin/python3
while [ $# -gt 0 ]; do
  case "$1" in
    --messages) messages=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --window) window=$2; shift 2 ;;
    --port-base) port_base=$2; shift 2 ;;
    --python) python=$2; shift 2 ;;
    *) shared_option "$@"; shift "$taken" ;;
  esac
done

need "$python" "Python Twisted runs on $python: install the Debian package python3-twisted."
twist_cp=$(bench_classpath "$root" twist)
begin_run xmpp-router-vs-twisted
load="$root/bench/python/xmpp_component_load.py"

declare -A port_of
servers=(
  "twisted4j $port_base java -cp $twist_cp org.twisted4j.twist.Twist xmpp-router --port tcp:{port}:interface=127.0.0.1 --secret bench"
  "python $((port_base + 1)) $python -m twisted xmpp-router --port tcp:{port}:interface=127.0.0.1 --secret bench"
)
order=()
for entry in "${servers[@]}"; do
  read -r name port cmd <<<"$entry"
  start_server "$name" "$port" "$cmd"
  port_of[$name]=$port
  order+=("$name")
done

{
  machine_header twisted4j
  echo "python: $("$python" -c 'import sys, twisted; print(sys.version.split()[0], "Twisted", twisted.__version__)')"
  echo "load: $messages messages a.bench -> b.bench after $warmup of warm-up, batches of 500, window $window"
} >"$out_dir/$stamp.machine"

for round in $(seq 1 "$rounds"); do
  for name in $(rotated "$round" "${order[@]}"); do
    echo "round $round: $name ..." >&2
    "${load_pin[@]}" "$python" "$load" "${port_of[$name]}" bench "$warmup" "$window" >/dev/null
    line=$("${load_pin[@]}" "$python" "$load" "${port_of[$name]}" bench "$messages" "$window")
    echo "xmpp round=$round server=$name $line" | tee -a "$results" >&2
  done
done

cat "$out_dir/$stamp.machine"
awk '
  { for (i = 1; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] } rate[f["round"], f["server"]] = f["rate"]; rounds[f["round"]] = 1 }
  END {
    printf "%-5s %-10s %12s\n", "round", "server", "messages/s"
    for (r in rounds) for (s in rate) { split(s, k, SUBSEP); if (k[1] == r) printf "%-5s %-10s %12.0f\n", r, k[2], rate[s] }
    printf "\nratio of messages/s in the same round (above 1: more for twisted4j)\n"
    n = 0
    for (r in rounds) { x = rate[r, "twisted4j"] / rate[r, "python"]; v[++n] = x; printf "round %s: %.2f\n", r, x }
    for (i = 2; i <= n; i++) { x = v[i]; for (j = i - 1; j >= 1 && v[j] > x; j--) v[j + 1] = v[j]; v[j + 1] = x }
    printf "twisted4j/Twisted  median %.2f  min %.2f  max %.2f\n", v[int((n + 1) / 2)], v[1], v[n]
  }' "$results"
