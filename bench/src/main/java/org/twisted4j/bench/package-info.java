/**
 * Benchmarks: JMH micro-benchmarks of twisted4j's building blocks against their closest JDK or Netty
 * counterparts, and side-by-side load runs. Run them with {@code bin/bench}; results are in RESULTS.md.
 */
package org.twisted4j.bench;
