#!/usr/bin/env bash
# SFTP downloads from OpenSSH's sshd by three clients in one run: OpenSSH's `sftp`, twisted4j's `cftp` and
# twisted4j's SftpClient API (bench's SftpGetClient), all over aes128-gcm@openssh.com (--cipher) with the same
# Ed25519 user key, from one sshd started by the script on a loopback port (--port) with a throwaway host key
# and configuration, serving with /usr/lib/openssh/sftp-server.
#
# The file is --size MiB of random data in bench/target/cftp-vs-openssh/. For each of --rounds rounds, each
# client in turn (rotating which goes first) downloads it once; sftp and cftp are timed by the wall clock around
# the whole process, less the time of the same client's batch of one `pwd` in that round (start-up, key exchange,
# login and the SFTP INIT, so a JVM's start-up does not count against a transfer); the API client times itself
# from the open request to the last octet written. Every download is compared with the file. Prints MiB/s per
# client and round, then the ratios cftp/OpenSSH and API/OpenSSH with median, min and max. sftp and cftp keep
# their default requests in flight (64 each) and request size (32 KiB each). sshd is pinned to core 0 and the
# clients to core 1. Raw lines and sshd's log stay in bench/target/cftp-vs-openssh/.
#
#   bench/cftp-vs-openssh.sh                  # 3 rounds of 1 GiB
#   bench/cftp-vs-openssh.sh --size 256 --rounds 1
#
# Options (defaults in brackets):
#   --size MIB            the file's size in MiB [1024]
#   --cipher NAME         the cipher every client offers alone [aes128-gcm@openssh.com]
#   --port P              sshd's port [19521]
#   --rounds N            rounds [3]
#   --jvm-flags 'FLAGS'   JVM flags given to cftp and the API client [-Xms1g -Xmx1g -XX:+AlwaysPreTouch -XX:+UseSerialGC]
#   --no-pin              do not pin sshd to core 0 and the clients to core 1
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/bin/lib/jdk.sh"
. "$root/bench/lib/run.sh"

size=1024 rounds=3 warmup=0 duration=0 cipher=aes128-gcm@openssh.com port=19521
while [ $# -gt 0 ]; do
  case "$1" in
    --size) size=$2; shift 2 ;;
    --cipher) cipher=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    *) shared_option "$@"; shift "$taken" ;;
  esac
done

need sftp "The reference client is OpenSSH's sftp: install the Debian package openssh-client."
need ssh-keygen "Keys are made with ssh-keygen: install the Debian package openssh-client."
sshd=$(command -v sshd || echo /usr/sbin/sshd)
need "$sshd" "The server is OpenSSH's sshd: install the Debian package openssh-server."

# --- build --------------------------------------------------------------------------------------------
echo "Building twisted4j's conch module..." >&2
log=$(mktemp)
if ! "$root/bin/mvn" -B -ntp -o -pl conch -am package -DskipTests dependency:build-classpath \
    -DincludeScope=runtime -Dmdep.outputFile=target/classpath.txt >"$log" 2>&1; then
  tail -40 "$log" >&2
  exit 1
fi
rm -f "$log"
conch_cp="$root/conch/target/classes:$(cat "$root/conch/target/classpath.txt")"
# The API client is compiled alone against the conch module (the bench module needs every other module built).
api_classes="$root/bench/target/cftp-vs-openssh-api"
mkdir -p "$api_classes"
"$(dirname "$(command -v java)")/javac" -d "$api_classes" -cp "$conch_cp" \
  "$root/bench/src/main/java/org/twisted4j/bench/SftpGetClient.java"

# --- sshd ---------------------------------------------------------------------------------------------
begin_run cftp-vs-openssh
keys="$out_dir/keys"
rm -rf "$keys"
mkdir -p "$keys"
ssh-keygen -q -t ed25519 -N '' -f "$keys/user"
ssh-keygen -q -t ed25519 -N '' -f "$keys/host"
cp "$keys/user.pub" "$keys/authorized_keys"
chmod 600 "$keys/authorized_keys"
echo "[127.0.0.1]:$port $(cat "$keys/host.pub")" >"$keys/known_hosts"
mkdir -p /run/sshd 2>/dev/null || true
cat >"$keys/sshd_config" <<CONF
Port $port
ListenAddress 127.0.0.1
HostKey $keys/host
AuthorizedKeysFile $keys/authorized_keys
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PermitRootLogin yes
PidFile $out_dir/sshd.pid
Subsystem sftp /usr/lib/openssh/sftp-server
CONF
start_server sshd "$port" "$sshd -D -e -f '$keys/sshd_config'"

