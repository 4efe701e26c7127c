# Sourced by the bench/*-vs-*.sh scripts: the pieces of a side-by-side load run they share. The script sets
# $out_dir, $stamp and $jvm_flags (and $pin, 1 or 0) before calling these.
#
#   setup_pinning            fills server_pin and load_pin (taskset -c 0 / -c 1) when $pin is 1 and it can
#   start_server NAME PORT CMD   starts CMD ({port} replaced) in its own process group, waits until it accepts
#   stop_servers             stops every server started (also on EXIT once trap'd)
#   busy_cores               prints "B of N": cores' worth of CPU the whole machine used over one second
#   wait_for_quiet S         waits up to S seconds for the cores to go idle
#   machine_header           prints the date, cores, JDK and flags lines every result keeps
#   process_group_ticks G    prints the CPU clock ticks process group G has used so far (user + system)
#   bench_classpath ROOT M   builds this checkout (nothing installed) and prints module M's classpath

server_pin=() load_pin=() server_pids=()

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

# machine_header COMMAND...: the lines that say where and when a run happened.
machine_header() {
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "cores: $(nproc) ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'))"
  echo "java: $(java -version 2>&1 | head -n 2 | paste -sd ';' | sed 's/;/; /')"
  echo "server JVM flags: $jvm_flags; pinned: $([ ${#server_pin[@]} -gt 0 ] && echo 'servers core 0, load core 1' || echo no)"
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
