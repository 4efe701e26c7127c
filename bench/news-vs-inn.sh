#!/usr/bin/env bash
# News server load: `twist news` of twisted4j side by side with INN 2.7 (Debian's inn2), in one run, driven by
# the same Java client (org.twisted4j.bench.NewsLoad, twisted4j's reactor with plain line protocols).
#
# For each round and each server in turn (rotating which goes first), on a fresh spool:
#   stream  one transit connection in MODE STREAM offers --articles articles (about 700 octets, one group),
#           CHECK then TAKETHIS for each, --window commands unanswered; articles a second, first CHECK to last
#           answer. Then --over-fill more articles go in the same way (not shown), so the group holds
#           --articles + --over-fill.
#   over    one reader connection: GROUP, then OVER of the whole group --over-rounds times; overview lines a
#           second, OVER sent to its final dot.
# Servers run on core 0, the load on core 1. Ends with the ratios to INN of twisted4j and twisted4j-nosync per
# phase (median, min, max over rounds). Raw lines and logs stay in bench/target/news-vs-inn/.
#
# twisted4j runs `twist news --datadir DIR --group bench.test` (its file store: articles appended to one spool file,
# then the overview line naming each, both forced to disk before the answer), and again as twisted4j-nosync with
# --no-sync (written in the same order, not forced: INN's durability). INN runs innd (transit; tradspool, tradindexed overview, hisv6
# history) and nnrpd as a standalone daemon (readers) with a throwaway configuration in the run's directory,
# INN's defaults otherwise (which write without forcing each article to disk); as root INN runs as `news`.
#
#   bench/news-vs-inn.sh                          # 50,000 streamed, OVER of 100,000, 1 round
#   bench/news-vs-inn.sh --articles 5000 --over-fill 5000 --rounds 1   # a quick look
#
# Options (defaults in brackets):
#   --articles N          articles streamed and measured [50000]
#   --over-fill N         articles added before OVER, so that it covers --articles + N [50000]
#   --over-rounds N       OVERs of the whole group [3]
#   --window N            CHECK/TAKETHIS commands unanswered [64]
#   --rounds N            rounds [1]
#   --jvm-flags 'FLAGS'   JVM flags given to twisted4j [-Xms1g -Xmx1g -XX:+AlwaysPreTouch -XX:+UseSerialGC]
#   --port-base P         twisted4j listens on P, innd on P+1, nnrpd on P+2 [19501]
#   --jfr                 record twisted4j's server with Java Flight Recorder (bench/target/news-vs-inn/twisted4j.jfr)
#   --no-pin              do not pin servers and load to separate cores
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/bin/lib/jdk.sh"
. "$root/bench/lib/run.sh"

articles=50000 over_fill=50000 over_rounds=3 window=64 rounds=1 port_base=19501 warmup=0 duration=0 jfr=""
while [ $# -gt 0 ]; do
  case "$1" in
    --jfr) jfr="-XX:StartFlightRecording=filename=$root/bench/target/news-vs-inn/twisted4j.jfr,settings=profile"; shift ;;
    --articles) articles=$2; shift 2 ;;
    --over-fill) over_fill=$2; shift 2 ;;
    --over-rounds) over_rounds=$2; shift 2 ;;
    --window) window=$2; shift 2 ;;
    --port-base) port_base=$2; shift 2 ;;
    *) shared_option "$@"; shift "$taken" ;;
  esac
done
inn_bin=/usr/lib/news/bin
need "$inn_bin/innd" "INN is the peer: install the Debian package inn2."

twist_cp=$(bench_classpath "$root" twist)
bench_cp=$(bench_classpath "$root" bench)
begin_run news-vs-inn

as_news=()
if [ "$(id -u)" = 0 ]; then
  as_news=(runuser -u news --)
fi

# inn_config DIR: a throwaway INN under DIR carrying bench.test; innd on P+1, nnrpd (started apart) on P+2.
inn_config() {
  local d=$1 sub
  rm -rf "$d"
  for sub in etc db run log http spool/articles spool/overview spool/incoming/tmp spool/outgoing spool/archive; do
    mkdir -p "$d/$sub"
  done
  cat >"$d/etc/inn.conf" <<EOF
organization: "twisted4j bench"
ovmethod: tradindexed
hismethod: hisv6
pathhost: inn.bench
domain: bench
server: 127.0.0.1
bindaddress: 127.0.0.1
port: $((port_base + 1))
enableoverview: true
artcutoff: 0
pgpverify: false
docancels: none
mta: "/bin/true %s"
mailcmd: /bin/true
doinnwatch: false
logipaddr: false
pathnews: /usr/lib/news
pathbin: $inn_bin
pathcontrol: $inn_bin/control
pathfilter: /etc/news/filter
pathetc: $d/etc
pathdb: $d/db
pathrun: $d/run
pathlog: $d/log
pathhttp: $d/http
pathspool: $d/spool
patharticles: $d/spool/articles
pathoverview: $d/spool/overview
pathincoming: $d/spool/incoming
pathtmp: $d/spool/incoming/tmp
pathoutgoing: $d/spool/outgoing
patharchive: $d/spool/archive
EOF
  printf 'method tradspool {\n  newsgroups: *\n  class: 0\n}\n' >"$d/etc/storage.conf"
  printf 'auth "local" {\n  hosts: "127.0.0.1"\n  default: "<local>"\n}\naccess "local" {\n  users: "<local>"\n  newsgroups: "*"\n  access: RPA\n}\n' >"$d/etc/readers.conf"
  printf 'streaming: true\npeer load {\n  hostname: "127.0.0.1"\n}\n' >"$d/etc/incoming.conf"
  printf 'ME:*::\n' >"$d/etc/newsfeeds"
  printf 'bench.test 0000000000 0000000001 y\ncontrol 0000000000 0000000001 n\ncontrol.cancel 0000000000 0000000001 n\njunk 0000000000 0000000001 n\n' >"$d/db/active"
  printf 'bench.test bench\n' >"$d/db/newsgroups"
  : >"$d/db/active.times"
  : >"$d/db/history"
  if [ "$(id -u)" = 0 ]; then
    chown -R news:news "$d"
    chmod 755 "$out_dir"
  fi
  INNCONF="$d/etc/inn.conf" "${as_news[@]}" "$inn_bin/makedbz" -i -o
}

