#!/usr/bin/env bash
# DNS load with dnsperf over UDP: `twist dns --bindzone` of twisted4j side by side with Python Twisted's
# `twist dns --bindzone` and Knot DNS (one UDP worker), all serving the same generated zone, in one run.
#
# The zone (bench/target/dns-vs-twisted/bench.zone) holds --names A records host1..hostN.bench.example.; the
# query file asks for every one of them once, in a shuffled order, and dnsperf cycles through it. Each
# server listens on its own 127.0.0.1 port (pinned to core 0), is checked once with dig to answer a name
# of the zone with its address, then, for each of --rounds rounds, each server in turn (rotating which goes
# first) gets a warm-up dnsperf run of --warmup seconds and a measured one of --duration seconds (dnsperf
# pinned to core 1, one client thread, --outstanding queries in flight). Prints queries/s, average latency
# and lost queries per run, then the ratios twisted4j/Python and twisted4j/Knot per round with median, min
# and max. Raw dnsperf output and the servers' logs stay in bench/target/dns-vs-twisted/.
#
#   bench/dns-vs-twisted.sh                  # 3 rounds, 10,000 names
#   bench/dns-vs-twisted.sh --names 1000     # a smaller zone
#
# Options (defaults in brackets):
#   --names N             names in the zone [10000]
#   --warmup S            seconds of dnsperf before each measured run [2]
#   --duration S          seconds measured (dnsperf -l) [5]
#   --outstanding Q       dnsperf -q, queries in flight [100]
#   --rounds N            rounds; the summary gives median, min and max of each ratio [3]
#   --jvm-flags 'FLAGS'   JVM flags given to twisted4j [-Xms1g -Xmx1g -XX:+AlwaysPreTouch -XX:+UseSerialGC]
#   --port-base P         twisted4j listens on P, Python Twisted on P+1, Knot on P+2 [19301]
#   --no-pin              do not pin servers and load to separate cores
#   --python PATH         the Python with Twisted [/usr/bin/python3]
#   --knotd PATH          Knot's server [knotd on the PATH, else /usr/sbin/knotd]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/bin/lib/jdk.sh"
. "$root/bench/lib/run.sh"

names=10000 warmup=2 duration=5 outstanding=100 rounds=3 port_base=19301
python=/usr/bin/python3 knotd=""
while [ $# -gt 0 ]; do
  case "$1" in
    --names) names=$2; shift 2 ;;
    --outstanding) outstanding=$2; shift 2 ;;
    --port-base) port_base=$2; shift 2 ;;
    --python) python=$2; shift 2 ;;
    --knotd) knotd=$2; shift 2 ;;
    *) shared_option "$@"; shift "$taken" ;;
  esac
done

# --- tools --------------------------------------------------------------------------------------------
need dnsperf "The load generator is dnsperf: install the Debian package dnsperf."
need dig "The checks use dig: install the Debian package bind9-dnsutils."
need "$python" "Python Twisted runs on $python: install the Debian package python3-twisted."
if [ -z "$knotd" ]; then
  knotd=$(command -v knotd || echo /usr/sbin/knotd)
fi
need "$knotd" "Knot DNS is knotd: install the Debian package knot."

# --- build and data -----------------------------------------------------------------------------------
twist_cp=$(bench_classpath "$root" twist)
begin_run dns-vs-twisted
zone="$out_dir/bench.zone" queries="$out_dir/queries.txt"
{
  echo '$ORIGIN bench.example.'
  echo '$TTL 3600'
  echo '@ IN SOA ns1 hostmaster 1 7200 900 1209600 300'
  echo '  IN NS ns1'
  echo 'ns1 IN A 192.0.2.1'
  for i in $(seq 1 "$names"); do
    echo "host$i IN A 10.$((i / 65536 % 256)).$((i / 256 % 256)).$((i % 256))"
  done
} >"$zone"
seq 1 "$names" | shuf --random-source=<(yes) | sed 's/.*/host&.bench.example. A/' >"$queries"

knot_dir="$out_dir/knot"
rm -rf "$knot_dir"
mkdir -p "$knot_dir/storage"
cat >"$knot_dir/knot.conf" <<CONF
server:
    rundir: "$knot_dir"
    listen: 127.0.0.1@$((port_base + 2))
    udp-workers: 1
    tcp-workers: 1
    background-workers: 1
database:
    storage: "$knot_dir/storage"
log:
  - target: stderr
    any: warning
zone:
  - domain: bench.example.
    file: "$zone"
    storage: "$knot_dir/storage"
    zonefile-load: whole
    journal-content: none
