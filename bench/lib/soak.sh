# Sourced by bench/soak.sh, after bench/lib/run.sh: the pieces of the soak run. The script sets $root, $tmp
# (a temporary directory, removed at the end), $out_dir and $stamp (begin_run), and, before using them, $pid
# (the server's), $tcp_port, $tls_port, $cert, $www, $load_cp, $load_flags and $results.
#
#   snapshot_classpath CP    copies this checkout's entries of CP into $tmp/lib; prints the classpath of the copies
#   make_site WWW CGI        the files served (0 B to 5 MiB, a listing), the CGI scripts, and $tmp/upload.bin
#                            (50 MiB, $upload_bytes and $upload_md5) for curl's uploads
#   check_server             one request over HTTP/1.1, h2c, h2 and CGI, each checked; exits if one fails
#   plan_phases MINUTES      $warm_s, $cycles, $per_s, $abuse_s: the phases' lengths, to fill MINUTES
#   start_sampler LIMIT      samples the server every 10 s in the background, for at most LIMIT seconds
#   stop_sampler             stops it
#   sample KIND              appends one sample (heap after GC, RSS, descriptors, threads) to the CSV, and prints it
#   run_phase LABEL KIND S   runs one phase (h1, h2, upload, abuse, vanish, ws) for S seconds, marking its bounds
#   h2_args I PATH           curl's arguments for PATH over h2c (I odd) or h2 over TLS (I even)
#   settle                   waits (at most $settle_limit s) for the server's descriptors to stop changing
#   checkpoint LABEL         settles, then takes the measurement after phase LABEL (the first is the baseline)
#   draw_chart               the PNG of the samples, with the phases marked
#   summarize                the table and the goals; returns 1 if a goal is missed
#   soak_cleanup             stops everything this run started and removes $tmp (trap'd on EXIT)

heap_slack_mib=2 heap_slack_pct=10 fd_slack=2 rss_limit_pct=10 settle_limit=30 sample_every=10
sampler_pid="" load_pids=() base_fds=""

soak_cleanup() {
  local p
  [ -n "$sampler_pid" ] && stop_sampler
  for p in "${load_pids[@]}"; do
    kill "$p" 2>/dev/null || true
  done
  stop_servers
  [ -n "${tmp:-}" ] && rm -rf "$tmp"
}

