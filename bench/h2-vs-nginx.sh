#!/usr/bin/env bash
# HTTP/2 load with h2load: twisted4j's `twist web` side by side with nginx serving the same small file.
#
# Two modes, each run with `h2load -t1 -cC -mM -DS --log-file` on 127.0.0.1:
#   tls   h2 over TLS 1.3, agreed through ALPN (twist web --listen ssl:PORT:privateKey=K:certKey=C; nginx
#         `listen PORT ssl http2`), both with one self-signed P-256 certificate for localhost
#   h2c   h2 over plain TCP by prior knowledge (twist web --listen tcp:PORT; nginx `listen PORT http2`)
# The file is --size bytes of random data (1 KiB). nginx runs one worker with sendfile on and access_log off
# (a generated configuration in bench/target/h2-vs-nginx/). twist web is this checkout's Twist main.
#
# Builds what it needs (one reactor build of this checkout, nothing installed), starts both servers once
# (each listening for both modes, pinned to core 0), checks with curl that each answers over h2 with
# status 200 and exactly the file's bytes, then for each of --rounds rounds runs each mode against each
# server in turn (h2load pinned to core 1), rotating which goes first. Each measured h2load run follows a
# warm-up h2load run of --warmup seconds against the same server and mode. A run counts only if every
# response was 2xx and no request failed, errored or timed out. Prints, per run, requests/s, p50 and p99
# request time (from h2load's per-request log), the p99 of the requests started from the run's second second
# on (past the TLS handshakes of h2load's new connections, which open every run), the server's CPU per
# request and the CPU used by other processes; then the ratio twist-web/nginx per mode and round, with
# median, min and max. Raw output stays in bench/target/h2-vs-nginx/.
#
#   bench/h2-vs-nginx.sh                    # 3 rounds of both modes
#   bench/h2-vs-nginx.sh --quiet-wait 120   # first wait (up to 2 min) for other processes to go quiet
#
# Options (defaults in brackets):
#   --modes LIST          tls,h2c [both]
#   --warmup S            seconds of h2load before each measured run [3]
#   --first-warmup S      seconds of h2load before a server's first measured run of each mode, so that the
#                         JVM's compilers are done before any figure counts [15]
#   --handshake-warmup N  before a server's first measured run of each mode, N more h2load runs of --clients
#                         new connections making one request each, so that the server's connection set-up
#                         (over TLS, the handshake's code) is compiled too: the warm-ups above open only one set
#                         of connections each [40]
#   --duration S          seconds measured (h2load -D) [5]
#   --clients N           h2load -c: connections [32]
#   --streams N           h2load -m: concurrent streams per connection [16]
#   --size BYTES          size of the file served [1024]
#   --tls-cipher SUITE    the one TLS 1.3 cipher suite h2load offers, so that both servers agree on the same
#                         (each tls line says what was agreed) [TLS_AES_128_GCM_SHA256]
#   --rounds N            rounds; the summary gives median, min and max of each ratio [3]
#   --jvm-flags 'FLAGS'   JVM flags given to twist web [-Xms1g -Xmx1g -XX:+AlwaysPreTouch -XX:+UseSerialGC]
#   --port-base P         nginx on P (tls) and P+1 (h2c), twist web on P+2 (tls) and P+3 (h2c) [19301]
#   --quiet-wait S        first wait up to S seconds for other processes to leave the cores idle [0]
#   --max-others C        a run during which other processes used more than C cores is disturbed [0.15]
#   --retries N           run a disturbed run again, at most N times; the last one is kept anyway [2]
#   --no-pin              do not pin servers and load to separate cores
#   --nginx PATH          the nginx binary [nginx on PATH, else /usr/sbin/nginx]
#   --reactor NAME        twist web's reactor backend: nio, epoll or io_uring [nio] (twist --reactor NAME)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/bin/lib/jdk.sh"
. "$root/bench/lib/run.sh"

