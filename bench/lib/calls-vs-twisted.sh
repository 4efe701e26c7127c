# Sourced (last) by bench/amp-vs-twisted.sh and bench/pb-vs-twisted.sh: a calls-per-second run of a
# twisted4j example server side by side with a Python Twisted server, both loaded in turn by the same Java
# load client. The script sets $root, sources bench/lib/run.sh, and sets before sourcing this:
#   run_name        the run's name (its directory under bench/target/, the tag of the load's lines)
#   load_class      the load's main class in module bench (prints one `NAME-load ...` line, see ScenarioResult)
#   load_tag        the first word of that line (amp-load, pb-load)
#   python_module   a module the Python must import (its Twisted has the protocol)
#   python_script   the Python Twisted server, run as `PYTHON SCRIPT PORT`
#   example         the twisted4j example server (RunExample's name), run with tcp:PORT:interface=127.0.0.1
#   what            what a call is, for the table's heading
#   ports           default loopback ports of Twisted's and twisted4j's servers ("P1 P2")
# and then takes the command line (the options of the header comment of bench/amp-vs-twisted.sh).

connections_list=1,100 window=16 warmup=3 duration=10 rounds=1 python=/usr/bin/python3
while [ $# -gt 0 ]; do
  case "$1" in
    --connections) connections_list=$2; shift 2 ;;
    --window) window=$2; shift 2 ;;
    --ports) ports=$2; shift 2 ;;
    --python) python=$2; shift 2 ;;
    *) shared_option "$@"; shift "$taken" ;;
  esac
done
read -r ref_port cand_port <<<"$ports"

need "$python" "Python Twisted runs on Debian's Python: install the Debian package python3-twisted (or give --python)."
if ! "$python" -c "import $python_module" 2>/dev/null; then
  echo "$python has no Twisted: install the Debian package python3-twisted." >&2
  exit 1
fi

# --- build: bench and examples in one reactor build of this checkout, nothing installed ---------------------
stamp_file="$root/bench/target/calls-classpath.txt"
if [ ! -f "$stamp_file" ] || [ ! -f "$root/examples/target/classpath.txt" ] ||
   [ -n "$(find "$root" -path "$root/.git" -prune -o \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -newer "$stamp_file" -print -quit)" ]; then
  echo "Building twisted4j (bench, examples and what they need)..." >&2
  log=$(mktemp)
  if ! "$root/bin/mvn" -B -ntp -o -pl bench,examples -am package -DskipTests dependency:build-classpath \
      -DincludeScope=runtime -Dmdep.outputFile=target/classpath.txt >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "The build failed; its output is above." >&2
    exit 1
  fi
  rm -f "$log"
  mkdir -p "$root/bench/target"
  touch "$stamp_file" "$root/examples/target/classpath.txt" "$root/bench/target/classpath.txt"
fi
bench_cp="$root/bench/target/classes:$(cat "$root/bench/target/classpath.txt")"
examples_cp="$root/examples/target/classes:$(cat "$root/examples/target/classpath.txt")"

begin_run "$run_name"
twisted_cmd="$python $python_script {port}"
twisted4j_cmd="java -cp $examples_cp org.twisted4j.examples.RunExample $example tcp:{port}:interface=127.0.0.1"

# run_load NAME PORT PID ROUND CONNECTIONS: one scenario against one server; prints its tagged result line.
run_load() {
  local name=$1 port=$2 pid=$3 round=$4 connections=$5 line
  echo "round $round, $connections connection(s): $name ..." >&2
  line=$("${load_pin[@]}" java -Xms256m -Xmx256m -cp "$bench_cp" "$load_class" \
      --port "$port" --connections "$connections" --window "$window" --warmup "$warmup" \
      --duration "$duration" --server-pid "$pid" \
    | sed "s/^$load_tag /$load_tag round=$round server=$name /")
  echo "$line" >&2
  echo "$line"
}

run_pair() {
  local round=$1 connections=$2 first=$3
  if [ "$first" = ref ]; then
    run_lines=$(run_load twisted "$ref_port" "$ref_pid" "$round" "$connections"
                run_load twisted4j "$cand_port" "$cand_pid" "$round" "$connections")
  else
    run_lines=$(run_load twisted4j "$cand_port" "$cand_pid" "$round" "$connections"
                run_load twisted "$ref_port" "$ref_pid" "$round" "$connections")
  fi
}

wait_for_quiet "$quiet_wait"
machine_before <<<"python: $("$python" --version 2>&1), Twisted $("$python" -c 'import twisted; print(twisted.__version__)')"
start_server twisted "$ref_port" "$twisted_cmd"
ref_pid=$server_pid
start_server twisted4j "$cand_port" "$twisted4j_cmd"
cand_pid=$server_pid
turn=0
for round in $(seq 1 "$rounds"); do
  for connections in ${connections_list//,/ }; do
    if [ $((turn++ % 2)) = 0 ]; then
      retry_disturbed "the pair" "" run_pair "$round" "$connections" ref
    else
      retry_disturbed "the pair" "" run_pair "$round" "$connections" cand
    fi
  done
done
stop_servers
machine_after

# --- table --------------------------------------------------------------------------------------------------
if grep -q 'verified=false' "$results"; then
  echo "WARNING: some calls failed or were answered wrongly (verified=false in $results); their figures mean nothing." >&2
fi
show_machine
echo "load: $load_class (twisted4j's client), $what, window $window calls per connection, warm-up $warmup s, measured $duration s"
awk -v max="$max_others" "$bench_awk"'
  {
    key = field("round") SUBSEP field("connections")
    if (!(key in seen)) { seen[key] = 1; order[++n] = key }
    side = field("server") == "twisted" ? "ref" : "cand"
    rate[key, side] = field("rate"); cpu[key, side] = field("server_cpu"); load[key, side] = field("load_cpu")
    others[key, side] = field("others_cpu"); ok[key, side] = field("verified")
  }
  END {
    printf "\nratio = twisted4j/twisted calls per second; cpu = share of one core (t = twisted, j = twisted4j)\n"
    printf "%-5s %-11s %14s %14s %8s   %-11s %-11s %-11s %s\n", "round", "connections", "twisted", "twisted4j",
           "ratio", "server t/j", "load t/j", "others t/j", "verified t/j"
    for (i = 1; i <= n; i++) {
      k = order[i]; split(k, p, SUBSEP)
      r = rate[k, "ref"] > 0 ? rate[k, "cand"] / rate[k, "ref"] : 0
      printf "%-5s %-11s %14.0f %14.0f %8.2f   %4.2f/%-6.2f %4.2f/%-6.2f %4.2f/%-6.2f %s/%s\n", p[1], p[2],
             rate[k, "ref"], rate[k, "cand"], r, cpu[k, "ref"], cpu[k, "cand"], load[k, "ref"], load[k, "cand"],
             others[k, "ref"], others[k, "cand"], ok[k, "ref"], ok[k, "cand"]
    }
  }' "$results"
echo
echo "Raw lines: $results"
show_disturbed pairs 2
