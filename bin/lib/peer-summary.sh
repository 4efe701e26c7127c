#!/usr/bin/env bash
# Prints the one line that closes bin/test: which peers were missing, so that their tests were skipped (or,
# under CI, failed), and the apt-get command that installs them. Its argument is the report that
# org.twisted4j.peers.Peer appends "NAME<TAB>PACKAGE" lines to.
set -euo pipefail
report=$1
if [ ! -s "$report" ]; then
  echo "Interop peers: none missing, no test skipped for want of one."
  exit 0
fi
peers=$(sort -u "$report" | awk -F'\t' '{ printf "%s%s (%s)", sep, $1, $2; sep = ", " }')
packages=$(cut -f2 "$report" | sort -u | tr '\n' ' ' | sed 's/ $//')
if [ "${CI:-}" = true ] || [ "${TWISTED4J_REQUIRE_PEERS:-}" = 1 ]; then
  outcome="their tests failed (every peer is required under CI=true and TWISTED4J_REQUIRE_PEERS=1)"
else
  outcome="their tests were skipped"
fi
echo "Interop peers missing, so ${outcome}: ${peers}. Install them with: sudo apt-get install ${packages}"