modes=tls,h2c warmup=3 first_warmup=15 handshake_warmup=40 duration=5 clients=32 streams=16 size=1024 rounds=3 port_base=19301
tls_cipher=TLS_AES_128_GCM_SHA256 nginx="" reactor=nio
while [ $# -gt 0 ]; do
  case "$1" in
    --modes) modes=$2; shift 2 ;;
    --first-warmup) first_warmup=$2; shift 2 ;;
    --handshake-warmup) handshake_warmup=$2; shift 2 ;;
    --clients) clients=$2; shift 2 ;;
    --streams) streams=$2; shift 2 ;;
    --size) size=$2; shift 2 ;;
    --tls-cipher) tls_cipher=$2; shift 2 ;;
    --port-base) port_base=$2; shift 2 ;;
    --nginx) nginx=$2; shift 2 ;;
    --reactor) reactor=$2; shift 2 ;;
    *) shared_option "$@"; shift "$taken" ;;
  esac
done
has() { [[ ",$modes," == *",$1,"* ]]; }

# --- tools --------------------------------------------------------------------------------------------
need h2load "The load generator is h2load: install the Debian package nghttp2-client."
need curl "The bodies are checked with curl (built with HTTP/2): install the Debian package curl."
need openssl "The certificate is made with openssl: install the Debian package openssl."
find_nginx "The peer is nginx: install the Debian package nginx-light (or give --nginx)."
if ! "$nginx" -V 2>&1 | grep -q -- --with-http_v2_module; then
  echo "$nginx was built without HTTP/2 (--with-http_v2_module); give another with --nginx." >&2
  exit 1
fi

# --- build --------------------------------------------------------------------------------------------
twist_cp=$(bench_classpath "$root" twist)
begin_run h2-vs-nginx

# --- what the servers serve ---------------------------------------------------------------------------
www="$out_dir/www"
file="small-$size.bin"
mkdir -p "$www"
random_file "$www/$file" "$size"
cert="$out_dir/cert.pem" key="$out_dir/key.pem"
if [ ! -s "$cert" ] || [ ! -s "$key" ]; then
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$key" -out "$cert" -days 365 \
    -subj /CN=localhost -addext subjectAltName=DNS:localhost >/dev/null 2>&1
fi

nginx_config "127.0.0.1:$port_base ssl http2
127.0.0.1:$((port_base + 1)) http2" "http2_max_requests 100000000;
ssl_protocols TLSv1.3;
ssl_certificate $cert;
ssl_certificate_key $key;"

reactor_option=""
[ "$reactor" != nio ] && reactor_option="--reactor $reactor"
# name, TLS port, h2c port, command
servers=(
  "nginx $port_base $((port_base + 1)) $nginx_cmd"
  "twist-web $((port_base + 2)) $((port_base + 3)) java -cp $twist_cp org.twisted4j.twist.Twist $reactor_option web --path $www --listen ssl:$((port_base + 2)):interface=127.0.0.1:privateKey=$key:certKey=$cert --listen tcp:$((port_base + 3)):interface=127.0.0.1"
)
declare -A tls_port_of h2c_port_of pid_of
order=()
for entry in "${servers[@]}"; do
  read -r name tls_port h2c_port cmd <<<"$entry"
  start_server "$name" "$tls_port" "$cmd"
  for _ in $(seq 1 100); do accepts "$h2c_port" && break; sleep 0.1; done
  tls_port_of[$name]=$tls_port h2c_port_of[$name]=$h2c_port pid_of[$name]=$server_pid
  order+=("$name")
  # Check the answer once per mode: HTTP/2, status 200 and exactly the file's bytes.
  for mode in tls h2c; do
    has "$mode" || continue
    body="$out_dir/$stamp.$name.$mode.body"
    if [ "$mode" = tls ]; then
      got=$(curl -sS --http2 --cacert "$cert" --resolve "localhost:$tls_port:127.0.0.1" -o "$body" \
              -w '%{http_code} %{http_version}' "https://localhost:$tls_port/$file")
    else
      got=$(curl -sS --http2-prior-knowledge -o "$body" -w '%{http_code} %{http_version}' "http://127.0.0.1:$h2c_port/$file")
    fi
    if [ "$got" != "200 2" ] || ! cmp -s "$body" "$www/$file"; then
      echo "$name ($mode) answered /$file with status and version '$got' and a body unlike $www/$file ($body); stopping." >&2
      exit 1
    fi
    echo "$name ($mode): /$file verified (HTTP/2, status 200, $(stat -c %s "$body") bytes as expected)" >&2
  done
done

ticks_per_s=$(getconf CLK_TCK)

