package org.twisted4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.spread.pb.PBServerFactory;
import org.twisted4j.spread.pb.Remote;
import org.twisted4j.spread.pb.Root;

/** The PB load: a short real run against a PB server checks that it counts and checks the answers. */
class PBCallLoadTest {

    /** A root whose add is right, or off by one. */
    public static final class Adder implements Root {
        private final long error;

        Adder(long error) {
            this.error = error;
        }

        /**
         * Adds, perhaps wrongly.
         *
         * @param a a number
         * @param b another
         * @return the sum, plus the error
         */
        @Remote
        public long add(long a, long b) {
            return a + b + error;
        }
    }

    private static ScenarioResult runAgainst(Adder adder, int connections, int window) throws Exception {
        NioReactor reactor = new NioReactor();
        Thread loop = Thread.ofPlatform().start(() -> reactor.run(false));
        try {
            ListeningPort port = reactor.blockingCallFromThread(() -> reactor.listenTCP(0,
                    new PBServerFactory(adder), 50, "127.0.0.1"));
            ScenarioResult result = PBCallLoad.run(LoadOptions.parse(new String[] {"--port",
                    String.valueOf(((IPv4Address) port.getHost()).port()), "--connections",
                    String.valueOf(connections), "--window", String.valueOf(window), "--warmup", "0",
                    "--duration", "0.3"})).result();
            assertThat(result).isNotNull();
            return result;
        } finally {
            reactor.callFromThread(reactor::stop);
            loop.join(10_000);
        }
    }

    @Test
    void pipelinedAddsAreAnsweredAndChecked() throws Exception {
        ScenarioResult result = runAgainst(new Adder(0), 3, 4);

        assertThat(result.verified()).as(result.toString()).isTrue();
        assertThat(result.toString()).startsWith("pb-load scenario=c3 ").contains("unit=calls/s", "window=4");
    }

    @Test
    void wrongAnswersAreNotVerified() throws Exception {
        ScenarioResult result = runAgainst(new Adder(1), 1, 2);

        assertThat(result.verified()).isFalse();
    }
}
