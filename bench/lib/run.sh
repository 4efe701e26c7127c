# Sourced by the bench/*-vs-*.sh scripts: the pieces of a side-by-side load run they share. The script sets
# $root (the checkout), and the settings below through shared_option, before calling these.
#
#   usage                    prints the script's header comment (its usage) and exits 2
#   shared_option ARGS...    takes an option every script has (see below); sets $taken to the arguments used
#   need TOOL MESSAGE        exits with MESSAGE unless TOOL is on the PATH or an executable file
#   begin_run NAME           $out_dir (bench/target/NAME), $stamp, an empty $results, $disturbed, pinning, trap
#   setup_pinning            fills server_pin and load_pin (taskset -c 0 / -c 1) when $pin is 1 and it can
#   start_server NAME PORT CMD   starts CMD ({port} replaced) in its own process group, waits until it accepts
#   stop_servers             stops every server started (also on EXIT once trap'd)
#   busy_cores               prints "B of N": cores' worth of CPU the whole machine used over one second
#   wait_for_quiet S         waits up to S seconds for the cores to go idle
#   machine_header [WHOSE]   prints the date, cores, JDK and flags lines every result keeps
#   machine_before [WHOSE]   starts $out_dir/$stamp.machine: the header, the lines on standard input, the load
#   machine_after            adds the "after the run" line to it
#   show_machine             prints a blank line and the machine lines kept
#   span_start PID, span_end PID   CPU ticks of a process group and of the machine, and nanoseconds, between
#   load_seconds FILE        the CPU seconds the children of a subshell used, from its `times` output
#   retry_disturbed WHAT MARK CMD...   runs CMD, and again while other processes disturbed it
#   show_disturbed WHAT PER  says how many runs (lines / PER) were disturbed and run again
#   rotated ROUND NAME...    prints the names, one a line, from the ROUND-th on (rotating who goes first)
#   random_file PATH SIZE    makes PATH SIZE bytes of random data unless it is already that size
#   find_nginx MESSAGE       $nginx, if not given, from the PATH or /usr/sbin/nginx; MESSAGE if there is none
#   nginx_config LISTEN [HTTP]   writes $nginx_conf, one worker serving $www, and sets $nginx_cmd
#   process_group_ticks G    prints the CPU clock ticks process group G has used so far (user + system)
#   bench_classpath ROOT M   builds this checkout (nothing installed) and prints module M's classpath
#   $bench_awk               awk functions field(NAME) and summary(VALUES, S, C), to put before an awk program
#
# The options every script takes (each script sets its own default warm-up, duration and rounds):
#   --warmup S, --duration S, --rounds N, --jvm-flags 'FLAGS', --quiet-wait S, --max-others C, --retries N,
#   --no-pin, -h/--help

server_pin=() load_pin=() server_pids=()
jvm_flags="-Xms1g -Xmx1g -XX:+AlwaysPreTouch -XX:+UseSerialGC"
pin=1 quiet_wait=0 retries=2 max_others=0.15 taken=0

# usage: the script's header comment, from its second line to `set -euo`, without the comment marks.
usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }

# shared_option OPTION [VALUE]: sets the variable of an option every script has, and $taken to the number of
# arguments it used; prints the usage (and exits) for -h/--help and for an option no one knows.
shared_option() {
  case "$1" in
    --warmup) warmup=$2; taken=2 ;;
    --duration) duration=$2; taken=2 ;;
    --rounds) rounds=$2; taken=2 ;;
    --jvm-flags) jvm_flags=$2; taken=2 ;;
    --quiet-wait) quiet_wait=$2; taken=2 ;;
    --max-others) max_others=$2; taken=2 ;;
    --retries) retries=$2; taken=2 ;;
    --no-pin) pin=0; taken=1 ;;
    -h|--help) usage ;;
    *) echo "Unknown option: $1" >&2; usage ;;
  esac
}

# need TOOL MESSAGE: exits with MESSAGE unless TOOL is a command on the PATH or an executable file.
need() {
  if ! command -v "$1" >/dev/null 2>&1 && [ ! -x "$1" ]; then
    echo "$2" >&2
    exit 1
  fi
}