snapshot_classpath() {
  local entry dest out=() entries
  mkdir -p "$tmp/lib"
  IFS=: read -r -a entries <<<"$1"
  for entry in "${entries[@]}"; do
    if [[ "$entry" == "$root"/* ]]; then
      dest="$tmp/lib/$(tr / _ <<<"${entry#"$root"/}")"
      [ -e "$dest" ] || cp -r "$entry" "$dest"
      out+=("$dest")
    else
      out+=("$entry")
    fi
  done
  (IFS=:; echo "${out[*]}")
}

make_site() {
  local www=$1 cgi=$2
  mkdir -p "$www/sub" "$cgi"
  : >"$www/empty.bin"
  random_file "$www/1k.bin" 1024
  random_file "$www/64k.bin" 65536
  random_file "$www/1m.bin" 1048576
  random_file "$www/5m.bin" $((5 * 1048576 + 7))
  printf '<!DOCTYPE html>\n<title>soak</title>\n<p>twist web under soak.\n' >"$www/index.html"
  for i in 1 2 3; do random_file "$www/sub/file$i.bin" $((i * 1000)); done
  upload_bytes=$((50 << 20))
  random_file "$tmp/upload.bin" "$upload_bytes"
  upload_md5=$(md5sum "$tmp/upload.bin" | cut -d' ' -f1)
  cat >"$cgi/hello.pl" <<'EOF'
#!/usr/bin/perl
print "Content-Type: text/plain\r\n\r\nhello $ENV{QUERY_STRING}\n";
EOF
  cat >"$cgi/upload.pl" <<'EOF'
#!/usr/bin/perl
# Answers the request body's length and MD5.
use strict;
use Digest::MD5;
binmode STDIN;
my ($md5, $n, $buffer) = (Digest::MD5->new, 0, '');
while (my $got = read(STDIN, $buffer, 65536)) { $n += $got; $md5->add($buffer); }
print "Content-Type: text/plain\r\n\r\nbytes=$n md5=", $md5->hexdigest, "\n";
EOF
  cat >"$cgi/slow.pl" <<'EOF'
#!/usr/bin/perl
# Writes 200 lines over about 4 s: clients vanish in the middle, and the server must end it.
$| = 1;
print "Content-Type: text/plain\r\n\r\n";
for my $i (1 .. 200) { print "line $i ", "x" x 100, "\n"; select(undef, undef, undef, 0.02); }
EOF
  chmod 755 "$cgi"/*.pl
}

# check_one WHAT EXPECTED-STATUS-AND-VERSION EXPECTED-BODY-FILE CURL-ARGS...
check_one() {
  local what=$1 want=$2 expected=$3 got body="$tmp/check.body"
  shift 3
  got=$(curl -sS --max-time 20 -o "$body" -w '%{http_code} %{http_version}' "$@" 2>&1) || true
  if [ "$got" != "$want" ] || ! cmp -s "$body" "$expected"; then
    echo "twist web answered $what with '$got' (expected '$want') and a body unlike $expected; its log: $server_log" >&2
    exit 1
  fi
  echo "soak-web: $what verified ($got, $(stat -c %s "$body") bytes as expected)" >&2
}

check_server() {
  printf 'hello x=1\n' >"$tmp/hello.expected"
  check_one "GET /1m.bin over HTTP/1.1" "200 1.1" "$www/1m.bin" "http://127.0.0.1:$tcp_port/1m.bin"
  check_one "GET /1m.bin over h2c" "200 2" "$www/1m.bin" --http2-prior-knowledge "http://127.0.0.1:$tcp_port/1m.bin"
  check_one "GET /1m.bin over h2 (TLS)" "200 2" "$www/1m.bin" --http2 --cacert "$cert" \
    --resolve "localhost:$tls_port:127.0.0.1" "https://localhost:$tls_port/1m.bin"
  check_one "GET /cgi-bin/hello.pl" "200 1.1" "$tmp/hello.expected" "http://127.0.0.1:$tcp_port/cgi-bin/hello.pl?x=1"
}

# plan_phases MINUTES: the warm-up's phases get warm_s each; then `cycles` cycles of five phases, per_s each
# (abuse_s for abuse, at least 40 s: a slow-loris wave lasts the server's 30 s head timeout), fill the rest.
# Each phase is followed by about `overhead` seconds of settling and measuring.
plan_phases() {
  local budget=$(($1 * 60 - 30)) overhead=8 left
  warm_s=$((budget / 40))
  [ "$warm_s" -lt 5 ] && warm_s=5
  [ "$warm_s" -gt 30 ] && warm_s=30
  left=$((budget - 5 * warm_s - 6 * overhead))
  cycles=$((left / (5 * 60 + 5 * overhead)))
  [ "$cycles" -lt 1 ] && cycles=1
  per_s=$(((left / cycles - 5 * overhead) / 5))
  [ "$per_s" -lt 5 ] && per_s=5
  abuse_s=$((per_s > 40 ? per_s : 40))
}

elapsed() { awk -v n="$(date +%s%N)" -v z="$t0" 'BEGIN { printf "%.1f", (n - z) / 1e9 }'; }

set_phase() { echo "$1" >"$tmp/phase"; }

mark() {
  echo "$(elapsed),$1,$2" >>"$phases_csv"
  if [ "$1" = start ]; then set_phase "$2"; else set_phase settle; fi
}

# heap_after_gc: a full GC, then the heap's use after it, in MiB (-1 if jcmd failed).
heap_after_gc() {
  { jcmd "$pid" -f "$tmp/jcmd" 2>/dev/null || true; } | awk '
    match($0, /total [0-9]+K, used [0-9]+K/) { s = substr($0, RSTART, RLENGTH); sub(/.*used /, "", s); used += s + 0; seen = 1 }
    END { if (seen) printf "%.1f", used / 1024; else print -1 }'
}

fd_count() { { ls "/proc/$pid/fd" 2>/dev/null || true; } | wc -l; }

sample() {
  local heap rss threads line
  heap=$(heap_after_gc)
  rss=$(awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$pid/status" 2>/dev/null || true)
  threads=$(awk '/^Threads:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)
  line="$(elapsed),$(cat "$tmp/phase"),${heap:--1},${rss:--1},$(fd_count),${threads:--1},$1"
  echo "$line" >>"$samples_csv"
  echo "$line"
}

start_sampler() {
  local limit=$1
  samples_csv="$out_dir/$stamp.samples.csv" phases_csv="$out_dir/$stamp.phases.csv" after_csv="$out_dir/$stamp.after.csv"
  echo "t_s,phase,heap_after_gc_mib,rss_mib,fds,threads,kind" >"$samples_csv"
  echo "t_s,event,phase" >"$phases_csv"
  echo "label,t_s,phase,heap_after_gc_mib,rss_mib,fds,threads,kind" >"$after_csv"
  printf 'GC.run\nGC.heap_info\n' >"$tmp/jcmd"
  t0=$(date +%s%N)
  set_phase start
  rm -f "$tmp/stop"
  (
    end=$(($(date +%s) + limit))
    while [ ! -e "$tmp/stop" ] && kill -0 "$pid" 2>/dev/null && [ "$(date +%s)" -lt "$end" ]; do
      next=$(($(date +%s) + sample_every))
      sample sample >/dev/null
      while [ "$(date +%s)" -lt "$next" ] && [ ! -e "$tmp/stop" ]; do sleep 0.5; done
    done
  ) &
  sampler_pid=$!
}

stop_sampler() {
  touch "$tmp/stop"
  for _ in $(seq 1 60); do
    kill -0 "$sampler_pid" 2>/dev/null || break
    sleep 0.5
  done
  kill "$sampler_pid" 2>/dev/null || true
  wait "$sampler_pid" 2>/dev/null || true
  sampler_pid=""
}

# record LABEL LINE: keeps a phase's result line (from SoakLoad, or built here) and shows its main counts.
record() {
  local label=$1 line=$2
  [ -n "$line" ] || line="soak-load phase=$label problems=1 error_no_result=1"
  echo "label=$label $line" >>"$results"
  awk -v label="$label" "$bench_awk"'{
    printf "%-12s problems=%s", label, field("problems")
    n = split("requests uploads messages slowloris_dropped status_5xx", keys, " ")
    for (i = 1; i <= n; i++) if (field(keys[i]) != "") printf " %s=%s", keys[i], field(keys[i])
    for (i = 1; i <= NF; i++) if ($i ~ /^error_/) printf " %s", $i
    printf "\n"
  }' <<<"label=$label $line" >&2
}

# run_load LABEL PHASE SECONDS: one SoakLoad phase; its examples of errors go to $out_dir/$stamp.examples.
run_load() {
  local label=$1 line
  line=$("${load_pin[@]}" java $load_flags -cp "$load_cp" org.twisted4j.bench.soak.SoakLoad "$2" "$3" \
           "$tcp_port" "$tls_port" "$cert" "$www" "$RANDOM" 2>"$tmp/$label.err") || true
  sed "s/^/$label /" "$tmp/$label.err" >>"$out_dir/$stamp.examples"
  record "$label" "$line"
}

# run_h2 LABEL SECONDS: h2c and h2 over TLS with h2load, 8 connections x 32 streams each, and a byte range.
run_h2() {
  local label=$1 s=$2 raw="$out_dir/$stamp.$1" files=(1k.bin 64k.bin 1m.bin empty.bin index.html) pids=() p
  "${load_pin[@]}" timeout $((s + 60)) h2load -t1 -c8 -m32 -D "$s" "${files[@]/#/http://127.0.0.1:$tcp_port/}" \
    >"$raw.h2c.h2load" 2>&1 &
  pids+=($!)
  "${load_pin[@]}" timeout $((s + 60)) h2load -t1 -c8 -m32 -D "$s" "${files[@]/#/https://127.0.0.1:$tls_port/}" \
    >"$raw.h2.h2load" 2>&1 &
  pids+=($!)
  "${load_pin[@]}" timeout $((s + 60)) h2load -t1 -c2 -m8 -D "$s" -H 'range: bytes=100-2000' \
    "https://127.0.0.1:$tls_port/64k.bin" >"$raw.range.h2load" 2>&1 &
  pids+=($!)
  for p in "${pids[@]}"; do wait "$p" || true; done
  # h2load's "failed" counts the answers with a status of 400 or more as well as the errors ("errored",
  # which include the timeouts); statuses are counted apart, so the errors here are "errored".
  record "$label" "$(awk -v s="$s" '
    FNR == 1 { files++ }
    /^requests:/ { req += $6; errored += $12; timeouts += $14; seen++ }
    /^status codes:/ { s2 += $3; s3 += $5; s4 += $7; s5 += $9 }
    END {
      missing = files - seen
      printf "soak-load phase=h2 seconds=%s problems=%d requests=%d status_2xx=%d status_3xx=%d status_4xx=%d status_5xx=%d", s, s5 + errored + s4 + missing, req, s2, s3, s4, s5
      if (errored) printf " error_h2load_errored=%d h2load_timeouts=%d", errored, timeouts
      if (s4) printf " error_status=%d", s4
      if (missing) printf " error_h2load_no_result=%d", missing
      printf "\n"
    }' "$raw.h2c.h2load" "$raw.h2.h2load" "$raw.range.h2load")"
}

h2_args() {
  if (($1 % 2)); then
    echo "--http2-prior-knowledge http://127.0.0.1:$tcp_port$2"
  else
    echo "--http2 --cacert $cert --resolve localhost:$tls_port:127.0.0.1 https://localhost:$tls_port$2"
  fi
}

# run_upload LABEL SECONDS: SoakLoad's upload phase (HTTP/1.1), and meanwhile curl uploading 50 MiB to the
# CGI script over h2c and h2 (TLS), one at a time, each answer checked.
run_upload() {
  local label=$1 s=$2 end n=0 rc got good=0 bad=0 failed=0 s5=0 load args
  run_load "$label" upload "$s" &
  load=$!
  load_pids+=("$load")
  end=$((SECONDS + s))
  while [ "$SECONDS" -lt "$end" ] && [ "$n" -lt 1000 ]; do
    n=$((n + 1))
    read -r -a args <<<"$(h2_args "$n" /cgi-bin/upload.pl)"
    rc=0
    got=$("${load_pin[@]}" curl -sS --max-time 120 -H 'Content-Type: application/octet-stream' \
            --data-binary @"$tmp/upload.bin" -w ' %{http_code} %{http_version}' "${args[@]}" 2>>"$tmp/$label.curl") || rc=$?
    if [ "$rc" != 0 ]; then
      failed=$((failed + 1))
      echo "$label curl exit $rc uploading 50 MiB: ${args[*]}" >>"$out_dir/$stamp.examples"
    elif [ "$got" = "bytes=$upload_bytes md5=$upload_md5"$'\n'" 200 2" ]; then
      good=$((good + 1))
    else
      [[ "$(tail -n 1 <<<"$got" | awk '{ print $1 }')" == 5* ]] && s5=$((s5 + 1))
      bad=$((bad + 1))
      echo "$label h2 upload answered: $(tr '\n' ' ' <<<"$got" | cut -c1-200)" >>"$out_dir/$stamp.examples"
    fi
  done
  wait "$load" || true
  record "$label.h2" "soak-load phase=h2-upload seconds=$s problems=$((failed + bad)) requests=$n uploads=$good status_5xx=$s5$([ "$failed" -gt 0 ] && echo " error_curl=$failed")$([ "$bad" -gt 0 ] && echo " error_h2_upload=$bad")"
}

# run_abuse LABEL SECONDS: SoakLoad's abuse phase, and meanwhile curl over h2c and h2 (TLS) giving up
# (--max-time, exit 28) in the middle of a 5 MiB response or of a 50 MiB upload to the CGI script.
run_abuse() {
  local label=$1 s=$2 end n=0 rc code gone=0 done_=0 failed=0 s5=0 load args
  run_load "$label" abuse "$s" &
  load=$!
  load_pids+=("$load")
  end=$((SECONDS + s))
  while [ "$SECONDS" -lt "$end" ] && [ "$n" -lt 5000 ]; do
    n=$((n + 1))
    if ((n % 3 == 0)); then
      read -r -a args <<<"$(h2_args "$((n / 3))" /cgi-bin/upload.pl)"
      args+=(--limit-rate 16M --data-binary @"$tmp/upload.bin")
    else
      read -r -a args <<<"$(h2_args "$n" /5m.bin)"
      args+=(--limit-rate 4M)
    fi
    rc=0
    code=$("${load_pin[@]}" curl -sS -o /dev/null -w '%{http_code}' --max-time "0.$((1 + RANDOM % 9))" \
             "${args[@]}" 2>>"$tmp/$label.curl") || rc=$?
    case $rc in
      0) done_=$((done_ + 1)) ;;
      28) gone=$((gone + 1)) ;;
      *) failed=$((failed + 1)); echo "$label curl exit $rc: ${args[*]}" >>"$out_dir/$stamp.examples" ;;
    esac
    [[ "$code" == 5* ]] && s5=$((s5 + 1))
    sleep 0.2
  done
  wait "$load" || true
  record "$label.h2" "soak-load phase=h2-vanish seconds=$s problems=$((failed + s5)) requests=$n vanished=$gone finished=$done_ status_5xx=$s5$([ "$failed" -gt 0 ] && echo " error_curl=$failed")"
}

run_phase() {
  local label=$1 kind=$2 s=$3
  echo "$label: $s s ..." >&2
  mark start "$label"
  case $kind in
    h2) run_h2 "$label" "$s" ;;
    abuse) run_abuse "$label" "$s" ;;
    upload) run_upload "$label" "$s" ;;
    *) run_load "$label" "$kind" "$s" ;;
  esac
  mark end "$label"
}

settle() {
  local waited=0 last=-1 now stable=0
  while [ "$waited" -lt "$settle_limit" ]; do
    sleep 1
    waited=$((waited + 1))
    now=$(fd_count)
    if [ "$now" = "$last" ]; then stable=$((stable + 1)); else stable=0; fi
    last=$now
    if [ "$stable" -ge 2 ] && { [ -z "$base_fds" ] || [ "$now" -le $((base_fds + fd_slack)) ]; }; then
      break
    fi
  done
}

checkpoint() {
  local label=$1 line
  settle
  line=$(sample after)
  echo "$label,$line" >>"$after_csv"
  [ -z "$base_fds" ] && base_fds=$(cut -d, -f5 <<<"$line")
  awk -F, -v label="$label" '{ printf "after %-10s heap after GC %s MiB, RSS %s MiB, fds %s, threads %s\n", label, $3, $4, $5, $6 }' \
    <<<"$line" >&2
}

draw_chart() {
  png="$out_dir/$stamp.png"
  if ! java -Djava.awt.headless=true -cp "$load_cp" org.twisted4j.bench.soak.SoakChart "$samples_csv" "$phases_csv" \
       "$png" "twist web soak $stamp" 2>"$tmp/chart.err"; then
    echo "The chart could not be drawn: $(head -n 3 "$tmp/chart.err")" >&2
    png=""
  fi
}

# server_exceptions: the events of the server's log that name an exception (a line with its timestamp and
# the indented lines after it but the stack frames), as "expected-count unexpected-count" on the first line,
# then each kind of unexpected event (its text without the timestamp, cut to 300 characters) after its
# count and a tab, most frequent first. Expected: a client's connection reset or broken mid-write, or a TLS
# peer gone without close_notify.
expected_disconnects='Connection reset by peer|Broken pipe|closed without close_notify|without a TLS close_notify|ClosedChannelException'
server_exceptions() {
  awk -v expected="$expected_disconnects" '
    function flush() {
      if (event != "" && event ~ /(Exception|Error)([:[:space:]]|$)|Traceback/) {
        if (event ~ expected) known++
        else { kinds[substr(event, 1, 300)]++; unknown++ }
      }
      event = ""
    }
    /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T/ { flush(); event = $0; sub(/^[^ ]+ /, "", event); next }
    /^[[:space:]]+(at |\.\.\. [0-9]+ more)/ { next }
    /^[[:space:]]/ { line = $0; sub(/^[[:space:]]+/, "", line); if (event != "") event = event " | " line; next }
    { flush(); event = $0 }
    END {
      flush()
      print known + 0, unknown + 0
      for (k in kinds) printf "%d\t%s\n", kinds[k], k
    }' "$server_log" | { read -r counts; echo "$counts"; sort -t$'\t' -k1,1nr; }
}

summarize() {
  local exceptions counts unexpected clients status=0
  exceptions=$(server_exceptions)
  counts=$(head -n 1 <<<"$exceptions")
  unexpected=$(sed 1d <<<"$exceptions")
  # The clients' totals: 5xx responses, unexpected errors, and their kinds.
  clients=$(awk "$bench_awk"'{
      s5 += field("status_5xx")
      for (i = 1; i <= NF; i++) if ($i ~ /^error_/) { split($i, kv, "="); errors += kv[2]; kinds[kv[1]] += kv[2] }
    }
    END { printf "%d %d", s5, errors; for (k in kinds) printf " %s=%d", k, kinds[k] }' "$results")
  awk -F, -v hs="$heap_slack_mib" -v hp="$heap_slack_pct" -v fs="$fd_slack" -v rl="$rss_limit_pct" \
      -v clients="$clients" -v expected="${counts% *}" -v unexpected="${counts#* }" '
    NR == 1 { next }
    { label[++n] = $1; heap[n] = $4; rss[n] = $5; fds[n] = $6; threads[n] = $7 }
    END {
      bh = heap[1]; br = rss[1]; bf = fds[1]
      heap_limit = bh + (bh * hp / 100 > hs ? bh * hp / 100 : hs)
      printf "%-12s %15s %10s %8s %8s\n", "after", "heap after GC", "RSS MiB", "fds", "threads"
      heap_ok = fds_ok = 1
      for (i = 1; i <= n; i++) {
        hm = i > 1 && (heap[i] < 0 || heap[i] > heap_limit) ? " !" : ""
        fm = i > 1 && fds[i] > bf + fs ? " !" : ""
        if (hm != "") heap_ok = 0
        if (fm != "") fds_ok = 0
        printf "%-12s %13.1f%-2s %10.1f %6d%-2s %8d\n", label[i], heap[i], hm, rss[i], fds[i], fm, threads[i]
      }
      growth = br > 0 ? 100 * (rss[n] - br) / br : 0
      split(clients, c, " ")
      kinds = ""
      for (i = 3; i in c; i++) kinds = kinds " " c[i]
      printf "\n"
      printf "%-4s heap after GC at most %.1f MiB (baseline %.1f + max(%d MiB, %d%%)) after every phase\n", heap_ok ? "ok" : "FAIL", heap_limit, bh, hs, hp
      printf "%-4s open descriptors at most %d (baseline %d + %d) after every phase\n", fds_ok ? "ok" : "FAIL", bf + fs, bf, fs
      printf "%-4s RSS growth after the warm-up: %+.1f%% (%.1f -> %.1f MiB; limit %d%%)\n", growth < rl ? "ok" : "FAIL", growth, br, rss[n], rl
      printf "%-4s 5xx responses: %d\n", c[1] == 0 ? "ok" : "FAIL", c[1]
      printf "%-4s unexpected client errors: %d%s\n", c[2] == 0 ? "ok" : "FAIL", c[2], kinds
      printf "%-4s unexpected server exceptions: %d (and %d expected disconnects) in its log\n", unexpected == 0 ? "ok" : "FAIL", unexpected, expected
      exit !(n > 1 && heap_ok && fds_ok && growth < rl && c[1] == 0 && c[2] == 0 && unexpected == 0)
    }' "$after_csv" || status=1
  if [ -n "$unexpected" ]; then
    echo
    echo "Unexpected server exceptions, by kind (count, then the log event; the log: $server_log):"
    head -n 10 <<<"$unexpected" | cut -c1-400
  fi
  if [ -s "$out_dir/$stamp.examples" ]; then
    echo
    echo "Examples of client errors (the first 20; all in $out_dir/$stamp.examples):"
    head -n 20 "$out_dir/$stamp.examples"
  fi
  echo
  echo "Samples: $samples_csv (phases: $phases_csv)${png:+; chart: $png}"
  echo "Per-phase counts: $results"
  return "$status"
}
