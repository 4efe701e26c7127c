#!/usr/bin/env bash
# SMTP load with Postfix's smtp-source: `twist mail` of twisted4j (Maildir, fsync before each 250) side by side
# with Python Twisted's ESMTP server writing a Maildir as Twisted's maildir module does (tmp/ then new/, no
# fsync; bench/python/twisted_smtp_maildir.py, since Python Twisted's own `twist mail --maildirdbmdomain`
# refuses every recipient under Python 3) on the same disk, and Postfix's smtp-sink (no storage: the protocol's
# ceiling), in one run.
#
# Each server listens on its own 127.0.0.1 port (pinned to core 0). For each of --rounds rounds, each server
# in turn (rotating which goes first) gets --messages messages of --size bytes over --sessions parallel
# connections kept open between messages (smtp-source -d, pinned to core 1); the time is the wall time of
# smtp-source. Afterwards the two Maildirs are counted: every message that got its 250 must be there. Prints
# messages/s per run, then the ratios twisted4j/Python and twisted4j/smtp-sink per round with median, min and
# max. The servers' logs and the Maildirs stay in bench/target/smtp-vs-twisted/.
#
#   bench/smtp-vs-twisted.sh                        # 20,000 messages of 4 KiB over 20 connections, 1 round
#   bench/smtp-vs-twisted.sh --messages 2000        # a shorter run
#
# Options (defaults in brackets):
#   --messages N          messages per run [20000]
#   --size B              bytes of message payload (smtp-source -l) [4096]
#   --sessions N          parallel connections (smtp-source -s) [20]
#   --rounds N            rounds [1]
#   --jvm-flags 'FLAGS'   JVM flags given to twisted4j [-Xms1g -Xmx1g -XX:+AlwaysPreTouch -XX:+UseSerialGC]
#   --port-base P         twisted4j listens on P, Python Twisted on P+1, smtp-sink on P+2 [19401]
#   --no-pin              do not pin servers and load to separate cores
#   --python PATH         the Python with Twisted [/usr/bin/python3]
# smtp-source and smtp-sink come with Debian's postfix package (not installed by .ci/run: CI runs no benches).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/bin/lib/jdk.sh"
. "$root/bench/lib/run.sh"

messages=20000 size=4096 sessions=20 rounds=1 port_base=19401 warmup=0 duration=0
python=/usr/bin/python3
while [ $# -gt 0 ]; do
  case "$1" in
    --messages) messages=$2; shift 2 ;;
    --size) size=$2; shift 2 ;;
    --sessions) sessions=$2; shift 2 ;;
    --port-base) port_base=$2; shift 2 ;;
    --python) python=$2; shift 2 ;;
    *) shared_option "$@"; shift "$taken" ;;
  esac
done

sbin_tool() { command -v "$1" || echo "/usr/sbin/$1"; }
source_tool=$(sbin_tool smtp-source)
sink_tool=$(sbin_tool smtp-sink)
need "$source_tool" "The load generator is Postfix's smtp-source: install the Debian package postfix."
need "$sink_tool" "The ceiling is Postfix's smtp-sink: install the Debian package postfix."
need "$python" "Python Twisted runs on $python: install the Debian package python3-twisted."

twist_cp=$(bench_classpath "$root" twist)
begin_run smtp-vs-twisted

declare -A port_of
servers=(
  "twisted4j $port_base java -cp $twist_cp org.twisted4j.twist.Twist mail --maildirdbmdomain bench.test=$out_dir/j4 --user bench=pw --smtp tcp:{port}:interface=127.0.0.1 --no-pop3 --hostname bench.test"
  "python $((port_base + 1)) $python $root/bench/python/twisted_smtp_maildir.py $out_dir/py/bench {port}"
  "sink $((port_base + 2)) $sink_tool $([ "$(id -u)" = 0 ] && echo "-u nobody") 127.0.0.1:{port} 1000"
)
order=()
rm -rf "$out_dir/j4" "$out_dir/py"
for entry in "${servers[@]}"; do
  read -r name port cmd <<<"$entry"
  start_server "$name" "$port" "$cmd"
  port_of[$name]=$port
  order+=("$name")
done

count_new() { find "$1" -path '*/new/*' -type f 2>/dev/null | wc -l; }

run_source() {
  local name=$1 round=$2 dir="" before=0 after start end
  case "$name" in
    twisted4j) dir="$out_dir/j4" ;;
    python) dir="$out_dir/py" ;;
  esac
  [ -n "$dir" ] && before=$(count_new "$dir")
  echo "round $round: $name ..." >&2
  start=$(date +%s.%N)
  "${load_pin[@]}" "$source_tool" -d -s "$sessions" -m "$messages" -l "$size" -f bench@source.test \
    -t bench@bench.test -M source.test "127.0.0.1:${port_of[$name]}" >"$out_dir/$stamp.r$round.$name.source" 2>&1
  end=$(date +%s.%N)
  after=$before
  [ -n "$dir" ] && after=$(count_new "$dir")
  awk -v name="$name" -v round="$round" -v n="$messages" -v s="$start" -v e="$end" -v stored=$((after - before)) \
    -v storing="$([ -n "$dir" ] && echo 1 || echo 0)" '
    BEGIN { t = e - s; printf "smtp round=%s server=%s messages=%s seconds=%.3f rate=%.1f stored=%s\n", round, name, n, t, n / t, storing ? stored : "-" }
  ' | tee -a "$results" >&2
}

{
  machine_header twisted4j
  echo "python: $("$python" -c 'import sys, twisted; print(sys.version.split()[0], "Twisted", twisted.__version__)'); postfix: $(dpkg-query -W -f='${Version}' postfix 2>/dev/null || echo '?')"
  echo "load: smtp-source -d -s $sessions -m $messages -l $size; disk: $(df -P "$out_dir" | awk 'NR==2 {print $1}')"
} >"$out_dir/$stamp.machine"

for round in $(seq 1 "$rounds"); do
  for name in $(rotated "$round" "${order[@]}"); do
    run_source "$name" "$round"
  done
done
stop_servers

echo
cat "$out_dir/$stamp.machine"
echo
awk -v rounds="$rounds" "$bench_awk"'
  {
    r = field("round"); s = field("server"); rate[r, s] = field("rate")
    printf "%-5s %-10s %10s %10s %12.1f %8s\n", r, s, field("messages"), field("seconds"), field("rate"), field("stored")
  }
  BEGIN { printf "%-5s %-10s %10s %10s %12s %8s\n", "round", "server", "messages", "seconds", "messages/s", "stored" }
  END {
    split("twisted4j/python twisted4j/sink", pairs, " ")
    printf "\nratios of messages/s in the same round (above 1: more for twisted4j)\n"
    for (p = 1; p <= 2; p++) {
      split(pairs[p], ab, "/"); c = 0
      for (r = 1; r <= rounds; r++) {
        if (!((r, ab[1]) in rate) || !((r, ab[2]) in rate) || rate[r, ab[2]] == 0) continue
        c++
        rr[pairs[p], c] = rate[r, ab[1]] / rate[r, ab[2]]
      }
      if (c > 0) printf "%-18s %s\n", pairs[p], summary(rr, pairs[p], c)
    }
  }' "$results"
echo
echo "Raw lines: $results"