{
  machine_header twisted4j
  echo "inn: $(dpkg-query -W -f '${Package} ${Version}' inn2 2>/dev/null || echo unknown)"
  echo "load: $articles articles streamed (CHECK+TAKETHIS, window $window), then OVER of $((articles + over_fill)) x $over_rounds"
} >"$out_dir/$stamp.machine"

for round in $(seq 1 "$rounds"); do
  for name in $(rotated "$round" twisted4j twisted4j-nosync inn); do
    echo "round $round: $name ..." >&2
    if [ "$name" != inn ]; then
      rm -rf "$out_dir/twisted4j-spool"
      sync_flag=""
      [ "$name" = twisted4j-nosync ] && sync_flag="--no-sync"
      start_server "$name" "$port_base" "java $jfr -cp $twist_cp org.twisted4j.twist.Twist news --port tcp:{port}:interface=127.0.0.1:backlog=511 --datadir $out_dir/twisted4j-spool --group bench.test --server-name twisted4j.bench $sync_flag"
      transit=$port_base reader=$port_base
    else
      inn_config "$out_dir/inn"
      start_server innd "$((port_base + 1))" "env INNCONF=$out_dir/inn/etc/inn.conf ${as_news[*]} $inn_bin/innd -d -f"
      start_server nnrpd "$((port_base + 2))" "env INNCONF=$out_dir/inn/etc/inn.conf ${as_news[*]} $inn_bin/nnrpd -D -f -p {port} -b 127.0.0.1"
      transit=$((port_base + 1)) reader=$((port_base + 2))
    fi
    tag="r$round"
    "${load_pin[@]}" java -cp "$bench_cp" org.twisted4j.bench.NewsLoad --transit-port "$transit" --name "$name" \
      --articles "$articles" --window "$window" --tag "$tag" | sed "s/\$/ round=$round/" | tee -a "$results" >&2
    "${load_pin[@]}" java -cp "$bench_cp" org.twisted4j.bench.NewsLoad --transit-port "$transit" --reader-port "$reader" \
      --name "$name-fill" --articles "$over_fill" --window "$window" --tag "$tag" --over-rounds "$over_rounds" |
      sed "s/server=$name-fill/server=$name/; s/\$/ round=$round/" | grep 'phase=over' | tee -a "$results" >&2
    if [ "$name" = inn ]; then
      INNCONF="$out_dir/inn/etc/inn.conf" "${as_news[@]}" "$inn_bin/ctlinnd" shutdown "end of the run" >/dev/null || true
    fi
    stop_servers
  done
done

echo
cat "$out_dir/$stamp.machine"
echo
awk -v rounds="$rounds" "$bench_awk"'
  {
    r = field("round"); s = field("server"); p = field("phase")
    k = p; v[k, r, s, ++c[k, r, s]] = field("per_s") + 0
    if (!(k in seen)) { seen[k] = 1; order[++n] = k }
    printf "%-7s %-5s %-17s %10s %10s %12s\n", p, r, s, (p == "over" ? field("lines") : field("articles")), field("seconds"), field("per_s")
  }
  BEGIN { printf "%-7s %-5s %-17s %10s %10s %12s\n", "phase", "round", "server", "items", "seconds", "per second" }
  END {
    printf "\nratios to INN of items a second in the same round (above 1: more for twisted4j; OVER: best of the round)\n"
    split("twisted4j twisted4j-nosync", ours, " ")
    for (o = 1; o <= 2; o++) for (i = 1; i <= n; i++) {
      k = order[i]; m = 0; t = ours[o]
      for (r = 1; r <= rounds; r++) {
        best_t = 0; best_i = 0
        for (j = 1; j <= c[k, r, t]; j++) if (v[k, r, t, j] > best_t) best_t = v[k, r, t, j]
        for (j = 1; j <= c[k, r, "inn"]; j++) if (v[k, r, "inn", j] > best_i) best_i = v[k, r, "inn", j]
        if (best_t == 0 || best_i == 0) continue
        rr[t k, ++m] = best_t / best_i
      }
      if (m > 0) printf "%-17s %-7s %s\n", t, k, summary(rr, t k, m)
    }
  }' "$results"
echo
echo "Raw lines: $results (server logs beside it)"
