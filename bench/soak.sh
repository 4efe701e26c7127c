#!/usr/bin/env bash
# A soak run of `twist web`: one server process under a mix of loopback clients for --minutes, sampled every
# 10 s, with goals for memory, descriptors and errors; exits non-zero when one is missed.
#
# The server is `twist soak-web` (org.twisted4j.bench.soak.SoakWebPlugin): twist web itself, every option
# and all of its code, with the request body limit raised from 10 MiB to 64 MiB so that 50 MiB uploads reach
# the CGI script (twist web has no option for that limit). It serves, through --class
# org.twisted4j.bench.soak.SoakRoot, a temporary directory of files (0 B to 5 MiB, and a directory listing)
# and a WebSocket echo at /ws; through --cgi-dir, three Perl CGI scripts (hello, an upload digest, a slow
# one). It listens on 127.0.0.1 on a tcp: port (HTTP/1.1 and h2c) and an ssl: port (HTTP/1.1 or h2 by ALPN,
# a self-signed certificate made with openssl), in its own JVM (pinned to core 0; the clients to core 1).
#
# Phases, each bounded in time and count (the Java clients are org.twisted4j.bench.soak.SoakLoad):
#   h1       HTTP/1.1 keep-alive and pipelined GETs (plain and TLS): whole files, HEAD, single, suffix and
#            multipart byte ranges, 404, 416, a listing, CGI GETs and POSTs, Connection: close; every body
#            checked against the file
#   h2       h2load: h2c on the tcp: port and h2 over TLS, 8 connections x 32 streams each, files of 0 B to
#            1 MiB, and a byte range over h2
#   upload   50 MiB uploads to the CGI script, each answered with its length and MD5, both checked: over
#            HTTP/1.1 (Content-Length, 100-continue, chunked; plain and TLS; one over the limit, which must
#            get 413) and, with curl, over h2c and h2
#   abuse    slow-loris clients dribbling a request head a byte every 0.5 s (the server's 30 s head timeout
#            must drop them), clients vanishing (reset, FIN or clean close) mid-head, mid-body, mid-file,
#            mid-pipeline, mid-CGI-output and mid-TLS-handshake, and curl vanishing over h2c and h2
#            (--max-time) mid-response and mid-upload; a normal request between them must still be answered
#   ws       WebSocket echo at /ws (plain and TLS, with and without permessage-deflate), 0 B to 1 MiB text
#            and binary messages, fragmented ones, pings; closed cleanly or vanishing, also mid-frame
# First a warm-up runs each phase briefly (abuse without slow-loris); the measurement after it is the
# baseline. Then the phases repeat, h1 h2 upload abuse ws, in as many cycles as the minutes allow (each
# phase about a minute in a 30-minute run; abuse at least 40 s, for the head timeout). After each phase the
# script waits (at most 30 s) for the server's descriptors to settle and measures.
#
# Every 10 s, and after each phase, it samples the server: heap after a full GC (jcmd GC.run, then
# GC.heap_info; the default flags make the serial collector's full GC compact everything, leaving no dead
# objects in place, so that this is the live data), RSS (VmRSS), open descriptors and threads (/proc). The samples and the phase boundaries
# go to bench/target/soak/STAMP.samples.csv and STAMP.phases.csv, drawn into STAMP.png (XChart, by
# org.twisted4j.bench.soak.SoakChart); each phase's client counts to STAMP.results, the server's log to
# STAMP.soak-web.log.
#
# Goals (the exit status is 1 if one is missed):
#   heap      after each phase, heap after GC at most the baseline + max(2 MiB, 10 %)
#   fds       after each phase, open descriptors at most the baseline + 2 (lazily opened files, such as a
#             JAR or the entropy source, may come after the warm-up)
#   rss       RSS after the last phase less than 10 % above the baseline (the heap is fixed and pre-touched
#             by the default JVM flags, so RSS growth is native memory: buffers, code, zlib, threads)
#   5xx       no 5xx response, to any client
#   errors    no unexpected client error: connection errors of clients that did not vanish themselves,
#             wrong bodies or statuses, a slow-loris client not dropped within 45 s, h2load failures, a curl
#             failure other than its own timeout
#   log       no exception in the server's log other than an expected client disconnect (a reset or broken
#             connection, or a TLS connection closed without close_notify)
#
#   bench/soak.sh                 # 30 minutes
#   bench/soak.sh --minutes 3     # a short run (about 4 minutes: the warm-up and one cycle)
#
# Options (defaults in brackets):
#   --minutes N           how long the run takes, roughly [30]; the shortest run is about 4 minutes
#   --jvm-flags 'FLAGS'   the server's JVM flags
#                         [-Xms256m -Xmx256m -XX:+AlwaysPreTouch -XX:+UseSerialGC -XX:MarkSweepDeadRatio=0]
#   --port-base P         the server listens on P (tcp:) and P+1 (ssl:) [19401]
#   --no-pin              do not pin the server and the clients to separate cores
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/bin/lib/jdk.sh"
. "$root/bench/lib/run.sh"
. "$root/bench/lib/soak.sh"

