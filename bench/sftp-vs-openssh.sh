#!/usr/bin/env bash
# SFTP throughput without SSH: OpenSSH's sftp client talking over a pipe (`sftp -D`) to twisted4j's SftpStdio
# and, side by side, to OpenSSH's own sftp-server, both serving the same directory, in one run.
#
# The directory (bench/target/sftp-vs-openssh/root) holds a --size MiB file of random data. For each of
# --rounds rounds, each server in turn (rotating which goes first) serves four sftp batches: `pwd` (the cost
# of starting the server and the INIT exchange), `get` of the file, `put` of it back under another name, and
# nothing else. The client runs with its defaults (32 KiB requests, 64 in flight). Each transfer is timed by
# the wall clock around the whole sftp process; the throughput given subtracts that round's `pwd` time of
# the same server (so a JVM's start-up does not count against a transfer). Prints MiB/s per server and
# direction, then the ratio twisted4j/OpenSSH per round with median, min and max. The client, the server and
# the disk are all on this machine; the file stays in the page cache.
#
#   bench/sftp-vs-openssh.sh                 # 3 rounds of 1 GiB
#   bench/sftp-vs-openssh.sh --size 256      # 256 MiB
#
# Options (defaults in brackets):
#   --size MIB            the file's size in MiB [1024]
#   --rounds N            rounds [3]
#   --jvm-flags 'FLAGS'   JVM flags given to twisted4j [-Xms1g -Xmx1g -XX:+AlwaysPreTouch -XX:+UseSerialGC]
#   --sftp-server PATH    OpenSSH's server [/usr/lib/openssh/sftp-server]
#   --no-pin              do not pin the server to core 0 and the client to core 1
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/bin/lib/jdk.sh"
. "$root/bench/lib/run.sh"

size=1024 rounds=3 warmup=0 duration=0 sftp_server=/usr/lib/openssh/sftp-server
while [ $# -gt 0 ]; do
  case "$1" in
    --size) size=$2; shift 2 ;;
    --sftp-server) sftp_server=$2; shift 2 ;;
    *) shared_option "$@"; shift "$taken" ;;
  esac
done

need sftp "The client is OpenSSH's sftp: install the Debian package openssh-client."
need "$sftp_server" "OpenSSH's sftp-server is missing: install the Debian package openssh-sftp-server."

# --- build and data -----------------------------------------------------------------------------------
echo "Building twisted4j's conch module..." >&2
log=$(mktemp)
if ! "$root/bin/mvn" -B -ntp -o -pl conch -am package -DskipTests dependency:build-classpath \
    -DincludeScope=runtime -Dmdep.outputFile=target/classpath.txt >"$log" 2>&1; then
  tail -40 "$log" >&2
  exit 1
fi
rm -f "$log"
conch_cp="$root/conch/target/classes:$(cat "$root/conch/target/classpath.txt")"
begin_run sftp-vs-openssh
serve="$out_dir/root"
mkdir -p "$serve"
random_file "$serve/big.bin" $((size * 1024 * 1024))
java_bin=$(command -v java)
ours="${server_pin[*]} $java_bin $jvm_flags -cp $conch_cp org.twisted4j.conch.sftp.SftpStdio $serve"
theirs="${server_pin[*]} $sftp_server -d $serve"

machine_before <<<"file: $size MiB; sftp: $(ssh -V 2>&1)"

# seconds NAME SERVER BATCH...: runs sftp with the batch lines against SERVER and prints the wall seconds.
seconds() {
  local name=$1 server=$2 t0 t1
  shift 2
  printf '%s\n' "$@" >"$out_dir/batch"
  t0=$(date +%s%N)
  (cd "$out_dir" && "${load_pin[@]}" sftp -q -b "$out_dir/batch" -D "$server" >>"$out_dir/$name.log" 2>&1)
  t1=$(date +%s%N)
  awk -v ns=$((t1 - t0)) 'BEGIN { printf "%.3f", ns / 1e9 }'
}

for round in $(seq 1 "$rounds"); do
  for name in $(rotated "$round" twisted4j openssh); do
    server=$ours
    [ "$name" = openssh ] && server=$theirs
    rm -f "$out_dir/down.bin" "$serve/up.bin"
    start=$(seconds "$name" "$server" "pwd")
    get=$(seconds "$name" "$server" "get big.bin $out_dir/down.bin")
    put=$(seconds "$name" "$server" "put $out_dir/down.bin up.bin")
    cmp -s "$serve/big.bin" "$out_dir/down.bin" || { echo "$name: the file got is not the file" >&2; exit 1; }
    cmp -s "$serve/big.bin" "$serve/up.bin" || { echo "$name: the file put is not the file" >&2; exit 1; }
    echo "round=$round server=$name start_s=$start get_s=$get put_s=$put size_mib=$size" | tee -a "$results" >&2
  done
done
machine_after

awk -v size="$size" '
  function sort(a, n,   i, j, t) { for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t } }
  function field(line, name,   n, i, kv) { n = split(line, kv, " "); for (i = 1; i <= n; i++) if (index(kv[i], name "=") == 1) return substr(kv[i], length(name) + 2); return "" }
  function rate(total, start) { return total - start > 0 ? size / (total - start) : 0 }
  { r = field($0, "round"); s = field($0, "server"); st = field($0, "start_s")
    down[r, s] = rate(field($0, "get_s"), st); up[r, s] = rate(field($0, "put_s"), st); start[r, s] = st; if (r > maxr) maxr = r }
  END {
    printf "%-6s %-10s %10s %12s %12s\n", "round", "server", "start s", "get MiB/s", "put MiB/s"
    for (r = 1; r <= maxr; r++) for (s = 0; s < 2; s++) { name = s ? "openssh" : "twisted4j"
      printf "%-6s %-10s %10.2f %12.0f %12.0f\n", r, name, start[r, name], down[r, name], up[r, name] }
    n = 0
    for (r = 1; r <= maxr; r++) { n++; g[n] = down[r, "twisted4j"] / down[r, "openssh"]; p[n] = up[r, "twisted4j"] / up[r, "openssh"] }
    sort(g, n); sort(p, n)
    printf "twisted4j/OpenSSH get: median %.2f (min %.2f, max %.2f)\n", g[int((n + 1) / 2)], g[1], g[n]
    printf "twisted4j/OpenSSH put: median %.2f (min %.2f, max %.2f)\n", p[int((n + 1) / 2)], p[1], p[n]
  }' "$results"
show_machine
