package org.twisted4j.conch.sftp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ConnectionDone;
import org.twisted4j.testing.StringTransport;

/** The SFTP client's requests and its handling of replies, on a StringTransport playing the server. */
class SftpClientTest {

    @TempDir
    Path dir;

    private final StringTransport transport = new StringTransport();
    private final SftpClient client = new SftpClient();
    private final List<SftpPacket> sent = new ArrayList<>();
    private final SftpFramer framer = new SftpFramer(SftpFramer.DEFAULT_MAX_PACKET, new SftpFramer.Sink() {
        @Override
        public void packet(byte[] payload) {
            try {
                sent.add(SftpCodec.decode(payload));
            } catch (SftpProtocolException e) {
                throw new AssertionError(e);
            }
        }

        @Override
        public void oversized(int type, long requestId, long length) {
            throw new AssertionError("oversized");
        }
    });

    private void connect() {
        client.makeConnection(transport);
        answer(new SftpPacket.Version(3, List.of()));
        drain();
    }

    private void drain() {
        framer.feed(ByteBuffer.wrap(transport.value()));
        transport.clear();
    }

    private void answer(SftpPacket packet) {
        client.dataReceived(ByteBuffer.wrap(SftpCodec.encode(packet)));
    }

    @Test
    void helloThenRequestsWithTheirAnswers() {
        List<Object> got = new ArrayList<>();
        client.ready().addCallback(got::add);
        connect();
        assertThat(sent).singleElement().isInstanceOf(SftpPacket.Init.class);
        assertThat(got).containsExactly(List.of());
        client.realpath(".").addCallback(got::add);
        client.stat("/missing").addCallbacks(got::add, failure -> got.add(failure.value()));
        drain();
        SftpPacket.PathRequest realpath = (SftpPacket.PathRequest) sent.get(1);
        SftpPacket.PathRequest stat = (SftpPacket.PathRequest) sent.get(2);
        assertThat(realpath.path()).isEqualTo(".");
        // Answered out of order.
        answer(new SftpPacket.Status(stat.id(), SftpConstants.FX_NO_SUCH_FILE, "No such file", ""));
        answer(new SftpPacket.Name(realpath.id(), List.of(new NameEntry("/home/alice", "", FileAttributes.EMPTY))));
        assertThat(got.get(1)).isInstanceOf(SftpException.class);
        assertThat(((SftpException) got.get(1)).code()).isEqualTo(SftpConstants.FX_NO_SUCH_FILE);
        assertThat(got.get(2)).isEqualTo("/home/alice");
        assertThat(client.pending()).isZero();
    }

    @Test
    void aDownloadKeepsManyReadsInFlight() throws Exception {
        connect();
        Path local = dir.resolve("copy");
        List<Object> done = new ArrayList<>();
        client.setChunk(4).setInFlight(3).get("/f", local).addCallbacks(done::add, failure -> done.add(failure));
        drain();
        SftpPacket.Open open = (SftpPacket.Open) sent.get(1);
        answer(new SftpPacket.Handle(open.id(), new byte[] {7}));
        drain();
        assertThat(sent.subList(2, sent.size())).hasSize(3).allMatch(p -> p instanceof SftpPacket.Read);
        byte[] content = "abcdefghij".getBytes(UTF_8);
        int answered = 2;
        while (answered < sent.size()) {
            SftpPacket packet = sent.get(answered++);
            if (packet instanceof SftpPacket.Read read) {
                int from = (int) Math.min(read.offset(), content.length);
                int to = Math.min(from + read.length(), content.length);
                answer(from == to ? new SftpPacket.Status(read.id(), SftpConstants.FX_EOF, "", "")
                        : new SftpPacket.Data(read.id(), java.util.Arrays.copyOfRange(content, from, to)));
            } else if (packet instanceof SftpPacket.HandleRequest close) {
                answer(new SftpPacket.Status(close.id(), SftpConstants.FX_OK, "", ""));
            }
            drain();
        }
        assertThat(done).containsExactly(10L);
        assertThat(Files.readAllBytes(local)).isEqualTo(content);
    }

    @Test
    void aDownloadRefusedMidwayFailsWithTheServersStatusAndClosesTheHandle() throws Exception {
        connect();
        Path local = dir.resolve("copy");
        List<Object> done = new ArrayList<>();
        client.setChunk(4).setInFlight(2).get("/f", local).addCallbacks(done::add, failure -> done.add(failure.value()));
        drain();
        answer(new SftpPacket.Handle(((SftpPacket.Open) sent.get(1)).id(), new byte[] {7}));
        drain();
        SftpPacket.Read first = (SftpPacket.Read) sent.get(2);
        SftpPacket.Read second = (SftpPacket.Read) sent.get(3);
        // The second read's DATA arrives first and is written in place; the first is refused.
        answer(new SftpPacket.Data(second.id(), "efgh".getBytes(UTF_8)));
        answer(new SftpPacket.Status(first.id(), SftpConstants.FX_FAILURE, "disk on fire", ""));
        drain();
        SftpPacket.HandleRequest close = (SftpPacket.HandleRequest) sent.get(sent.size() - 1);
        assertThat(close.type()).isEqualTo(SftpConstants.FXP_CLOSE);
        assertThat(done).isEmpty();
        answer(new SftpPacket.Status(close.id(), SftpConstants.FX_OK, "", ""));
        assertThat(done).singleElement().isInstanceOf(SftpException.class);
        assertThat(((SftpException) done.get(0)).code()).isEqualTo(SftpConstants.FX_FAILURE);
        assertThat(Files.readAllBytes(local)).containsExactly(0, 0, 0, 0, 'e', 'f', 'g', 'h');
    }

    @Test
    void aDataReplyLongerThanItsPacketEndsTheSession() {
        connect();
        List<Object> got = new ArrayList<>();
        client.readBuffer(new byte[] {7}, 0, 4).addCallbacks(got::add, failure -> got.add(failure.value()));
        drain();
        int id = ((SftpPacket.Read) sent.get(1)).id();
        // A DATA reply whose string claims 100 octets but carries 4.
        ByteBuffer bad = ByteBuffer.allocate(4 + 13).putInt(13).put((byte) SftpConstants.FXP_DATA).putInt(id)
                .putInt(100).put("abcd".getBytes(UTF_8)).flip();
        client.dataReceived(bad);
        assertThat(transport.isDisconnecting()).isTrue();
        client.connectionLost(new Failure(new ConnectionDone()));
        assertThat(got).singleElement().isInstanceOf(SftpException.class);
        assertThat(((SftpException) got.get(0)).getMessage()).contains("longer than its data");
    }

    @Test
    void aReplyToNoRequestEndsTheSessionAndFailsWhatWaits() {
        connect();
        List<Object> got = new ArrayList<>();
        client.remove("/x").addCallbacks(got::add, failure -> got.add(failure.value()));
        answer(new SftpPacket.Status(999, SftpConstants.FX_OK, "", ""));
        assertThat(transport.isDisconnecting()).isTrue();
        client.connectionLost(new Failure(new ConnectionDone()));
        assertThat(got).singleElement().isInstanceOf(SftpException.class);
        assertThat(((SftpException) got.get(0)).getMessage()).contains("a reply to no request");
    }
}