CONF

declare -A port_of pid_of
servers=(
  "twisted4j $port_base java -cp $twist_cp org.twisted4j.twist.Twist dns --bindzone $zone -p {port} -i 127.0.0.1"
  "python $((port_base + 1)) $python $root/bench/python/twisted_dns_bindzone.py $zone {port}"
  "knot $((port_base + 2)) $knotd -c $knot_dir/knot.conf"
)
order=()
for entry in "${servers[@]}"; do
  read -r name port cmd <<<"$entry"
  start_server "$name" "$port" "$cmd"
  port_of[$name]=$port pid_of[$name]=$server_pid
  # Check the answer once, so a wrong server cannot win.
  probe=$((names / 2 + 1))
  want="10.$((probe / 65536 % 256)).$((probe / 256 % 256)).$((probe % 256))"
  got=$(dig @127.0.0.1 -p "$port" +short +time=5 +tries=3 "host$probe.bench.example." A || true)
  if [ "$got" != "$want" ]; then
    echo "$name answered host$probe.bench.example. with '$got', not $want; stopping (log: $out_dir/$stamp.$name.log)." >&2
    exit 1
  fi
  echo "$name: host$probe.bench.example. verified ($want)" >&2
  order+=("$name")
done

run_dnsperf() {
  local name=$1 round=$2 raw="$out_dir/$stamp.r$round.$1.dnsperf"
  echo "round $round: $name ..." >&2
  "${load_pin[@]}" dnsperf -s 127.0.0.1 -p "${port_of[$name]}" -d "$queries" -l "$warmup" -q "$outstanding" -c 1 -T 1 >/dev/null
  "${load_pin[@]}" dnsperf -s 127.0.0.1 -p "${port_of[$name]}" -d "$queries" -l "$duration" -q "$outstanding" -c 1 -T 1 >"$raw"
  awk -v name="$name" -v round="$round" '
    /Queries sent:/ { sent = $3 }
    /Queries lost:/ { lost = $3 }
    /Queries per second:/ { qps = $4 }
    /Average Latency/ { latency = $4 * 1000 }
    /Response codes:/ { for (i = 1; i <= NF; i++) if ($i == "NOERROR") noerror = $(i + 1) }
    END { printf "dns round=%s server=%s qps=%s latency_ms=%.3f sent=%s lost=%s noerror=%s\n", round, name, qps, latency, sent, lost, noerror }
  ' "$raw" | tee -a "$results" >&2
}

{
  machine_header twisted4j
  echo "dnsperf: $(dnsperf -h 2>&1 | grep -m1 -i version || dnsperf -h 2>&1 | head -n 1); knot: $("$knotd" -V 2>&1 | head -n 1); python: $("$python" -c 'import sys, twisted; print(sys.version.split()[0], "Twisted", twisted.__version__)')"
  echo "load: dnsperf -c 1 -T 1 -q $outstanding -l ${duration}s over UDP after ${warmup}s of warm-up; $names names, each asked once per pass"
} >"$out_dir/$stamp.machine"

for round in $(seq 1 "$rounds"); do
  for name in $(rotated "$round" "${order[@]}"); do
    run_dnsperf "$name" "$round"
  done
done
stop_servers

echo
cat "$out_dir/$stamp.machine"
echo
awk -v rounds="$rounds" "$bench_awk"'
  {
    r = field("round"); s = field("server"); qps[r, s] = field("qps")
    printf "%-5s %-10s %12.0f %12.3f %10s %10s\n", r, s, field("qps"), field("latency_ms"), field("lost"), field("noerror")
  }
  BEGIN { printf "%-5s %-10s %12s %12s %10s %10s\n", "round", "server", "queries/s", "avg ms", "lost", "NOERROR" }
  END {
    split("twisted4j/python twisted4j/knot", pairs, " ")
    printf "\nratios of queries/s in the same round (above 1: more for twisted4j)\n"
    for (p = 1; p <= 2; p++) {
      split(pairs[p], ab, "/"); c = 0
      for (r = 1; r <= rounds; r++) {
        if (!((r, ab[1]) in qps) || !((r, ab[2]) in qps) || qps[r, ab[2]] == 0) continue
        c++
        rr[pairs[p], c] = qps[r, ab[1]] / qps[r, ab[2]]
      }
      if (c > 0) printf "%-18s %s\n", pairs[p], summary(rr, pairs[p], c)
    }
  }' "$results"
echo
echo "Raw lines: $results (dnsperf output beside it)"
