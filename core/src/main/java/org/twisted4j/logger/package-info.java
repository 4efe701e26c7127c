/**
 * Structured logging in Twisted's style ({@code twisted.logger}): events with a format string and named
 * fields, published to observers that filter, format and write them.
 *
 * <h2>The parts</h2>
 * <ul>
 *   <li>{@link org.twisted4j.logger.Logger} makes {@link org.twisted4j.logger.LogEvent}s:
 *       {@code log.info("{peer} connected", "peer", address)};
 *   <li>{@link org.twisted4j.logger.LogPublisher} hands each event to its
 *       {@link org.twisted4j.logger.LogObserver}s; {@link org.twisted4j.logger.LogPublisher#global()} is the
 *       one loggers use by default;
 *   <li>{@link org.twisted4j.logger.LogBeginner} buffers events until the program says where they go;
 *   <li>observers that write: {@link org.twisted4j.logger.TextFileLogObserver},
 *       {@link org.twisted4j.logger.JsonLinesLogObserver}, {@link org.twisted4j.logger.Slf4jLogObserver};
 *       that filter: {@link org.twisted4j.logger.FilteringLogObserver} with
 *       {@link org.twisted4j.logger.LogLevelFilterPredicate}; that remember:
 *       {@link org.twisted4j.logger.LimitedHistoryLogObserver};
 *   <li>{@link org.twisted4j.logger.LogFormat} turns events into text and JSON.
 * </ul>
 *
 * <pre>{@code
 * LogLevelFilterPredicate levels = new LogLevelFilterPredicate(LogLevel.INFO);
 * LogBeginner.global().beginLoggingTo(
 *         new FilteringLogObserver(new TextFileLogObserver(System.out), levels));
 * Logger log = Logger.forClass(Main.class);
 * log.info("Listening on {port}", "port", 8080);
 * // 2026-11-23T14:22:54+0000 [org.example.Main#info] Listening on 8080
 * }</pre>
 *
 * <p>Logging never throws because of what was logged: bad arguments and unformattable values are
 * reported in the event's text, and an observer that throws is reported to the other observers.
 */
@NullMarked
package org.twisted4j.logger;

import org.jspecify.annotations.NullMarked;
