package org.twisted4j.trial;

import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.DelayedCall;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.ReactorNotRunning;
import org.twisted4j.internet.task.Clock;
import org.twisted4j.logger.LogEvent;
import org.twisted4j.logger.LogFormat;
import org.twisted4j.logger.LogPublisher;

/**
 * A JUnit 5 extension in the spirit of Twisted's trial: each test gets a fresh {@link NioReactor} running on
 * a thread of its own, and the test method, with its {@code @BeforeEach} and {@code @AfterEach} methods,
 * runs as a {@link Coroutine} driven by that reactor's thread. So a test waits for a Deferred in
 * straight-line code with {@link Coroutine#await}, as a trial test returns one, and touches the reactor
 * without locks.
 *
 * <h2>Using it</h2>
 * <pre>{@code
 * @ExtendWith(TrialExtension.class)
 * class EchoTest {
 *     @Test
 *     void echoes(Trial trial) throws Exception {
 *         NioReactor reactor = trial.reactor();
 *         ...
 *         assertThat(Coroutine.await(client.send("hello"))).isEqualTo("hello");
 *     }
 * }
 * }</pre>
 * Parameters of type {@link Trial}, {@link NioReactor} and {@link Clock} are supplied.
 *
 * <h2>What fails a test, besides its own assertions</h2>
 * <ul>
 *   <li>Taking longer than {@value #DEFAULT_TIMEOUT_SECONDS} seconds, trial's default, or the limit set with
 *       {@link TrialTimeout}: the Deferred the test awaits is cancelled, and the test fails with a
 *       {@link org.twisted4j.defer.TimeoutError}.
 *   <li>Leaving delayed calls pending on the reactor or on the {@link Trial#clock() Clock}, which trial
 *       reports as a dirty reactor; they are cancelled.
 *   <li>Errors logged while it ran (failures at level error or critical, such as an exception from a
 *       protocol callback, or an unhandled error in a Deferred collected meanwhile), unless the test removed
 *       them with {@link Trial#flushLoggedErrors}.
 * </ul>
 *
 * <h2>Pitfalls</h2>
 * Unhandled errors in Deferreds are reported when the garbage collector finds them, which may be after the
 * test that made them has finished; this extension does not force a collection. Ports and connections the
 * test leaves open are closed when its reactor stops but are not reported yet.
 */
public final class TrialExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver,
        InvocationInterceptor {

    /** How long a test, or one of its set-up or tear-down methods, may take: trial's default. */
    public static final long DEFAULT_TIMEOUT_SECONDS = 120;

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TrialExtension.class);

    /** Creates the extension; JUnit does, for {@code @ExtendWith(TrialExtension.class)}. */
    public TrialExtension() {
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        NioReactor reactor = new NioReactor();
        CompletableFuture<@Nullable Void> started = new CompletableFuture<>();
        reactor.callWhenRunning(() -> started.complete(null));
        Thread thread = Thread.ofPlatform().name("trial-reactor").start(reactor::run);
        started.orTimeout(DEFAULT_TIMEOUT_SECONDS, TimeUnit.SECONDS).join();
        Trial trial = new Trial(reactor);
        LogPublisher.global().addObserver(trial.errorObserver());
        context.getStore(NAMESPACE).put(Trial.class, trial);
        context.getStore(NAMESPACE).put(Thread.class, thread);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        Trial trial = trial(context);
        NioReactor reactor = trial.reactor();
        try {
            List<String> pending = reactor.blockingCallFromThread(() -> cancelAll(reactor.getDelayedCalls()));
            List<String> pendingOnClock = cancelAll(trial.clock().getDelayedCalls());
            LogPublisher.global().removeObserver(trial.errorObserver());
            List<LogEvent> errors = trial.unflushedErrors();
            StringBuilder problems = new StringBuilder();
            if (!pending.isEmpty()) {
                problems.append("The reactor was left with pending delayed calls: ").append(pending).append('\n');
            }
            if (!pendingOnClock.isEmpty()) {
                problems.append("The Clock was left with pending delayed calls: ").append(pendingOnClock).append('\n');
            }
            if (!errors.isEmpty()) {
                problems.append("Errors were logged during the test (remove expected ones with flushLoggedErrors):\n")
                        .append(errors.stream().map(TrialExtension::describe).collect(Collectors.joining("\n")));
            }
            if (!problems.isEmpty()) {
                throw new AssertionError(problems.toString().strip());
            }
        } finally {
            stop(reactor, context.getStore(NAMESPACE).get(Thread.class, Thread.class));
        }
    }

    /** Cancels {@code calls} and returns how each looked before. */
    private static List<String> cancelAll(List<DelayedCall> calls) {
        List<String> described = calls.stream().map(String::valueOf).toList();
        calls.forEach(DelayedCall::cancel);
        return described;
    }

    private static String describe(LogEvent event) {
        Failure failure = event.failure();
        return LogFormat.formatEvent(event) + (failure == null ? "" : "\n" + failure.getTraceback());
    }

    private static void stop(NioReactor reactor, Thread thread) throws InterruptedException {
        try {
            reactor.stop();
        } catch (ReactorNotRunning alreadyStopped) {
            // the test stopped it itself
        }
        thread.join(TimeUnit.SECONDS.toMillis(DEFAULT_TIMEOUT_SECONDS));
        if (thread.isAlive()) {
            throw new AssertionError("The test's reactor did not stop within " + DEFAULT_TIMEOUT_SECONDS + " seconds");
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Trial.class || type == NioReactor.class || type == Clock.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Trial trial = trial(context);
        Class<?> type = parameter.getParameter().getType();
        return type == NioReactor.class ? trial.reactor() : type == Clock.class ? trial.clock() : trial;
    }

    @Override
    public void interceptTestMethod(Invocation<@Nullable Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) throws Throwable {
        runAsCoroutine(invocation, context);
    }

    @Override
    public void interceptBeforeEachMethod(Invocation<@Nullable Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) throws Throwable {
        runAsCoroutine(invocation, context);
    }

    @Override
    public void interceptAfterEachMethod(Invocation<@Nullable Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) throws Throwable {
        runAsCoroutine(invocation, context);
    }

    /** Runs a test's method as a coroutine on its reactor's thread and waits for it, with a timeout. */
    private static void runAsCoroutine(Invocation<@Nullable Void> invocation, ExtensionContext context)
            throws Exception {
        NioReactor reactor = trial(context).reactor();
        double timeout = timeoutSeconds(context);
        reactor.blockingCallFromThread(() -> Coroutine.start(() -> {
            try {
                invocation.proceed();
            } catch (Throwable e) {
                throw new Failure(e).raise();
            }
            return null;
        }).addTimeout(timeout, reactor));
    }

    private static double timeoutSeconds(ExtensionContext context) {
        TrialTimeout onMethod = context.getTestMethod().map(m -> m.getAnnotation(TrialTimeout.class)).orElse(null);
        if (onMethod != null) {
            return onMethod.value();
        }
        TrialTimeout onClass = context.getTestClass().map(c -> c.getAnnotation(TrialTimeout.class)).orElse(null);
        return onClass != null ? onClass.value() : DEFAULT_TIMEOUT_SECONDS;
    }

    private static Trial trial(ExtensionContext context) {
        return context.getStore(NAMESPACE).get(Trial.class, Trial.class);
    }
}
