#!/usr/bin/env bash
# AMP calls per second: twisted4j's AMP server side by side with Python Twisted's, both loaded by the same
# Java client (org.twisted4j.bench.AmpLoad, which is twisted4j's own AMP client) in one run.
#
# The command is Twisted's example Sum(a, b) -> total, small integers in a box of about 40 bytes; every
# answer is checked. Each connection keeps --window calls outstanding (pipelined) and makes the next call as
# soon as one is answered. The servers:
#   twisted4j   the amp-server example (org.twisted4j.examples.AmpServer), tcp:PORT, one reactor thread
#   twisted     bench/python/twisted_amp_server.py on Debian's /usr/bin/python3 and its Twisted (epoll
#               reactor), the same commands as Twisted's doc/core/examples/ampserver.py
# Builds what it needs (one reactor build of this checkout, nothing installed), starts both servers (pinned
# to core 0), then for each round and each connection count runs the load against one server and then the
# other (the load pinned to core 1), alternating who goes first. Prints calls/s for each, the ratio
# twisted4j/twisted, and the CPU shares; raw lines stay in bench/target/amp-vs-twisted/.
#
#   bench/amp-vs-twisted.sh                      # 1 and 100 connections, 10 s each, one round
#
# Options (defaults in brackets):
#   --connections LIST    connection counts, one scenario each [1,100]
#   --window W            calls outstanding per connection [16]
#   --warmup S            seconds of load before measuring, per scenario and server [3]
#   --duration S          seconds measured, per scenario and server [10]
#   --rounds N            repeat every pair N times [1]
#   --jvm-flags 'FLAGS'   JVM flags of twisted4j's server [-Xms1g -Xmx1g -XX:+AlwaysPreTouch -XX:+UseSerialGC]
#   --ports 'P1 P2'       loopback ports of Twisted's and twisted4j's servers [19401 19402]
#   --python PATH         the Python with Twisted [/usr/bin/python3]
#   --quiet-wait S        first wait up to S seconds for other processes to leave the cores idle [0]
#   --max-others C        a pair during which other processes used more than C cores is disturbed [0.15]
#   --retries N           run a disturbed pair again, at most N times; the last run is kept anyway [2]
#   --no-pin              do not pin servers and load to separate cores
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/bin/lib/jdk.sh"
. "$root/bench/lib/run.sh"

run_name=amp-vs-twisted load_class=org.twisted4j.bench.AmpLoad load_tag=amp-load
python_module=twisted.protocols.amp python_script="$root/bench/python/twisted_amp_server.py"
example=amp-server what="Sum(a, b)" ports="19401 19402"
. "$root/bench/lib/calls-vs-twisted.sh" "$@"
