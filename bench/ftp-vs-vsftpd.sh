#!/usr/bin/env bash
# FTP transfers with curl: `twist ftp` of twisted4j side by side with vsftpd, serving copies of the same
# files from their own roots, in one run.
#
# Three loads, each timed with curl (pinned to core 1) against one server and right after against the
# other, alternating which goes first, for --rounds rounds:
#   retr   RETR of one --size MiB file to /dev/null (plain FTP, passive, TYPE I)
#   stor   STOR of that file into the server's root
#   small  LIST of a directory of --files small files, then RETR of every one on one connection
# Each server listens on its own 127.0.0.1 port (pinned to core 0); curl logs in anonymously on vsftpd and as
# a user with --allow-write on twisted4j (whose anonymous users only read). Before the rounds, each load runs
# --warmup times against each server, unmeasured: a method run once per file reaches the JVM's optimizing
# compiler only after some thousands of files, and until then the compiler threads share the server's core.
# Prints the seconds of each run and the ratio vsftpd-time/twisted4j-time (above 1: twisted4j faster) per
# load with median, min and max. Logs stay in bench/target/ftp-vs-vsftpd/.
#
# curl (7.88) sometimes waits its full 1 s poll timeout before connecting a passive data connection, when
# the 229 reply is already there as it reads after sending EPSV: a race in the client, whichever server
# answers. The small load counts those waits per run (transfers of 0.9 s or more, from curl's -w
# time_total) and prints, after each round, the times and ratio with 1 s taken off per wait.
#
#   bench/ftp-vs-vsftpd.sh                  # 1 GiB file, 1,000 small files, 3 rounds
#   bench/ftp-vs-vsftpd.sh --size 256       # a smaller large file
#   bench/ftp-vs-vsftpd.sh --tls            # FTPS: AUTH TLS and PROT P on both servers (curl --ssl-reqd)
#   bench/ftp-vs-vsftpd.sh --loads small --warmup 12   # small files after ~12,000 unmeasured ones: the JVM's
#                                           # compilers are done by then (bench/RESULTS.md)
#
# Options (defaults in brackets):
#   --size MIB            size of the large file in MiB [1024]
#   --files N             small files [1000]
#   --rounds N            rounds [3]
#   --warmup N            unmeasured runs of each load against each server before the rounds [3]
#   --jvm-flags 'FLAGS'   JVM flags given to twisted4j [-Xms1g -Xmx1g -XX:+AlwaysPreTouch -XX:+UseSerialGC]
#   --port-base P         twisted4j listens on P, vsftpd on P+1 [19401]
#   --loads 'L...'        the loads to run, of retr, stor and small [retr stor small]
#   --tls                 explicit FTPS, control and data protected, with a throwaway self-signed certificate;
#                         both servers require the data connections to resume the control's TLS session
#   --no-pin              do not pin servers and load to separate cores
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/bin/lib/jdk.sh"
. "$root/bench/lib/run.sh"

size=1024 files=1000 rounds=3 warmup=3 port_base=19401 tls=0 loads="retr stor small"
while [ $# -gt 0 ]; do
  case "$1" in
    --size) size=$2; shift 2 ;;
    --files) files=$2; shift 2 ;;
    --port-base) port_base=$2; shift 2 ;;
    --tls) tls=1; shift ;;
    --loads) loads=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    *) shared_option "$@"; shift "$taken" ;;
  esac
done

need curl "The load generator is curl: install the Debian package curl."
vsftpd=$(command -v vsftpd || echo /usr/sbin/vsftpd)
need "$vsftpd" "The peer is vsftpd: install the Debian package vsftpd."

twist_cp=$(bench_classpath "$root" twist)
begin_run ftp-vs-vsftpd
data="$out_dir/data"
mkdir -p "$data/small"
random_file "$data/big.bin" $((size * 1024 * 1024))
for i in $(seq 1 "$files"); do
  [ -s "$data/small/f$i.txt" ] || head -c $((1000 + i % 3000)) /dev/urandom >"$data/small/f$i.txt"
done
for who in twisted4j vsftpd; do
  rm -rf "${out_dir:?}/$who"
  mkdir -p "$out_dir/$who/root/small"
  ln "$data/big.bin" "$out_dir/$who/root/big.bin" 2>/dev/null || cp "$data/big.bin" "$out_dir/$who/root/big.bin"
  cp "$data/small/"* "$out_dir/$who/root/small/"
  chmod 777 "$out_dir/$who/root"
done
cat >"$out_dir/vsftpd.conf" <<CONF
listen=YES
listen_address=127.0.0.1
listen_port=$((port_base + 1))
background=NO
run_as_launching_user=YES
seccomp_sandbox=NO
isolate=NO
isolate_network=NO
anonymous_enable=YES
local_enable=NO
anon_root=$out_dir/vsftpd/root
no_anon_password=YES
write_enable=YES
anon_upload_enable=YES
anon_other_write_enable=YES
anon_world_readable_only=NO
pasv_enable=YES
xferlog_enable=NO
max_per_ip=0
max_clients=0
CONF
twisted4j_tls=()
curl_tls=()
if [ "$tls" = 1 ]; then
  need openssl "--tls makes its certificate with openssl: install the Debian package openssl."
  [ -s "$out_dir/key.pem" ] || openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost \
    -addext subjectAltName=IP:127.0.0.1 -keyout "$out_dir/key.pem" -out "$out_dir/cert.pem" 2>/dev/null
  cat >>"$out_dir/vsftpd.conf" <<CONF