file="$out_dir/big.bin" down="$out_dir/down.bin"
random_file "$file" $((size * 1024 * 1024))
user=$(id -un)
java_bin=$(command -v java)
machine_before client <<<"file: $size MiB; cipher: $cipher; sftp: $(ssh -V 2>&1)"

# batch NAME LINE...: runs client NAME (openssh or cftp) with a batch of the lines; prints the wall seconds.
batch() {
  local name=$1 t0 t1
  shift
  printf '%s\n' "$@" >"$out_dir/batch"
  t0=$(date +%s%N)
  if [ "$name" = openssh ]; then
    "${load_pin[@]}" sftp -q -F /dev/null -P "$port" -o UserKnownHostsFile="$keys/known_hosts" \
      -o IdentitiesOnly=yes -o IdentityFile="$keys/user" -o BatchMode=yes -o LogLevel=ERROR \
      -o Ciphers="$cipher" -b "$out_dir/batch" "$user@127.0.0.1" >>"$out_dir/$name.log" 2>&1
  else
    # shellcheck disable=SC2086
    "${load_pin[@]}" "$java_bin" $jvm_flags -cp "$conch_cp" org.twisted4j.conch.scripts.CFtp -a \
      -i "$keys/user" -p "$port" --known-hosts "$keys/known_hosts" -c "$cipher" -b "$out_dir/batch" \
      "$user@127.0.0.1" >>"$out_dir/$name.log" 2>&1
  fi
  t1=$(date +%s%N)
  awk -v ns=$((t1 - t0)) 'BEGIN { printf "%.3f", ns / 1e9 }'
}

for round in $(seq 1 "$rounds"); do
  for name in $(rotated "$round" openssh cftp api); do
    rm -f "$down"
    if [ "$name" = api ]; then
      # shellcheck disable=SC2086
      line=$("${load_pin[@]}" "$java_bin" $jvm_flags -cp "$api_classes:$conch_cp" org.twisted4j.bench.SftpGetClient "$port" "$user" "$keys/user" \
        "$keys/known_hosts" "$cipher" "$file" "$down")
      seconds=${line#seconds=}
      seconds=${seconds%% *}
      start=0 get=$seconds
    else
      start=$(batch "$name" "pwd")
      get=$(batch "$name" "get $file $down")
    fi
    cmp -s "$file" "$down" || { echo "$name: the file got is not the file" >&2; exit 1; }
    echo "round=$round client=$name start_s=$start get_s=$get size_mib=$size" | tee -a "$results" >&2
  done
done
rm -f "$down"
machine_after

awk -v size="$size" '
  function sort(a, n,   i, j, t) { for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t } }
  function field(line, name,   n, i, kv) { n = split(line, kv, " "); for (i = 1; i <= n; i++) if (index(kv[i], name "=") == 1) return substr(kv[i], length(name) + 2); return "" }
  { r = field($0, "round"); c = field($0, "client"); t = field($0, "get_s") - field($0, "start_s")
    rate[r, c] = t > 0 ? size / t : 0; if (r > maxr) maxr = r }
  END {
    printf "%-6s %14s %14s %14s\n", "round", "openssh MiB/s", "cftp MiB/s", "API MiB/s"
    for (r = 1; r <= maxr; r++) printf "%-6s %14.0f %14.0f %14.0f\n", r, rate[r, "openssh"], rate[r, "cftp"], rate[r, "api"]
    for (r = 1; r <= maxr; r++) { rc[r] = rate[r, "cftp"] / rate[r, "openssh"]; ra[r] = rate[r, "api"] / rate[r, "openssh"] }
    sort(rc, maxr); sort(ra, maxr)
    printf "cftp/OpenSSH: median %.2f (min %.2f, max %.2f)\n", rc[int((maxr + 1) / 2)], rc[1], rc[maxr]
    printf "API/OpenSSH:  median %.2f (min %.2f, max %.2f)\n", ra[int((maxr + 1) / 2)], ra[1], ra[maxr]
  }' "$results"
show_machine
