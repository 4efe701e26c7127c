/**
 * Services: long-running parts of a program arranged in a tree and started and stopped together, as in
 * Twisted's {@code twisted.application.service} and {@code twisted.application.internet}.
 *
 * <p>A {@link org.twisted4j.application.Service} is anything with a start and a stop: a listening server
 * ({@link org.twisted4j.application.StreamServerEndpointService}), a client that keeps one connection up
 * ({@link org.twisted4j.application.ClientService}), a periodic job
 * ({@link org.twisted4j.application.TimerService}). A {@link org.twisted4j.application.MultiService} holds
 * children, starts them in order and stops them in reverse order, waiting for each to finish; an
 * {@link org.twisted4j.application.Application} is the named root of such a tree, and
 * {@link org.twisted4j.application.Services#startApplication} ties it to a reactor's startup and shutdown.
 *
 * <pre>{@code
 * NioReactor reactor = new NioReactor();
 * Application app = new Application("echo");
 * new StreamServerEndpointService(Endpoints.serverFromString(reactor, "tcp:7000"), Factory.forProtocol(Echo::new))
 *     .setServiceParent(app);
 * Services.startApplication(reactor, app);
 * reactor.run();       // on stop, the reactor waits for app.stopService()
 * }</pre>
 *
 * <p>Everything here belongs to the reactor thread.
 */
@NullMarked
package org.twisted4j.application;

import org.jspecify.annotations.NullMarked;
