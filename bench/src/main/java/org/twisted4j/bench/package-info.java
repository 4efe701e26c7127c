/**
 * Benchmarks: JMH micro-benchmarks of twisted4j's building blocks against their closest JDK or Netty
 * counterparts (run them with {@code bin/bench}), and side-by-side load runs: {@link
 * org.twisted4j.bench.EchoLoad} against twisted4j's and Netty's ({@link org.twisted4j.bench.NettyEchoServer})
 * TCP echo servers, driven by {@code bench/echo-vs-netty.sh}, and {@link org.twisted4j.bench.AgentLoad}, twisted4j's
 * HTTP client against the JDK's, driven by {@code bench/client-vs-jdk.sh}. How to run them, and the results, are
 * in RESULTS.md.
 */
package org.twisted4j.bench;