minutes=30 port_base=19401
jvm_flags="-Xms256m -Xmx256m -XX:+AlwaysPreTouch -XX:+UseSerialGC -XX:MarkSweepDeadRatio=0"
load_flags="-Xmx512m -XX:+UseSerialGC"
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) minutes=$2; shift 2 ;;
    --port-base) port_base=$2; shift 2 ;;
    --jvm-flags) jvm_flags=$2; shift 2 ;;
    --no-pin) pin=0; shift ;;
    -h|--help) usage ;;
    *) echo "Unknown option: $1" >&2; usage ;;
  esac
done
if ! [[ "$minutes" =~ ^[0-9]+$ ]] || [ "$minutes" -lt 1 ]; then
  echo "--minutes takes a whole number of minutes, 1 or more." >&2
  exit 2
fi
tcp_port=$port_base tls_port=$((port_base + 1))

# --- tools --------------------------------------------------------------------------------------------
need h2load "The HTTP/2 load is h2load: install the Debian package nghttp2-client."
need curl "The checks and the vanishing HTTP/2 clients are curl: install the Debian package curl."
need openssl "The certificate is made with openssl: install the Debian package openssl."
need perl "The CGI scripts are Perl: install the Debian package perl."
need jcmd "The heap is measured with jcmd, which comes with the JDK ($JAVA_HOME)."

# --- build --------------------------------------------------------------------------------------------
bench_cp=$(bench_classpath "$root" bench)
twist_cp=$(bench_classpath "$root" twist)
begin_run soak
tmp=$(mktemp -d -t twisted4j-soak.XXXXXX)
trap soak_cleanup EXIT
# The classes run are copied first, so that a rebuild of this checkout during the run cannot change them.
server_cp="$(snapshot_classpath "$twist_cp"):$(snapshot_classpath "$root/bench/target/classes")"
load_cp=$(snapshot_classpath "$bench_cp")

# --- what the server serves ---------------------------------------------------------------------------
www="$tmp/www" cgi="$tmp/cgi"
make_site "$www" "$cgi"
cert="$tmp/cert.pem" key="$tmp/key.pem"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$key" -out "$cert" -days 2 \
  -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1 >/dev/null 2>&1

# --- the server ---------------------------------------------------------------------------------------
server_log="$out_dir/$stamp.soak-web.log"
start_server soak-web "$tcp_port" "env -C $www java -cp $server_cp org.twisted4j.twist.Twist soak-web \
--max-body-bytes $((64 << 20)) --class org.twisted4j.bench.soak.SoakRoot --cgi-dir /cgi-bin=$cgi \
--listen tcp:{port}:interface=127.0.0.1 --listen ssl:$tls_port:interface=127.0.0.1:privateKey=$key:certKey=$cert"
pid=$server_pid
for _ in $(seq 1 100); do accepts "$tls_port" && break; sleep 0.1; done
check_server

# --- the plan -----------------------------------------------------------------------------------------
plan_phases "$minutes"
{
  echo "h2load: $(h2load --version 2>&1 | head -n 1); curl: $(curl --version | head -n 1 | cut -d' ' -f1-2); perl: $(perl -e 'print $^V')"
  echo "plan: warm-up ${warm_s}s per phase; then $cycles cycle(s) of h1 h2 upload ${per_s}s each, abuse ${abuse_s}s, ws ${per_s}s"
  echo "goals: heap after GC <= baseline + max(${heap_slack_mib} MiB, ${heap_slack_pct}%); fds <= baseline + $fd_slack; RSS growth < ${rss_limit_pct}%; no 5xx; no unexpected client error; no unexpected server exception"
} | machine_before

start_sampler $((minutes * 60 + 900))

# --- warm-up, then the cycles -------------------------------------------------------------------------
for phase in h1 h2 upload vanish ws; do
  run_phase "warmup.$phase" "$phase" "$warm_s"
  settle
done
checkpoint baseline
for cycle in $(seq 1 "$cycles"); do
  for phase in h1 h2 upload abuse ws; do
    seconds=$per_s
    [ "$phase" = abuse ] && seconds=$abuse_s
    run_phase "$phase.$cycle" "$phase" "$seconds"
    checkpoint "$phase.$cycle"
  done
done
set_phase end
stop_sampler
stop_servers
machine_after

# --- chart and summary --------------------------------------------------------------------------------
draw_chart
show_machine
echo
summarize