ssl_enable=YES
allow_anon_ssl=YES
force_anon_logins_ssl=YES
force_anon_data_ssl=YES
require_ssl_reuse=YES
rsa_cert_file=$out_dir/cert.pem
rsa_private_key_file=$out_dir/key.pem
CONF
  twisted4j_tls=(--certificate "$out_dir/cert.pem" --private-key "$out_dir/key.pem" --require-tls)
  curl_tls=(--ssl-reqd -k)
fi

declare -A port_of
servers=(
  "twisted4j $port_base java -cp $twist_cp org.twisted4j.twist.Twist ftp -p tcp:{port}:interface=127.0.0.1 -r $out_dir/twisted4j/root --auth memory:bench:bench --allow-write ${twisted4j_tls[*]}"
  "vsftpd $((port_base + 1)) $vsftpd $out_dir/vsftpd.conf"
)
for entry in "${servers[@]}"; do
  read -r name port cmd <<<"$entry"
  start_server "$name" "$port" "$cmd"
  port_of[$name]=$port
done

# time_load NAME LOAD: seconds of one run of LOAD against NAME, and for the small load the number of curl's
# 1 s waits in it (0 for the others).
time_load() {
  # twisted4j's anonymous users only read: the load logs in as a user there, anonymously on vsftpd
  local base="ftp://127.0.0.1:${port_of[$1]}" start end urls i waits=0 times="$out_dir/$1.times"
  [ "$1" = twisted4j ] && base="ftp://bench:bench@127.0.0.1:${port_of[$1]}"
  start=$(date +%s.%N)
  case "$2" in
    retr) "${load_pin[@]}" curl -sS --fail "${curl_tls[@]}" -o /dev/null "$base/big.bin" ;;
    stor) "${load_pin[@]}" curl -sS --fail "${curl_tls[@]}" -T "$data/big.bin" "$base/upload.bin" ;;
    small)
      urls=("$base/small/")
      for i in $(seq 1 "$files"); do urls+=("$base/small/f$i.txt"); done
      "${load_pin[@]}" curl -sS --fail "${curl_tls[@]}" -w '%{stderr}time_total %{time_total}\n' "${urls[@]}" \
        >/dev/null 2>"$times" || { grep -v '^time_total ' "$times" >&2; return 1; } ;;
  esac
  end=$(date +%s.%N)
  if [ "$2" = small ]; then
    grep -v '^time_total ' "$times" >&2 || true
    waits=$(awk '$1 == "time_total" && $2 >= 0.9 { n++ } END { print n + 0 }' "$times")
  fi
  echo "$(echo "$end - $start" | bc -l) $waits"
}

for _ in $(seq 1 "$warmup"); do
  for load in $loads; do
    for name in twisted4j vsftpd; do
      time_load "$name" "$load" >/dev/null
    done
  done
done

machine_header | tee -a "$results"
if [ "$tls" = 1 ]; then
  echo "mode: explicit FTPS (AUTH TLS, PROT P, data sessions resumed), curl --ssl-reqd" | tee -a "$results"
fi
for round in $(seq 1 "$rounds"); do
  for load in $loads; do
    if [ $((round % 2)) = 1 ]; then order=(twisted4j vsftpd); else order=(vsftpd twisted4j); fi
    declare -A took=() waited=()
    for name in "${order[@]}"; do
      run=$(time_load "$name" "$load")
      read -r took[$name] waited[$name] <<<"$run"
    done
    ratio=$(echo "${took[vsftpd]} / ${took[twisted4j]}" | bc -l)
    printf 'round %d %-6s twisted4j %8.3f s  vsftpd %8.3f s  ratio %.2f\n' "$round" "$load" \
      "${took[twisted4j]}" "${took[vsftpd]}" "$ratio" | tee -a "$results"
    if [ "$load" = small ]; then
      t=$(echo "${took[twisted4j]} - ${waited[twisted4j]}" | bc -l)
      v=$(echo "${took[vsftpd]} - ${waited[vsftpd]}" | bc -l)
      printf 'round %d nowait curl 1 s waits %d and %d; without them twisted4j %8.3f s  vsftpd %8.3f s  ratio %.2f\n' \
        "$round" "${waited[twisted4j]}" "${waited[vsftpd]}" "$t" "$v" "$(echo "$v / $t" | bc -l)" | tee -a "$results"
    fi
  done
done
echo
summaries=$loads
case " $loads " in *" small "*) summaries="$loads nowait" ;; esac
for load in $summaries; do
  awk -v load="$load" '$3 == load { print $(NF) }' "$results" | sort -n | awk -v load="$load" '
    { v[NR] = $1 } END { printf "%-6s ratio vsftpd/twisted4j (>1: twisted4j faster): median %.2f  min %.2f  max %.2f\n",
      load, v[int((NR + 1) / 2)], v[1], v[NR] }'
done | tee -a "$results"
