package org.twisted4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ConnectionDone;
import org.twisted4j.testing.IOPump;
import org.twisted4j.testing.StringTransport;
import org.twisted4j.trial.Trial;
import org.twisted4j.trial.TrialExtension;

@ExtendWith(TrialExtension.class)
class EchoClientTest {

    @Test
    void sendsItsMessageAsOneLineOnConnecting() {
        StringTransport transport = new StringTransport();
        new EchoClient.SendOneLine("hello, world").makeConnection(transport);

        assertThat(transport.valueAsString()).isEqualTo("hello, world\r\n");
    }

    @Test
    void firesWithTheEchoedLineAndCloses(Trial trial) {
        EchoClient.SendOneLine client = new EchoClient.SendOneLine("ping");
        IOPump pump = IOPump.connectedLoopback(EchoServer.factory().buildProtocol(IOPump.DEFAULT_CLIENT_ADDRESS), client);
        pump.flush();

        assertThat(trial.successResultOf(client.echoed())).isEqualTo("ping");
        assertThat(client.transport().isDisconnecting()).isTrue();
    }

    @Test
    void connectionClosedBeforeAnyLineFailsTheEcho(Trial trial) {
        EchoClient.SendOneLine client = new EchoClient.SendOneLine("ping");
        client.makeConnection(new StringTransport());
        client.connectionLost(new Failure(new ConnectionDone("closed by the server")));

        trial.failureResultOf(client.echoed(), ConnectionDone.class);
    }

}
