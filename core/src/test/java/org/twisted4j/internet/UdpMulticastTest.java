package org.twisted4j.internet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.twisted4j.internet.TcpSupport.ascii;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.twisted4j.internet.UdpPortTest.Datagrams;

/** Multicast on a UDP port: its options, group memberships, and a datagram sent to a group, on every backend. */
class UdpMulticastTest {
    private static final String GROUP = "228.0.0.5";

    private RunningReactor<ReactorBackend> running;

    @BeforeEach
    void startReactor() {
        running = RunningReactor.backend();
    }

    @AfterEach
    void stopReactor() throws InterruptedException {
        running.close();
    }

    private MulticastTransport listen(DatagramProtocol protocol, int port) throws Exception {
        return (MulticastTransport) running.<ListeningPort>call(() -> running.reactor.listenMulticast(port, protocol,
                "", ReactorUDP.DEFAULT_MAX_PACKET_SIZE, true));
    }

    @Test
    void ttlAndLoopbackModeAreReadBackAsSet() throws Exception {
        MulticastTransport port = listen(new Datagrams(), 0);
        running.run(() -> {
            assertThat(port.getTTL()).isEqualTo(1);
            assertThat(port.getLoopbackMode()).isTrue();
            port.setTTL(5);
            port.setLoopbackMode(false);
            assertThat(port.getTTL()).isEqualTo(5);
            assertThat(port.getLoopbackMode()).isFalse();
        });
        assertThatThrownBy(() -> running.run(() -> port.setTTL(256))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void outgoingInterfaceIsNamedByItsAddress() throws Exception {
        MulticastTransport port = listen(new Datagrams(), 0);
        assertThat(running.<String>call(port::getOutgoingInterface)).isEqualTo("0.0.0.0");
        running.call(() -> port.setOutgoingInterface("127.0.0.1"));
        assertThat(running.<String>call(port::getOutgoingInterface)).isEqualTo("127.0.0.1");
        assertThatThrownBy(() -> running.call(() -> port.setOutgoingInterface("192.0.2.1")))
                .hasMessageContaining("192.0.2.1");
    }

    @Test
    void groupIsJoinedAndLeftOnceEach() throws Exception {
        MulticastTransport port = listen(new Datagrams(), 0);
        running.call(() -> port.joinGroup(GROUP, "127.0.0.1"));
        assertThatThrownBy(() -> running.call(() -> port.joinGroup(GROUP, "127.0.0.1")))
                .isInstanceOf(MulticastJoinError.class).hasMessageContaining("already a member");
        running.call(() -> port.leaveGroup(GROUP, "127.0.0.1"));
        assertThatThrownBy(() -> running.call(() -> port.leaveGroup(GROUP, "127.0.0.1")))
                .isInstanceOf(MulticastJoinError.class).hasMessageContaining("not a member");
    }

    @Test
    void joiningAnAddressThatIsNoGroupFails() throws Exception {
        MulticastTransport port = listen(new Datagrams(), 0);
        assertThatThrownBy(() -> running.call(() -> port.joinGroup("127.0.0.1", "127.0.0.1")))
                .isInstanceOf(MulticastJoinError.class);
        assertThatThrownBy(() -> running.call(() -> port.joinGroup(GROUP, "192.0.2.1")))
                .isInstanceOf(MulticastJoinError.class);
    }

    @Test
    void groupDatagramReachesEveryMemberSharingThePortOnThisHost() throws Exception {
        Datagrams first = new Datagrams();
        MulticastTransport firstPort = listen(first, 0);
        int number = ((IPv4Address) firstPort.getHost()).port();
        Datagrams second = new Datagrams();
        MulticastTransport secondPort = listen(second, number);
        running.call(() -> firstPort.joinGroup(GROUP, "127.0.0.1"));
        running.call(() -> secondPort.joinGroup(GROUP, "127.0.0.1"));

        MulticastTransport sender = listen(new Datagrams(), 0);
        running.call(() -> sender.setOutgoingInterface("127.0.0.1"));
        running.run(() -> {
            sender.setTTL(0);
            sender.write(ByteBuffer.wrap(ascii("to the group")), new IPv4Address(AddressType.UDP, GROUP, number));
        });
        assertThat(first.next()).startsWith("to the group from");
        assertThat(second.next()).startsWith("to the group from");
    }
}
