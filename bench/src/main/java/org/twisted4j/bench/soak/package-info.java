/**
 * The soak run of {@code twist web} ({@code bench/soak.sh}): {@link org.twisted4j.bench.soak.SoakWebPlugin}, the
 * {@code soak-web} plugin (twist web with a request body limit that admits the run's large uploads), {@link
 * org.twisted4j.bench.soak.SoakRoot}, the root it serves through {@code --class} (the files of the working
 * directory and a WebSocket echo), {@link org.twisted4j.bench.soak.SoakLoad}, the loopback clients of each phase
 * (plain-socket HTTP/1.1 and WebSocket clients that check every answer, on virtual threads, each loop bounded in
 * time and count), and {@link org.twisted4j.bench.soak.SoakChart}, which draws the samples the script took of the
 * server.
 */
package org.twisted4j.bench.soak;
