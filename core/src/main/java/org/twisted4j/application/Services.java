package org.twisted4j.application;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.ReactorCore;
import org.twisted4j.internet.ReactorCore.Phase;

/**
 * Runs a service tree on a reactor, as Twisted's {@code startApplication} and the {@code twist} runner do.
 *
 * <h2>Threading</h2>
 * Reactor thread only (or before the reactor runs, from the thread that will run it).
 */
public final class Services {

    private Services() {
    }

    /**
     * Starts {@code service} once {@code reactor} is running and stops it when the reactor shuts down:
     * <ul>
     *   <li>When the reactor is running (at once if it is already), {@code privilegedStartService} and then
     *       {@code startService} are called.</li>
     *   <li>A {@link Phase#BEFORE} trigger of {@link ReactorCore#SHUTDOWN} calls {@code stopService}; the
     *       reactor does not finish shutting down until the Deferred it returns has fired, so connections
     *       and ports close before the program ends.</li>
     *   <li>If starting throws (a {@link StreamServerEndpointService} set to
     *       {@linkplain StreamServerEndpointService#setRaiseSynchronously raise synchronously} that cannot
     *       listen, for instance), the returned Deferred fails with that exception and the reactor is asked
     *       to stop, which stops whatever part of the tree did start.</li>
     * </ul>
     *
     * <pre>{@code
     * Services.startApplication(reactor, app).addErrback(failure -> {
     *     log.failure("could not start", failure);
     *     exitStatus = 1;
     *     return null;
     * });
     * reactor.run();
     * }</pre>
     *
     * @param reactor the reactor whose startup and shutdown drive the service
     * @param service the root of the tree, typically an {@link Application}
     * @return fires with null once the service has started, or fails with why it could not
     */
    public static Deferred<@Nullable Void> startApplication(ReactorCore reactor, Service service) {
        return startApplication(reactor, service, () -> { });
    }

    /**
     * Starts {@code service} as {@link #startApplication(ReactorCore, Service)} does, running
     * {@code afterPrivilegedStart} between {@code privilegedStartService} and {@code startService}: where
     * {@code twistd --uid/--gid} gives up root once the ports below 1024 are bound, before any other part of
     * the service starts. If it throws, starting fails as if the service had thrown.
     *
     * @param reactor the reactor whose startup and shutdown drive the service
     * @param service the root of the tree
     * @param afterPrivilegedStart what to run once the privileged start is done
     * @return fires with null once the service has started, or fails with why it could not
     */
    public static Deferred<@Nullable Void> startApplication(ReactorCore reactor, Service service,
            Runnable afterPrivilegedStart) {
        Objects.requireNonNull(afterPrivilegedStart, "afterPrivilegedStart");
        Objects.requireNonNull(reactor, "reactor");
        Objects.requireNonNull(service, "service");
        Deferred<@Nullable Void> started = new Deferred<>();
        reactor.addSystemEventTrigger(Phase.BEFORE, ReactorCore.SHUTDOWN, service::stopService);
        reactor.callWhenRunning(() -> {
            try {
                service.privilegedStartService();
                afterPrivilegedStart.run();
                service.startService();
            } catch (RuntimeException e) {
                started.errback(e);
                if (reactor.isRunning()) {
                    reactor.stop();
                }
                return;
            }
            started.callback(null);
        });
        return started;
    }
}
