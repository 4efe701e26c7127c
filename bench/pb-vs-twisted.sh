#!/usr/bin/env bash
# Perspective Broker calls per second: twisted4j's PB server side by side with Python Twisted's, both loaded
# by the same Java client (org.twisted4j.bench.PBCallLoad, which is twisted4j's own PB client) in one run.
#
# The call is root.callRemote("add", a, 7) on the server's root object, small integers in Banana messages of
# about 40 bytes; every answer is checked. Each connection gets the root object, keeps --window calls
# outstanding (pipelined) and makes the next call as soon as one is answered. The servers:
#   twisted4j   the pb-server example (org.twisted4j.examples.PBServer), tcp:PORT, one reactor thread
#   twisted     bench/python/pb_add_server.py on Debian's /usr/bin/python3 and its Twisted (epoll reactor),
#               a pb.Root with remote_add
# Builds what it needs (one reactor build of this checkout, nothing installed), starts both servers (pinned
# to core 0), then for each round and each connection count runs the load against one server and then the
# other (the load pinned to core 1), alternating who goes first. Prints calls/s for each, the ratio
# twisted4j/twisted, and the CPU shares; raw lines stay in bench/target/pb-vs-twisted/.
#
#   bench/pb-vs-twisted.sh                           # 1 and 100 connections, window 16, 10 s each, one round
#   bench/pb-vs-twisted.sh --connections 1 --window 1   # one call at a time: round-trip latency bound
#
# Options (defaults in brackets):
#   --connections LIST    connection counts, one scenario each [1,100]
#   --window W            calls outstanding per connection [16]
#   --warmup S            seconds of load before measuring, per scenario and server [3]
#   --duration S          seconds measured, per scenario and server [10]
#   --rounds N            repeat every pair N times [1]
#   --jvm-flags 'FLAGS'   JVM flags of twisted4j's server [-Xms1g -Xmx1g -XX:+AlwaysPreTouch -XX:+UseSerialGC]
#   --ports 'P1 P2'       loopback ports of Twisted's and twisted4j's servers [19403 19404]
#   --python PATH         the Python with Twisted [/usr/bin/python3]
#   --quiet-wait S        first wait up to S seconds for other processes to leave the cores idle [0]
#   --max-others C        a pair during which other processes used more than C cores is disturbed [0.15]
#   --retries N           run a disturbed pair again, at most N times; the last run is kept anyway [2]
#   --no-pin              do not pin servers and load to separate cores
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/bin/lib/jdk.sh"
. "$root/bench/lib/run.sh"

run_name=pb-vs-twisted load_class=org.twisted4j.bench.PBCallLoad load_tag=pb-load
python_module=twisted.spread.pb python_script="$root/bench/python/pb_add_server.py"
example=pb-server what='root.callRemote("add", a, 7)' ports="19403 19404"
. "$root/bench/lib/calls-vs-twisted.sh" "$@"