# begin_run NAME: the run's directory $out_dir (bench/target/NAME), its $stamp, an empty $results file and
# $disturbed beside it (for the lines of disturbed runs); pinning set up, the servers stopped on exit.
begin_run() {
  out_dir="$root/bench/target/$1"
  mkdir -p "$out_dir"
  stamp=$(date -u +%Y%m%dT%H%M%SZ)
  results="$out_dir/$stamp.results"
  disturbed="$results.disturbed"
  : >"$results"
  setup_pinning
  trap stop_servers EXIT
}

setup_pinning() {
  if [ "$pin" = 1 ]; then
    if command -v taskset >/dev/null 2>&1 && [ "$(nproc)" -ge 2 ]; then
      server_pin=(taskset -c 0) load_pin=(taskset -c 1)
    else
      echo "Not pinning: taskset missing or fewer than 2 cores; servers and load share the cores." >&2
    fi
  fi
}

# stop_servers: TERM to each server's process group, KILL after 10 s.
stop_servers() {
  local pid
  for pid in "${server_pids[@]}"; do
    kill -TERM -- "-$pid" 2>/dev/null || true
  done
  for pid in "${server_pids[@]}"; do
    for _ in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL -- "-$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  server_pids=()
}

# busy_cores: how many cores' worth of CPU the whole machine used over one second (others' work included).
busy_cores() {
  local a b
  read -r -a a < <(grep '^cpu ' /proc/stat)
  sleep 1
  read -r -a b < <(grep '^cpu ' /proc/stat)
  awk -v u=$((b[1] + b[2] + b[3] + b[6] + b[7] - a[1] - a[2] - a[3] - a[6] - a[7])) \
      -v t=$((b[1] + b[2] + b[3] + b[4] + b[5] + b[6] + b[7] - a[1] - a[2] - a[3] - a[4] - a[5] - a[6] - a[7])) \
      -v n="$(nproc)" 'BEGIN { busy = t > 0 ? n * u / t : 0; printf "%.2f of %d", busy, n }'
}

# machine_ticks: CPU clock ticks every process of the machine has used so far (user, nice, system, irq, softirq).
machine_ticks() {
  local a
  read -r -a a < <(grep '^cpu ' /proc/stat)
  echo $((a[1] + a[2] + a[3] + a[6] + a[7]))
}

# On a shared machine, other work on the cores is the largest source of noise: wait (bounded) for a lull.
wait_for_quiet() {
  local limit=$1 waited=0
  while [ "$waited" -lt "$limit" ] && awk -v b="$(busy_cores)" 'BEGIN { exit !(b + 0 > 0.25) }'; do
    waited=$((waited + 1))
  done
  [ "$limit" -gt 0 ] && echo "waited ${waited} s for idle cores (at most $limit)" >&2
  return 0
}

