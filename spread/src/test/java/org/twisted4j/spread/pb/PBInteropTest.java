package org.twisted4j.spread.pb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twisted4j.cred.InMemoryUsernamePasswordDatabaseDontUse;
import org.twisted4j.cred.LoginResult;
import org.twisted4j.cred.Portal;
import org.twisted4j.cred.UsernamePassword;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.peers.ExternalServer;
import org.twisted4j.peers.Peer;
import org.twisted4j.spread.jelly.Tuple;
import org.twisted4j.spread.pb.PbFixtures.Counter;
import org.twisted4j.spread.pb.PbFixtures.PondCopy;
import org.twisted4j.spread.pb.PbFixtures.ScoreView;
import org.twisted4j.trial.Trial;
import org.twisted4j.trial.TrialExtension;

/**
 * Perspective Broker against Python Twisted 22.4 over loopback TCP, both ways: Twisted's PB client
 * ({@code pb_client.py}) against our server, and our client against Twisted's PB server ({@code pb_server.py}):
 * calls with the Jelly types, remote errors, references passed back and called back, copies, caches with
 * updates and decache, login with right and wrong passwords, and disconnect notification.
 */
@ExtendWith(TrialExtension.class)
class PBInteropTest {
    private static final Pattern LISTENING = Pattern.compile("listening on (\\d+)");

    private static List<String> command(String script, String... arguments) throws URISyntaxException {
        Path python = Peer.PYTHON_TWISTED.require();
        Path file = Path.of(Objects.requireNonNull(PBInteropTest.class.getResource(script), script).toURI());
        List<String> command = new ArrayList<>(List.of(python.toString(), file.toString()));
        command.addAll(List.of(arguments));
        return command;
    }

    private static List<String> runClient(NioReactor reactor, String... arguments) throws Exception {
        List<String> command = command("pb_client.py", arguments);
        return Coroutine.await(reactor.deferToThread(() -> {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            return output.lines().toList();
        }));
    }

    /** The Java copyable the Python side registered as {@code org.twisted4j.interop.Pond}. */
    record JavaPond(long frogs, long toads) implements Copyable {
        @Override
        public String typeToCopyFor(@Nullable Object perspective) {
            return "org.twisted4j.interop.Pond";
        }

        @Override
        public Map<String, ?> stateToCopyFor(@Nullable Object perspective) {
            return Map.of("frogs", frogs, "toads", toads);
        }
    }

    /** The Java root the Python client talks to: the same methods as pb_server.py's. */
    static final class JavaRoot implements Referenceable {
        private final Broker broker;
        private final NioReactor reactor;
        private final Counter shared;
        private final PbFixtures.Scoreboard scoreboard;

        JavaRoot(Broker broker, NioReactor reactor, Counter shared, PbFixtures.Scoreboard scoreboard) {
            this.broker = broker;
            this.reactor = reactor;
            this.shared = shared;
            this.scoreboard = scoreboard;
        }

        @Remote
        public long add(long a, long b) {
            return a + b;
        }

        @Remote
        public @Nullable Object echo(@Nullable Object value) {
            return value;
        }

        @Remote
        public Object boom() {
            throw new IllegalStateException("java says no");
        }

        @Remote
        public Deferred<@Nullable Object> callBack(RemoteReference ref, Object value) {
            return ref.callRemote("take", value);
        }

        @Remote
        public Counter shared() {
            return shared;
        }

        @Remote
        public boolean same(Object value) {
            return value == shared;
        }

        @Remote
        public JavaPond pond() {
            return new JavaPond(3, 4);
        }

        @Remote
        public long pondTotal(PondCopy pond) {
            return (Long) pond.state.get("frogs") + (Long) pond.state.get("toads");
        }

        @Remote
        public PbFixtures.Scoreboard scoreboard() {
            return scoreboard;
        }

        @Remote
        public long bump(long points) {
            scoreboard.add(points);
            return scoreboard.score;
        }

        @Remote
        public int observers() {
            return scoreboard.observers.size();
        }

        @Remote
        public String closeSoon() {
            reactor.callLater(0.01, () -> broker.transport().loseConnection());
            return "closing";
        }
    }

    /** The Java scoreboard goes under the name the Python client registered. */
    static final class JavaScoreboard extends PbFixtures.Scoreboard {
        @Override
        public String typeToCopyFor(@Nullable Object perspective) {
            return "org.twisted4j.interop.Scoreboard";
        }
    }

    /** Waits for {@code call} to fail and returns its error. */
    private static Throwable failure(Deferred<?> call) throws Exception {
        Deferred<Throwable> error = call.addCallbacks(
                value -> {
                    throw new AssertionError("expected a failure, got " + value);
                }, Failure::value);
        return Coroutine.await(error);
    }

    @Test
    void pythonClientCallsOurServer(Trial trial) throws Exception {
        NioReactor reactor = trial.reactor();
        Counter shared = new Counter();
        JavaScoreboard scoreboard = new JavaScoreboard();
        PBServerFactory factory = new PBServerFactory(broker -> new JavaRoot(broker, reactor, shared, scoreboard))
                .setUnjellyableForClass("__main__.Pond", PondCopy::new);
        ListeningPort port = reactor.listenTCP(0, factory, 50, "127.0.0.1");
        try {
            List<String> lines = runClient(reactor, "root", Integer.toString(((IPv4Address) port.getHost()).port()));
            assertThat(lines).as("what the Python client printed").containsExactly(
                    "add 42",
                    "echo same",
                    "boom java.lang.IllegalStateException java says no",
                    "nope twisted.spread.flavors.NoSuchMethod No such method: remote_nope",
                    "callBack ['python took', 'x']",
                    "increment 5",
                    "same True",
                    "pond JavaPond 3 4",
                    "pondTotal 11",
                    "cache ScoreView 10",
                    "cache updated 15",
                    "observers 0",
                    "closeSoon closing",
                    "disconnected");
            trial.flushLoggedErrors(IllegalStateException.class, NoSuchMethod.class);
        } finally {
            Coroutine.await(port.stopListening());
        }
    }