url_of() {
  if [ "$2" = tls ]; then echo "https://127.0.0.1:${tls_port_of[$1]}/$file"; else echo "http://127.0.0.1:${h2c_port_of[$1]}/$file"; fi
}

# run_h2load NAME MODE ROUND: warm-up then one measured h2load run (attempt $attempt); leaves the result
# line in $run_lines.
run_h2load() {
  local name=$1 mode=$2 round=$3 pid=${pid_of[$1]} url raw load warm=$warmup tls=()
  url=$(url_of "$name" "$mode")
  [ "$round" = 1 ] && warm=$first_warmup
  [ "$mode" = tls ] && tls=(--tls13-ciphers="$tls_cipher")
  echo "round $round, $mode: $name ..." >&2
  if [ "$round" = 1 ] && [ "$attempt" = 0 ]; then
    for _ in $(seq 1 "$handshake_warmup"); do
      "${load_pin[@]}" h2load -t1 -c"$clients" -n"$clients" "${tls[@]}" "$url" >"$out_dir/$stamp.warmup.h2load" 2>&1
    done
  fi
  "${load_pin[@]}" h2load -t1 -c"$clients" -m"$streams" -D"$warm" "${tls[@]}" "$url" >"$out_dir/$stamp.warmup.h2load" 2>&1
  raw="$out_dir/$stamp.r$round.$mode.$name.a$attempt.h2load"
  span_start "$pid"
  ( "${load_pin[@]}" h2load -t1 -c"$clients" -m"$streams" -D"$duration" "${tls[@]}" --log-file="$raw.log" "$url" >"$raw" 2>&1
    times >"$raw.times" )
  span_end "$pid"
  load=$(load_seconds "$raw.times")
  # Request times (microseconds, third column) of the answered requests, sorted, for p50 and p99; and those
  # of the requests started a second or more after the first one (start time, first column), for the p99
  # past the connections' start (their TLS handshakes).
  awk -F'\t' '$2 != 0 { print $3 }' "$raw.log" | sort -n >"$raw.times-us"
  awk -F'\t' 'NR == FNR { if (t0 == "" || $1 < t0) t0 = $1; next } $2 != 0 && $1 >= t0 + 1000000 { print $3 }' \
    "$raw.log" "$raw.log" | sort -n >"$raw.later-us"
  run_lines=$(awk -v name="$name" -v round="$round" -v mode="$mode" -v sd="$span_server" -v md="$span_machine" \
               -v ns="$span_ns" -v hz="$ticks_per_s" -v load="$load" -v sorted="$raw.times-us" -v later="$raw.later-us" '
    /^finished in/ { rate = $4 }
    /^Cipher:/ { cipher = $2 }
    /^requests:/ { total = $2; done_ = $6; succeeded = $8; failed = $10; errored = $12; timeouts = $14 }
    /^status codes:/ { ok = $3; other = $5 + $7 + $9 }
    END {
      n = 0
      while ((getline v < sorted) > 0) t[++n] = v
      p50 = n ? t[int(0.50 * n + 0.999999)] / 1000 : 0
      p99 = n ? t[int(0.99 * n + 0.999999)] / 1000 : 0
      m = 0
      while ((getline v < later) > 0) u[++m] = v
      p99_later = m ? u[int(0.99 * m + 0.999999)] / 1000 : 0
      secs = ns / 1e9; server = sd / hz
      others = (md / hz - server - load) / secs; if (others < 0) others = 0
      per = succeeded > 0 ? 1e6 * server / succeeded : 0
      bad = other + failed + errored + timeouts + (ok > 0 ? 0 : 1)
      printf "h2 round=%s mode=%s server=%s rate=%s p50_ms=%.3f p99_ms=%.3f p99_after_1s_ms=%.3f requests=%s server_cpu=%.2f cpu_us_per_request=%.2f load_cpu=%.2f others_cpu=%.2f status_2xx=%s status_other=%s failed=%s errored=%s timeout=%s cipher=%s verified=%s\n",
             round, mode, name, rate, p50, p99, p99_later, succeeded, server / secs, per, load / secs, others, ok + 0,
             other + 0, failed + 0, errored + 0, timeouts + 0, cipher == "" ? "none" : cipher, bad == 0 ? "true" : "false"
    }' "$raw")
  rm -f "$raw.times-us" "$raw.later-us"
  gzip -f "$raw.log"
  echo "$run_lines" >&2
  if [[ "$run_lines" != *verified=true* ]]; then
    echo "$name ($mode) gave answers other than 2xx, or requests failed ($raw); stopping." >&2
    exit 1
  fi
}

wait_for_quiet "$quiet_wait"
{
  echo "h2load: $(h2load --version 2>&1 | head -n 1); nginx: $("$nginx" -v 2>&1 | sed 's/.*: //'); openssl: $(openssl version | cut -d' ' -f1-2)"
  echo "twist web's reactor: $reactor"
  echo "load: h2load -t1 -c$clients -m$streams -D$duration (tls: --tls13-ciphers=$tls_cipher), after ${warmup}s of h2load warm-up (${first_warmup}s in round 1, before it $handshake_warmup runs of $clients new connections), per server, mode and round; file $size bytes"
} | machine_before

for round in $(seq 1 "$rounds"); do
  for mode in tls h2c; do
    has "$mode" || continue
    for name in $(rotated "$round" "${order[@]}"); do   # rotate which server goes first
      retry_disturbed it " disturbed" run_h2load "$name" "$mode" "$round"
    done
  done
done
stop_servers
machine_after

# --- table --------------------------------------------------------------------------------------------
show_machine
echo
awk -v rounds="$rounds" -v max="$max_others" "$bench_awk"'
  BEGIN {
    printf "%-5s %-5s %-10s %12s %10s %10s %10s %10s %10s %10s %8s\n", "round", "mode", "server", "requests/s", "p50 ms",
           "p99 ms", "p99 1s+ ms", "cpu us/req", "server cpu", "load cpu", "others"
  }
  {
    r = field("round"); m = field("mode"); s = field("server")
    rate[r, m, s] = field("rate"); p99[r, m, s] = field("p99_ms"); cpu[r, m, s] = field("cpu_us_per_request")
    later[r, m, s] = field("p99_after_1s_ms")
    if (m == "tls" && index(agreed[s], field("cipher")) == 0) agreed[s] = agreed[s] " " field("cipher")
    printf "%-5s %-5s %-10s %12.0f %10.2f %10.2f %10.2f %10.2f %10.2f %10.2f %8s\n", r, m, s, field("rate"),
           field("p50_ms"), field("p99_ms"), field("p99_after_1s_ms"), field("cpu_us_per_request"), field("server_cpu"), field("load_cpu"),
           field("others_cpu")
  }
  END {
    printf "\nratios twist-web/nginx of the same round: requests/s, p99, p99 past the first second and CPU per request\n"
    printf "(below 1: lower for twist web)\n"
    printf "%-6s %-24s %-24s %-24s %s\n", "mode", "rate: median (min..max)", "p99: median (min..max)",
           "p99 1s+: median (min..max)", "cpu/req: median (min..max)"
    split("tls h2c", ms, " ")
    for (k = 1; k <= 2; k++) {
      m = ms[k]; c = 0
      for (r = 1; r <= rounds; r++) {
        if (!((r, m, "twist-web") in rate) || !((r, m, "nginx") in rate) || rate[r, m, "nginx"] == 0) continue
        c++
        rr[m, c] = rate[r, m, "twist-web"] / rate[r, m, "nginx"]
        pp[m, c] = p99[r, m, "nginx"] > 0 ? p99[r, m, "twist-web"] / p99[r, m, "nginx"] : 0
        ll[m, c] = later[r, m, "nginx"] > 0 ? later[r, m, "twist-web"] / later[r, m, "nginx"] : 0
        cc[m, c] = cpu[r, m, "nginx"] > 0 ? cpu[r, m, "twist-web"] / cpu[r, m, "nginx"] : 0
      }
      if (c > 0) printf "%-6s %-24s %-24s %-24s %s\n", m, summary(rr, m, c), summary(pp, m, c), summary(ll, m, c),
                        summary(cc, m, c)
    }
    for (s in agreed) printf "\ntls cipher agreed with %s:%s", s, agreed[s]
    printf "\n\nothers = cores used by every other process during the run; above %s the run was disturbed\n", max
  }' "$results"
echo
echo "Raw lines: $results (h2load output and per-request logs beside it)"
show_disturbed runs 1