accepts() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# start_server NAME PORT COMMAND: starts it in its own process group (pinned, with $jvm_flags given to a JVM
# through JDK_JAVA_OPTIONS), waits (bounded) until it accepts; leaves its process id in $server_pid. The
# command should exec its server, so that this id is the server's.
start_server() {
  local name=$1 port=$2 cmd=${3//\{port\}/$2} log="$out_dir/$stamp.$1.log" i
  if accepts "$port"; then
    echo "Port $port on 127.0.0.1 is already in use; choose others with --ports." >&2
    exit 1
  fi
  JDK_JAVA_OPTIONS="$jvm_flags" setsid "${server_pin[@]}" bash -c "exec $cmd" >"$log" 2>&1 &
  server_pid=$!
  server_pids+=("$server_pid")
  for i in $(seq 1 300); do
    if accepts "$port"; then
      return 0
    fi
    if ! kill -0 "$server_pid" 2>/dev/null; then
      echo "The $name server exited before accepting connections; its output ($log):" >&2
      cat "$log" >&2
      exit 1
    fi
    sleep 0.1
  done
  echo "The $name server did not accept connections on port $port within 30 s; its output ($log):" >&2
  cat "$log" >&2
  exit 1
}

# machine_header [WHOSE]: the lines that say where and when a run happened; WHOSE JVM flags they are [server].
machine_header() {
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "cores: $(nproc) ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'))"
  echo "java: $(java -version 2>&1 | head -n 2 | paste -sd ';' | sed 's/;/; /')"
  echo "${1:-server} JVM flags: $jvm_flags; pinned: $([ ${#server_pin[@]} -gt 0 ] && echo 'servers core 0, load core 1' || echo no)"
}

# machine_before [WHOSE]: starts $out_dir/$stamp.machine with a line naming the script, then records and
# shows (on standard error) machine_header WHOSE, the lines given on standard input and the machine's load
# before the run, which stays in $busy_before.
machine_before() {
  local lines header
  lines=$(cat)
  header=$(machine_header "$@")
  busy_before=$(busy_cores)
  echo "# $0 " >"$out_dir/$stamp.machine"
  {
    echo "$header"
    if [ -n "$lines" ]; then echo "$lines"; fi
    echo "before the run: $busy_before cores busy (1 s sample), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  } | tee -a "$out_dir/$stamp.machine" >&2
}

# machine_after: records and shows the machine's load after the run, which stays in $busy_after.
machine_after() {
  busy_after=$(busy_cores)
  echo "after the run: $busy_after cores busy (1 s sample), load average $(cut -d' ' -f1-3 /proc/loadavg)" |
    tee -a "$out_dir/$stamp.machine" >&2
}

# show_machine: a blank line, then the machine lines recorded (not the first, which names the script).
show_machine() {
  echo
  sed -n '2,$p' "$out_dir/$stamp.machine"
}

# span_start PID, then span_end PID: sets $span_server (CPU ticks process group PID used in between),
# $span_machine (ticks every process of the machine used) and $span_ns (nanoseconds of wall time).
span_start() {
  span_s0=$(process_group_ticks "$1") span_m0=$(machine_ticks) span_t0=$(date +%s%N)
}
span_end() {
  local s1 m1 t1
  s1=$(process_group_ticks "$1") m1=$(machine_ticks) t1=$(date +%s%N)
  span_server=$((s1 - span_s0)) span_machine=$((m1 - span_m0)) span_ns=$((t1 - span_t0))
}

# load_seconds FILE: the CPU seconds a subshell's children used, user and system, from the second line of
# the output of `times` it ended with.
load_seconds() {
  awk 'NR == 2 { n = split($0, f, /[ ms]+/); t = 0; for (i = 1; i <= n; i++) if (f[i] != "") t += (i % 2 ? 60 * f[i] : f[i]); print t }' "$1"
}

# retry_disturbed WHAT MARK COMMAND...: runs COMMAND, which sees $attempt (0 the first time) and leaves its
# result lines in $run_lines, and runs it again (at most $retries times) while other processes used more
# than $max_others cores meanwhile (an others_cpu= field above that in any line). The lines of a disturbed
# run go to $disturbed, each with MARK appended; those of the run kept go to $results. WHAT names the run
# in the notice of a retry.
retry_disturbed() {
  local what=$1 mark=$2 attempt
  shift 2
  for attempt in $(seq 0 "$retries"); do
    "$@"
    if [ "$attempt" -lt "$retries" ] && awk -v max="$max_others" '
        { for (i = 1; i <= NF; i++) if ($i ~ /^others_cpu=/ && substr($i, 12) + 0 > max) bad = 1 }
        END { exit !bad }' <<<"$run_lines"; then
      echo "other processes used more than $max_others cores meanwhile; running $what again" >&2
      awk -v mark="$mark" '{ print $0 mark }' <<<"$run_lines" >>"$disturbed"
      continue
    fi
    echo "$run_lines" >>"$results"
    return 0
  done
}

# show_disturbed WHAT PER: when some runs were disturbed, how many (PER lines each) and where their lines are.
show_disturbed() {
  if [ -s "$disturbed" ]; then
    echo "Disturbed $1 run again: $(($(wc -l <"$disturbed") / $2)), their lines in $disturbed"
  fi
}

# rotated ROUND NAME...: the names, one a line, starting with the ROUND-th (round 1 starts with the first)
# and going round.
rotated() {
  local round=$1 n i
  shift
  n=$#
  for i in $(seq 0 $((n - 1))); do
    echo "${@:$(((i + round - 1) % n + 1)):1}"
  done
}

# random_file PATH SIZE: SIZE bytes of random data in PATH, unless it holds that many bytes already.
random_file() {
  [ -s "$1" ] && [ "$(stat -c %s "$1")" = "$2" ] || head -c "$2" /dev/urandom >"$1"
}

# find_nginx MESSAGE: $nginx, when not given, is nginx on the PATH, else /usr/sbin/nginx; exits with MESSAGE
# when that is no program.
find_nginx() {
  [ -n "$nginx" ] || nginx=$(command -v nginx || echo /usr/sbin/nginx)
  need "$nginx" "$1"
}

# nginx_config LISTEN [HTTP]: writes $nginx_conf ($out_dir/nginx.conf) for nginx serving $www: one worker,
# sendfile on, access_log off, keep-alive without limit, one `listen` per line of LISTEN (its arguments),
# and the further http-level directives HTTP (lines); sets $nginx_cmd, the command that runs it.
nginx_config() {
  local listen
  nginx_conf="$out_dir/nginx.conf"
  nginx_cmd="$nginx -p $out_dir/nginx -c $nginx_conf -e $out_dir/$stamp.nginx.error.log"
  mkdir -p "$out_dir/nginx"
  {
    [ "$(id -u)" = 0 ] && echo "user root root;"
    cat <<EOF
worker_processes 1;
daemon off;
pid $out_dir/nginx/nginx.pid;
error_log $out_dir/$stamp.nginx.error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    sendfile on;
    keepalive_requests 100000000;
    keepalive_timeout 180s;
    client_body_temp_path $out_dir/nginx/body;
    proxy_temp_path $out_dir/nginx/proxy;
    fastcgi_temp_path $out_dir/nginx/fastcgi;
    uwsgi_temp_path $out_dir/nginx/uwsgi;
    scgi_temp_path $out_dir/nginx/scgi;
    types { application/octet-stream bin; }
EOF
    if [ -n "${2:-}" ]; then
      sed 's/^/    /' <<<"$2"
    fi
    echo "    server {"
    while IFS= read -r listen; do
      echo "        listen $listen;"
    done <<<"$1"
    echo "        root $www;"
    echo "    }"
    echo "}"
  } >"$nginx_conf"
}

# process_group_ticks PGID: CPU clock ticks every process of the group (a server and any workers it forked)
# has used so far, user and system.
process_group_ticks() {
  cat /proc/[0-9]*/stat 2>/dev/null | awk -v g="$1" '{ sub(/^.*\) /, "") } $3 == g { t += $12 + $13 } END { print t + 0 }'
}

# bench_classpath ROOT MODULE: prints MODULE's run-time classpath, built from this checkout alone. When a
# source or POM changed since the last build, first builds the bench and twist modules and what they need in
# one reactor build that installs nothing (so the classes run are this checkout's, whatever other checkouts
# put in the local Maven repository), and lists each module's classpath into its target/classpath.txt.
bench_classpath() {
  local root=$1 module=$2 stamp log
  stamp="$root/bench/target/classpath.txt"
  if [ ! -f "$stamp" ] || [ ! -f "$root/twist/target/classpath.txt" ] ||
     [ -n "$(find "$root" -path "$root/.git" -prune -o \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -newer "$stamp" -print -quit)" ]; then
    echo "Building twisted4j (bench, twist and what they need)..." >&2
    log=$(mktemp)
    if ! "$root/bin/mvn" -B -ntp -o -pl bench,twist -am package -DskipTests dependency:build-classpath \
        -DincludeScope=runtime -Dmdep.outputFile=target/classpath.txt >"$log" 2>&1; then
      cat "$log" >&2
      rm -f "$log"
      echo "The build failed; its output is above." >&2
      return 1
    fi
    rm -f "$log"
    touch "$stamp" "$root/twist/target/classpath.txt"
  fi
  echo "$root/$module/target/classes:$(cat "$root/$module/target/classpath.txt")"
}

# bench_awk: awk functions for the tables, to put before an awk program (awk "$bench_awk"'PROGRAM'):
#   field(NAME)            the value of the current line's NAME=VALUE field ("" when it has none)
#   summary(VALUES, S, C)  "median (min..max)" of VALUES[S, 1] .. VALUES[S, C]
bench_awk='
  function field(name,   i, kv) {
    for (i = 1; i <= NF; i++) { split($i, kv, "="); if (kv[1] == name) return kv[2] }
    return ""
  }
  function summary(values, s, c,   v, a, b, t, med) {
    for (a = 1; a <= c; a++) v[a] = values[s, a]
    for (a = 2; a <= c; a++) for (b = a; b > 1 && v[b - 1] > v[b]; b--) { t = v[b]; v[b] = v[b - 1]; v[b - 1] = t }
    med = c % 2 ? v[(c + 1) / 2] : (v[c / 2] + v[c / 2 + 1]) / 2
    return sprintf("%.3f (%.3f..%.3f)", med, v[1], v[c])
  }
'
