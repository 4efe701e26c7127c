#!/usr/bin/env bash
# Template pages rendered per second: twisted4j's twisted.web.template against Python Twisted's, the same page in
# one run.
#
# The page (bench/python/template_page.xml) is a table of --rows rows, each filled by a renderer with four slots,
# one of them inside a t:attr, from text that needs escaping ("Item 7 <x> & co"). Each side renders it with no
# request, into one byte array, as often as it can on one thread:
#   twisted4j   org.twisted4j.bench.TemplateRender: an Element, Template.flattenString
#   twisted     bench/python/twisted_template_render.py on Debian's /usr/bin/python3 and its Twisted: an Element,
#               flattenString
# Both write their page once: the script checks the two are byte for byte the same before it measures. Each round
# runs both sides one after the other (pinned to core 0, alternating who goes first): --warmup seconds of renders,
# then renders counted for --duration seconds. Prints renders/s for each, the ratio twisted4j/twisted per round,
# and the median, min and max ratio; raw lines stay in bench/target/template-vs-twisted/.
#
#   bench/template-vs-twisted.sh                  # 1,000 rows, 3 rounds of 3 s warm-up + 10 s each
#   bench/template-vs-twisted.sh --rows 100       # a smaller page
#
# Options (defaults in brackets):
#   --rows N              rows in the table [1000]
#   --warmup S            seconds of renders before counting, per side and round [3]
#   --duration S          seconds counted, per side and round [10]
#   --rounds N            rounds; the summary gives median, min and max of the ratio [3]
#   --jvm-flags 'FLAGS'   JVM flags of twisted4j's side [-Xms1g -Xmx1g -XX:+AlwaysPreTouch -XX:+UseSerialGC]
#   --python PATH         the Python with Twisted [/usr/bin/python3]
#   --no-pin              do not pin the sides to core 0
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/bin/lib/jdk.sh"
. "$root/bench/lib/run.sh"

rows=1000 warmup=3 duration=10 rounds=3 python=/usr/bin/python3
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows=$2; shift 2 ;;
    --python) python=$2; shift 2 ;;
    *) shared_option "$@"; shift "$taken" ;;
  esac
done

need "$python" "Python Twisted runs on $python: install the Debian package python3-twisted."
"$python" -c 'import twisted.web.template' 2>/dev/null ||
  { echo "$python cannot import twisted.web.template: install the Debian package python3-twisted." >&2; exit 1; }

cp=$(bench_classpath "$root" bench)
begin_run template-vs-twisted
template="$root/bench/python/template_page.xml"

side() { # side NAME: one measurement, its line appended to $results
  local name=$1 page="$out_dir/$stamp.$1.html"
  case "$name" in
    twisted4j) "${server_pin[@]}" java $jvm_flags -cp "$cp" org.twisted4j.bench.TemplateRender \
                 "$template" "$rows" "$warmup" "$duration" "$page" ;;
    twisted) "${server_pin[@]}" "$python" "$root/bench/python/twisted_template_render.py" \
               "$template" "$rows" "$warmup" "$duration" "$page" ;;
  esac | tee -a "$results"
}

machine_header twisted4j | tee "$out_dir/$stamp.machine"
echo "python: $("$python" -c 'import sys, twisted; print(sys.version.split()[0], "Twisted", twisted.__version__)')" |
  tee -a "$out_dir/$stamp.machine"
for round in $(seq 1 "$rounds"); do
  for name in $(rotated "$round" twisted twisted4j); do
    side "$name" | sed "s/^/round=$round /"
  done
done

if ! cmp -s "$out_dir/$stamp.twisted4j.html" "$out_dir/$stamp.twisted.html"; then
  echo "The pages differ: $out_dir/$stamp.twisted4j.html and $out_dir/$stamp.twisted.html" >&2
  exit 1
fi
echo
echo "Both pages are the same $(wc -c <"$out_dir/$stamp.twisted.html") bytes."
awk "$bench_awk"'
  { side = field("side"); rate[side, ++n[side]] = field("rate") }
  END {
    for (r = 1; r <= n["twisted"]; r++) {
      ratio["r", r] = rate["twisted4j", r] / rate["twisted", r]
      printf "round %d: twisted4j %.1f renders/s, twisted %.1f renders/s, ratio %.1f\n", r, rate["twisted4j", r],
        rate["twisted", r], ratio["r", r]
    }
    printf "ratio twisted4j/twisted: %s\n", summary(ratio, "r", n["twisted"])
  }' "$results"
