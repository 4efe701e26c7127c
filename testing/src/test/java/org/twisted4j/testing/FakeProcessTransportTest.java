package org.twisted4j.testing;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.twisted4j.internet.PushProducer;

class FakeProcessTransportTest {

    /** A push producer that remembers being stopped. */
    private static final class Pusher implements PushProducer {
        boolean stopped;

        @Override
        public void pauseProducing() {
        }

        @Override
        public void resumeProducing() {
        }

        @Override
        public void stopProducing() {
            stopped = true;
        }
    }

    private final FakeProcessTransport child = new FakeProcessTransport(7);

    @Test
    void writesAreRecordedAsStdinWithoutConsumingTheBuffer() {
        ByteBuffer data = ByteBuffer.wrap("abc".getBytes(US_ASCII));
        child.write(data);
        child.writeToChild(0, ByteBuffer.wrap("de".getBytes(US_ASCII)));
        assertThat(data.remaining()).isEqualTo(3);
        assertThat(child.stdinAsString(US_ASCII)).isEqualTo("abcde");
        assertThat(child.stdin()).hasSize(5);
        assertThat(child.pid()).isEqualTo(7);
    }

    @Test
    void onlyDescriptorZeroCanBeWritten() {
        assertThatThrownBy(() -> child.writeToChild(1, ByteBuffer.allocate(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void producersAreStrictAndRecorded() {
        Pusher pusher = new Pusher();
        assertThatThrownBy(child::unregisterProducer).isInstanceOf(IllegalStateException.class);
        child.registerProducer(pusher, true);
        assertThat(child.producer()).isSameAs(pusher);
        assertThat(child.isStreaming()).isTrue();
        assertThatThrownBy(() -> child.registerProducer(new Pusher(), true)).isInstanceOf(IllegalStateException.class);
        child.unregisterProducer();
        assertThat(child.producer()).isNull();
        assertThat(pusher.stopped).isFalse();
    }

    @Test
    void losingStdinForgetsAndStopsTheProducer() {
        Pusher pusher = new Pusher();
        child.registerProducer(pusher, true);
        child.loseStdin();
        assertThat(child.producer()).isNull();
        assertThat(pusher.stopped).isTrue();
        assertThat(child.isStdinClosed()).isFalse();
    }

    @Test
    void closingSignallingAndLosingAreRecordedInOrder() {
        child.closeChildFD(0);
        child.closeChildFD(2);
        child.closeStdout();
        child.signalProcess("TERM");
        child.loseConnection();
        assertThat(child.isStdinClosed()).isTrue();
        assertThat(child.isLost()).isTrue();
        assertThat(child.signals()).containsExactly("TERM");
        assertThat(child.events()).containsExactly("closeStdin", "closeStderr", "closeStdout", "signalProcess TERM",
                "loseConnection");
        assertThatThrownBy(() -> child.closeChildFD(3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pausingTheOutputIsRecorded() {
        child.pauseProducing();
        assertThat(child.isPaused()).isTrue();
        child.resumeProducing();
        assertThat(child.isPaused()).isFalse();
        child.stopProducing();
        assertThat(child.isLost()).isTrue();
    }
}
