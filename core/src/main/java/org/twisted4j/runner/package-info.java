/**
 * Running other programs, as Twisted's {@code twisted.runner}: a {@link org.twisted4j.runner.ProcessMonitor}
 * that keeps child processes running and restarts them with a back-off when they die, and an inetd
 * ({@link org.twisted4j.runner.InetdService}) that reads an {@code inetd.conf} file and, for each connection
 * to a configured port, runs a program with the connection as its input and output, or answers with one of
 * the small internal services (echo, discard, daytime, time, chargen).
 *
 * <pre>{@code
 * ProcessMonitor monitor = new ProcessMonitor(reactor);
 * monitor.addProcess("worker", List.of("/usr/bin/worker", "--queue", "jobs"), null, null);
 * monitor.setServiceParent(application);          // started and stopped with the application
 * }</pre>
 *
 * <p>Everything here belongs to the reactor thread.
 */
@NullMarked
package org.twisted4j.runner;

import org.jspecify.annotations.NullMarked;