    @Test
    void pythonClientLogsInToOurServer(Trial trial) throws Exception {
        NioReactor reactor = trial.reactor();
        Portal portal = new Portal((avatarId, mind, interfaces) -> Deferred.succeed(new LoginResult(
                Perspective.class, new PBLoginTest.User(avatarId, new PBLoginTest.Room()), LoginResult.NO_LOGOUT)),
                new InMemoryUsernamePasswordDatabaseDontUse(Map.of("alice", "secret")));
        ListeningPort port = reactor.listenTCP(0, new PBServerFactory(portal), 50, "127.0.0.1");
        try {
            List<String> lines = runClient(reactor, "login", Integer.toString(((IPv4Address) port.getHost()).port()));
            assertThat(lines).as("what the Python client printed").hasSize(2);
            assertThat(lines.get(0)).isEqualTo("whoami alice");
            assertThat(lines.get(1)).startsWith("wrong twisted.cred.error.UnauthorizedLogin");
        } finally {
            Coroutine.await(port.stopListening());
        }
    }

    @Test
    void ourClientCallsPythonServer(Trial trial) throws Exception {
        NioReactor reactor = trial.reactor();
        ExternalServer server = ExternalServer.startAnnouncing(reactor, "Python PB server",
                command("pb_server.py", "root"), LISTENING);
        try {
            PBClientFactory factory = new PBClientFactory()
                    .setUnjellyableForClass("__main__.Pond", PondCopy::new)
                    .setUnjellyableForClass("__main__.Scoreboard", ScoreView::new);
            reactor.connectTCP("127.0.0.1", server.port(), factory);
            RemoteReference root = Coroutine.await(factory.getRootObject());
            assertThat(Coroutine.await(root.callRemote("add", 40, 2))).isEqualTo(42L);
            Map<String, Object> dict = new LinkedHashMap<>();
            dict.put("k", Tuple.of(1L, 2L));
            List<Object> value = new ArrayList<>(List.of(1L, "s", 1.5, true, dict, BigInteger.ONE.shiftLeft(70), -5L));
            value.add(null);
            assertThat(Coroutine.await(root.callRemote("echo", value))).usingRecursiveComparison().isEqualTo(value);
            assertThat((byte[]) Coroutine.await(root.callRemote("echo", (Object) new byte[] {0, 1, (byte) 255})))
                    .containsExactly(0, 1, 255);
            RemoteError error = (RemoteError) failure(root.callRemote("boom"));
            assertThat(error.remoteType()).isEqualTo("builtins.ValueError");
            assertThat(error.getMessage()).isEqualTo("python says no");
            assertThat(Coroutine.await(root.callRemote("callBack", new Counter(), "x")))
                    .isEqualTo(List.of("took", "x"));
            PondCopy pond = (PondCopy) Coroutine.await(root.callRemote("pond"));
            assertThat(pond.state).containsEntry("frogs", 3L).containsEntry("toads", 4L);
            assertThat(Coroutine.await(root.callRemote("pondTotal", new JavaPond(5, 6)))).isEqualTo(11L);
            ScoreView view = (ScoreView) Coroutine.await(root.callRemote("scoreboard"));
            assertThat(view.score).isEqualTo(10L);
            assertThat(Coroutine.await(root.callRemote("bump", 5))).isEqualTo(15L);
            assertThat(view.score).isEqualTo(15L);
            assertThat(Coroutine.await(root.callRemote("observers"))).isEqualTo(1L);
            view.release();
            assertThat(Coroutine.await(root.callRemote("observers"))).isEqualTo(0L);
            Deferred<RemoteReference> lost = new Deferred<>();
            root.notifyOnDisconnect(lost::callback);
            assertThat(Coroutine.await(root.callRemote("closeSoon"))).isEqualTo("closing");
            assertThat(Coroutine.await(lost)).isSameAs(root);
            assertThat(failure(root.callRemote("add", 1, 2))).isInstanceOf(DeadReferenceError.class);
        } finally {
            server.stop(reactor);
        }
    }

    @Test
    void ourClientLogsInToPythonServer(Trial trial) throws Exception {
        NioReactor reactor = trial.reactor();
        ExternalServer server = ExternalServer.startAnnouncing(reactor, "Python PB server",
                command("pb_server.py", "login"), LISTENING);
        try {
            PBClientFactory right = new PBClientFactory();
            reactor.connectTCP("127.0.0.1", server.port(), right);
            RemoteReference avatar = Coroutine.await(right.login(UsernamePassword.of("alice", "secret"), null));
            assertThat(Coroutine.await(avatar.callRemote("whoami"))).isEqualTo("alice");
            PBClientFactory wrong = new PBClientFactory();
            reactor.connectTCP("127.0.0.1", server.port(), wrong);
            Throwable failure = failure(wrong.login(UsernamePassword.of("alice", "wrong"), null));
            assertThat(failure).isInstanceOfSatisfying(RemoteError.class,
                    e -> assertThat(e.remoteType()).isEqualTo("twisted.cred.error.UnauthorizedLogin"));
            right.disconnect();
            wrong.disconnect();
        } finally {
            server.stop(reactor);
        }
    }
}
