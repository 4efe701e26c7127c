#!/usr/bin/env bash
# SSH load with OpenSSH's client: twisted4j's SSH server (bench's SshBenchServer) side by side with OpenSSH's
# sshd, in one run, both with an Ed25519 host key, publickey logins with the same Ed25519 user key, and the
# same cipher forced on the client each time.
#
# Each server listens on its own 127.0.0.1 port (pinned to core 0; the clients on core 1). For each of
# --rounds rounds, each server in turn (rotating which goes first) gets:
#   handshakes   --handshakes sequential `ssh host true` (key exchange, publickey login, one exec): per second
#   download     one `ssh host 'head -c SIZE /dev/zero'` of --mib MiB read by the client: MiB/s
#   upload       one `ssh host 'cat >/dev/null'` fed --mib MiB: MiB/s
#   concurrent   --sessions `ssh host true` started at once: the seconds until all have ended
#   sftp-get     `sftp` downloading a --mib MiB file over the SSH connection (the sftp subsystem): MiB/s
#   sftp-put     `sftp` uploading it back: MiB/s
# and prints each figure with the ratio twisted4j/sshd, then per measure the median, minimum and maximum ratio.
# twisted4j serves SFTP with its SftpServer on the channel, rooted in the bench's home directory; sshd with
# /usr/lib/openssh/sftp-server. Both transfers are checked byte for byte.
# Raw lines and the servers' logs stay in bench/target/ssh-vs-openssh/.
#
#   bench/ssh-vs-openssh.sh                                # 3 rounds, aes128-gcm@openssh.com
#   bench/ssh-vs-openssh.sh --cipher chacha20-poly1305@openssh.com --mib 256
#
# Options (defaults in brackets):
#   --cipher NAME         the cipher forced with -o Ciphers= [aes128-gcm@openssh.com]
#   --handshakes N        sequential logins per handshake run [50]
#   --mib N               MiB per transfer [1024]
#   --sessions N          concurrent sessions [100]
#   --rounds N            rounds [3]
#   --jvm-flags 'FLAGS'   JVM flags given to twisted4j [-Xms1g -Xmx1g -XX:+AlwaysPreTouch -XX:+UseSerialGC]
#   --port-base P         twisted4j listens on P, sshd on P+1 [19501]
#   --no-pin              do not pin servers and clients to separate cores
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/bin/lib/jdk.sh"
. "$root/bench/lib/run.sh"

cipher=aes128-gcm@openssh.com handshakes=50 mib=1024 sessions=100 rounds=3 port_base=19501 warmup=0 duration=0
while [ $# -gt 0 ]; do
  case "$1" in
    --cipher) cipher=$2; shift 2 ;;
    --handshakes) handshakes=$2; shift 2 ;;
    --mib) mib=$2; shift 2 ;;
    --sessions) sessions=$2; shift 2 ;;
    --port-base) port_base=$2; shift 2 ;;
    *) shared_option "$@"; shift "$taken" ;;
  esac
done

need ssh "The client is OpenSSH's ssh: install the Debian package openssh-client."
need ssh-keygen "Keys are made with ssh-keygen: install the Debian package openssh-client."
sshd=$(command -v sshd || echo /usr/sbin/sshd)
need "$sshd" "The reference server is OpenSSH's sshd: install the Debian package openssh-server."

cp=$(bench_classpath "$root" bench)
begin_run ssh-vs-openssh
keys="$out_dir/keys" home="$out_dir/home"
rm -rf "$keys"
mkdir -p "$keys" "$home"
ssh-keygen -q -t ed25519 -N '' -f "$keys/user"
ssh-keygen -q -t ed25519 -N '' -f "$keys/host"
cp "$keys/user.pub" "$keys/authorized_keys"
chmod 600 "$keys/authorized_keys"
# sshd needs its privilege separation directory, and refuses a relative path.
mkdir -p /run/sshd 2>/dev/null || true
cat >"$keys/sshd_config" <<CONF
Port $((port_base + 1))
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
MaxStartups 200
MaxSessions 200
CONF

ours_port=$port_base sshd_port=$((port_base + 1))
start_server twisted4j "$ours_port" "java -cp '$cp' org.twisted4j.bench.SshBenchServer {port} ssh-ed25519 '$keys/authorized_keys' '$home'"
start_server sshd "$sshd_port" "$sshd -D -e -f '$keys/sshd_config'"

