#!/usr/bin/env bash
# IMAP, twisted4j's `twist mail --imap` against Dovecot in one run: a mailbox of --messages messages (the same
# files in both servers' Maildirs), then from one Python client (bench/lib/imap_bench.py, raw sockets): SELECT,
# FETCH 1:* (FLAGS ENVELOPE), SEARCH FROM "alice" SUBJECT "7", and an IDLE fan-out (--idlers sessions idle on
# INBOX while one more APPENDs; the time until every idler has heard EXISTS). Each operation first runs
# --warmup times unmeasured (default 30: the first SELECT builds Dovecot's index and twisted4j's UID list, the
# first FETCH and SEARCH fill their caches of parsed headers, and the JVM compiles the code), then each figure
# is the best of --rounds. Prints seconds per operation and the ratio Dovecot/twisted4j (above 1: twisted4j
# faster). Needs the project built (target/classes of twist and its modules and twist/target/cp.txt, the
# runtime classpath made by `mvn -pl twist -am compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt`)
# and Dovecot (dovecot-imapd); as root, Dovecot's processes run as its own users.
#
#   bench/imap-vs-dovecot.sh [--messages N] [--rounds N] [--warmup N] [--idlers N]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/bin/lib/jdk.sh"
messages=10000 rounds=5 warmup=30 idlers=100 base=19471
while [ $# -gt 0 ]; do
  case "$1" in
    --messages) messages=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --idlers) idlers=$2; shift 2 ;;
    *) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2 ;;
  esac
done
work="$root/bench/target/imap-vs-dovecot"
rm -rf "$work"; mkdir -p "$work/ours/example/bob" "$work/dovecot/mail/bob" "$work/dovecot/run" "$work/dovecot/state"
/usr/bin/python3 - "$work" "$messages" <<'PY'
import os, sys
work, n = sys.argv[1], int(sys.argv[2])
for box in ("ours/example/bob", "dovecot/mail/bob"):
    for sub in ("new", "cur", "tmp"):
        os.makedirs(os.path.join(work, box, sub), exist_ok=True)
for i in range(n):
    sender = "alice" if i % 3 == 0 else "carol"
    text = ("From: %s <%s@a.test>\r\nTo: bob@b.test\r\nSubject: message %d\r\nDate: Mon, 7 Dec 2026 01:00:00 +0000\r\n"
            "Message-ID: <%d@a.test>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nbody %d\r\n" % (sender.title(), sender, i, i, i))
    for box in ("ours/example/bob", "dovecot/mail/bob"):
        with open(os.path.join(work, box, "cur", "%d.M1P1Q%d.bench:2,S" % (1700000000 + i, i)), "w") as f:
            f.write(text)
PY
echo "bob:secret" > "$work/ours/example/passwd"
echo "bob:{PLAIN}secret" > "$work/dovecot/users"
if [ "$(id -u)" = 0 ]; then internal=dovecot login=dovenull; chown -R dovecot:dovecot "$work/dovecot/mail"; chmod 755 "$work" "$work/dovecot"
else internal=$(id -un) login=$(id -un); fi
cat > "$work/dovecot/dovecot.conf" <<CONF
protocols = imap
listen = 127.0.0.1
base_dir = $work/dovecot/run
state_dir = $work/dovecot/state
log_path = $work/dovecot/log
ssl = no
disable_plaintext_auth = no
default_internal_user = $internal
default_internal_group = $internal
default_login_user = $login
first_valid_uid = 1
mail_location = maildir:$work/dovecot/mail/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN $work/dovecot/users
}
userdb {
  driver = static
  args = uid=$internal gid=$internal home=$work/dovecot/mail/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = $((base + 1))
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
protocol imap {
  mail_max_userip_connections = 1000
}
CONF
cp="$root/twist/target/classes:$(cat "$root/twist/target/cp.txt")"
java -Xms1g -Xmx1g -cp "$cp" org.twisted4j.twist.Twist mail --maildirdbmdomain "example.test=$work/ours/example" \
  --default --no-smtp --no-pop3 --imap "tcp:$base:interface=127.0.0.1" >"$work/ours.log" 2>&1 &
ours=$!
dovecot -F -c "$work/dovecot/dovecot.conf" >"$work/dovecot.out" 2>&1 &
theirs=$!
trap 'kill $ours $theirs 2>/dev/null || true' EXIT
for port in $base $((base + 1)); do
  for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
done
echo "machine: $(nproc) cores, $(uname -sr), $(java -version 2>&1 | head -1), $(dovecot --version | cut -d' ' -f1)"
echo "messages=$messages rounds=$rounds warmup=$warmup idlers=$idlers"
/usr/bin/python3 "$root/bench/lib/imap_bench.py" $base bob secret "$rounds" "$idlers" "$warmup" > "$work/ours.txt"
/usr/bin/python3 "$root/bench/lib/imap_bench.py" $((base + 1)) bob secret "$rounds" "$idlers" "$warmup" > "$work/dovecot.txt"
paste -d' ' "$work/ours.txt" "$work/dovecot.txt" | awk '{ split($1, a, "="); split($2, b, "=");
  printf "%-12s twisted4j %8.4f s   dovecot %8.4f s   ratio dovecot/twisted4j %.2f\n", a[1], a[2], b[2], b[2] / a[2] }'
