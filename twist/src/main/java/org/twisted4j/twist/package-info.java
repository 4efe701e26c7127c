/**
 * The {@code twist} and {@code twistd} runners, Twisted's command-line entry points.
 *
 * <p>{@link org.twisted4j.twist.Twist} runs one plugin in the foreground:
 * <pre>
 * bin/twist portforward --port tcp:8080 --host example.org --dest_port 80
 * bin/twist --help                     # the plugins
 * bin/twist portforward --help         # a plugin's options and their defaults
 * </pre>
 * {@link org.twisted4j.twist.Twistd} is the classic daemon runner: it writes a pidfile, logs to a file and, unless
 * given {@code -n}, starts the service in a detached JVM and returns once it has started. With {@code -y CLASS}
 * it runs the application an {@link org.twisted4j.application.ApplicationFactory} builds.
 *
 * <p>Plugins are {@link org.twisted4j.application.ServiceMaker}s registered for {@link java.util.ServiceLoader}.
 * Each class here runs on the thread that calls its entry point, and that thread then runs the reactor.
 */
@NullMarked
package org.twisted4j.twist;

import org.jspecify.annotations.NullMarked;