user=$(id -un)
client() {
  local port=$1; shift
  "${load_pin[@]}" ssh -F /dev/null -p "$port" -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
    -o IdentitiesOnly=yes -o IdentityFile="$keys/user" -o BatchMode=yes -o LogLevel=ERROR \
    -o Ciphers="$cipher" "$user@127.0.0.1" "$@"
}
now() { date +%s.%N; }
head -c $((mib * 1048576)) /dev/urandom >"$home/sftp.bin"
sftp_batch() {
  local port=$1; shift
  printf '%s\n' "$@" >"$out_dir/sftp.batch"
  "${load_pin[@]}" sftp -q -F /dev/null -P "$port" -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
    -o IdentitiesOnly=yes -o IdentityFile="$keys/user" -o LogLevel=ERROR -o Ciphers="$cipher" \
    -b "$out_dir/sftp.batch" "$user@127.0.0.1" >/dev/null
}

measure() {
  local name=$1 port=$2 t0 t1 i
  t0=$(now)
  for i in $(seq 1 "$handshakes"); do client "$port" true; done
  t1=$(now)
  echo "server=$name measure=handshakes value=$(echo "$handshakes / ($t1 - $t0)" | bc -l)" >>"$results"
  t0=$(now)
  client "$port" "head -c $((mib * 1048576)) /dev/zero" | wc -c >"$out_dir/$stamp.$name.down"
  t1=$(now)
  echo "server=$name measure=download value=$(echo "$mib / ($t1 - $t0)" | bc -l)" >>"$results"
  t0=$(now)
  head -c $((mib * 1048576)) /dev/zero | client "$port" "cat >/dev/null"
  t1=$(now)
  echo "server=$name measure=upload value=$(echo "$mib / ($t1 - $t0)" | bc -l)" >>"$results"
  t0=$(now)
  local pids=()
  for i in $(seq 1 "$sessions"); do client "$port" true & pids+=($!); done
  wait "${pids[@]}"
  t1=$(now)
  echo "server=$name measure=concurrent value=$(echo "$t1 - $t0" | bc -l)" >>"$results"
  # The file's path as each server's SFTP sees it: twisted4j's root is $home, sshd's is the whole file system.
  local remote=$home
  [ "$name" = twisted4j ] && remote=
  t0=$(now)
  sftp_batch "$port" "get $remote/sftp.bin $out_dir/sftp.down"
  t1=$(now)
  cmp -s "$home/sftp.bin" "$out_dir/sftp.down" || { echo "$name: sftp download differs" >&2; exit 1; }
  echo "server=$name measure=sftp-get value=$(echo "$mib / ($t1 - $t0)" | bc -l)" >>"$results"
  t0=$(now)
  sftp_batch "$port" "put $out_dir/sftp.down $remote/sftp.up"
  t1=$(now)
  cmp -s "$home/sftp.bin" "$home/sftp.up" || { echo "$name: sftp upload differs" >&2; exit 1; }
  rm -f "$out_dir/sftp.down" "$home/sftp.up"
  echo "server=$name measure=sftp-put value=$(echo "$mib / ($t1 - $t0)" | bc -l)" >>"$results"
}

for round in $(seq 1 "$rounds"); do
  for name in $(rotated "$round" twisted4j sshd); do
    if [ "$name" = twisted4j ]; then measure twisted4j "$ours_port"; else measure sshd "$sshd_port"; fi
  done
done

machine_header
echo "cipher: $cipher; handshakes: $handshakes; transfers: $mib MiB; concurrent sessions: $sessions"
awk "$bench_awk"'
  { v[field("server"), field("measure"), ++n[field("server"), field("measure")]] = field("value") }
  END {
    split("handshakes download upload concurrent sftp-get sftp-put", ms, " ")
    printf "%-12s %14s %14s %10s   (handshakes/s, MiB/s; concurrent: seconds, ratio sshd/twisted4j)\n", "measure", "twisted4j", "sshd", "ratio"
    for (m = 1; m <= 6; m++) {
      for (r = 1; r <= n["twisted4j", ms[m]]; r++) {
        a = v["twisted4j", ms[m], r]; b = v["sshd", ms[m], r]
        ratio = (ms[m] == "concurrent") ? b / a : a / b
        printf "%-12s %14.2f %14.2f %10.2f\n", ms[m], a, b, ratio
      }
    }
  }' "$results"
