package org.twisted4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.twisted4j.examples.AmpServer;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.protocols.amp.AMP;

class AmpLoadTest {

    @Test
    void pipelinedSumsAreAnsweredAndChecked() throws Exception {
        NioReactor reactor = new NioReactor();
        Thread loop = Thread.ofPlatform().start(() -> reactor.run(false));
        try {
            ListeningPort port = reactor.blockingCallFromThread(() -> reactor.listenTCP(0, Factory.forProtocol(
                    () -> new AMP().respond(AmpServer.SUM, terms -> new AmpServer.Total(terms.a() + terms.b()))),
                    50, "127.0.0.1"));
            ScenarioResult result = AmpLoad.run(LoadOptions.parse(new String[] {"--port",
                    String.valueOf(((IPv4Address) port.getHost()).port()), "--connections", "3", "--window", "4",
                    "--warmup", "0", "--duration", "0.3"})).result();

            assertThat(result).isNotNull();
            assertThat(result.verified()).as(result.toString()).isTrue();
            assertThat(result.toString()).startsWith("amp-load scenario=c3 ").contains("unit=calls/s", "window=4");
        } finally {
            reactor.callFromThread(reactor::stop);
            loop.join(10_000);
        }
    }

    @Test
    void wrongAnswersAreNotVerified() throws Exception {
        NioReactor reactor = new NioReactor();
        Thread loop = Thread.ofPlatform().start(() -> reactor.run(false));
        try {
            ListeningPort port = reactor.blockingCallFromThread(() -> reactor.listenTCP(0, Factory.forProtocol(
                    () -> new AMP().respond(AmpServer.SUM, terms -> new AmpServer.Total(terms.a() - terms.b()))),
                    50, "127.0.0.1"));
            ScenarioResult result = AmpLoad.run(LoadOptions.parse(new String[] {"--port",
                    String.valueOf(((IPv4Address) port.getHost()).port()), "--connections", "1", "--window", "2",
                    "--warmup", "0", "--duration", "0.2"})).result();

            assertThat(result).isNotNull();
            assertThat(result.verified()).isFalse();
        } finally {
            reactor.callFromThread(reactor::stop);
            loop.join(10_000);
        }
    }
}
