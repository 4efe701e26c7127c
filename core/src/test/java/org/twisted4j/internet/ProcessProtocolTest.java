package org.twisted4j.internet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProcessProtocolTest {

    @Test
    void childDataReceivedGoesToOutReceivedForOneAndErrReceivedForTwo() {
        RecordingProcessProtocol protocol = new RecordingProcessProtocol();
        protocol.childDataReceived(1, ByteBuffer.wrap("to out".getBytes(StandardCharsets.UTF_8)));
        protocol.childDataReceived(2, ByteBuffer.wrap("to err".getBytes(StandardCharsets.UTF_8)));
        protocol.childDataReceived(5, ByteBuffer.wrap("nowhere".getBytes(StandardCharsets.UTF_8)));
        assertThat(protocol.outText()).isEqualTo("to out");
        assertThat(protocol.errText()).isEqualTo("to err");
        assertThat(protocol.events).containsExactly("out", "err");
    }

    @Test
    void childConnectionLostGoesToTheMethodOfEachDescriptor() {
        RecordingProcessProtocol protocol = new RecordingProcessProtocol();
        protocol.childConnectionLost(2);
        protocol.childConnectionLost(0);
        protocol.childConnectionLost(7);
        protocol.childConnectionLost(1);
        assertThat(protocol.events).containsExactly("errLost", "inLost", "outLost");
    }

    @Test
    void transportBeforeMakeConnectionIsRefused() {
        assertThatThrownBy(() -> new RecordingProcessProtocol().transport())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not connected");
    }

    @Test
    void processTerminatedHasEitherAnExitCodeOrASignal() {
        ProcessTerminated exited = ProcessTerminated.exited(3);
        assertThat(exited.exitCode()).hasValue(3);
        assertThat(exited.signal()).isEmpty();
        assertThat(exited.exitValue()).isEqualTo(3);
        ProcessTerminated killed = ProcessTerminated.killed(9);
        assertThat(killed.exitCode()).isEmpty();
        assertThat(killed.signal()).hasValue(9);
        assertThat(killed.exitValue()).isEqualTo(137);
        assertThat(killed).hasMessageContaining("signal 9").isInstanceOf(ConnectionLost.class);
        assertThatThrownBy(() -> ProcessTerminated.exited(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProcessTerminated.killed(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new ProcessDone().exitCode()).isZero();
    }
}
