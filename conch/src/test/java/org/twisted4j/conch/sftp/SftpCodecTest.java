package org.twisted4j.conch.sftp;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.twisted4j.conch.sftp.SftpConstants.*;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twisted4j.conch.sftp.SftpPacket.*;

class SftpCodecTest {

    private static final FileAttributes ALL = new FileAttributes(12L, 1000, 100, 0100644, 1, 2,
            List.of(new Extension("x@example.com", new byte[] {1, 2})));

    private static final List<SftpPacket> EVERY_TYPE = List.of(new Init(3, List.of(Extension.of("a@b", "1"))),
            new Version(3, List.of(Extension.of(POSIX_RENAME, "1"))),
            new Open(1, "/f", FXF_READ | FXF_WRITE, ALL), new Read(2, new byte[] {7}, 1L << 40, 32768),
            new Write(3, new byte[] {7}, 5, "data".getBytes(US_ASCII)), new PathRequest(FXP_LSTAT, 4, "l"),
            new PathRequest(FXP_STAT, 5, "s"), new PathRequest(FXP_OPENDIR, 6, "d"),
            new PathRequest(FXP_REMOVE, 7, "r"), new PathRequest(FXP_RMDIR, 8, "r"),
            new PathRequest(FXP_REALPATH, 9, "."), new PathRequest(FXP_READLINK, 10, "l"),
            new HandleRequest(FXP_CLOSE, 11, new byte[] {1}), new HandleRequest(FXP_FSTAT, 12, new byte[] {1}),
            new HandleRequest(FXP_READDIR, 13, new byte[] {1}), new PathAttrs(FXP_SETSTAT, 14, "p", ALL),
            new PathAttrs(FXP_MKDIR, 15, "p", FileAttributes.EMPTY), new HandleAttrs(16, new byte[] {1}, ALL),
            new TwoPaths(FXP_RENAME, 17, "a", "b"), new TwoPaths(FXP_SYMLINK, 18, "target", "link"),
            new Extended(19, LIMITS, new byte[0]), new Status(-1, FX_EOF, "End of file", "en"),
            new Handle(20, new byte[] {9}), new Data(21, new byte[] {1, 2, 3}),
            new Name(22, List.of(new NameEntry("a", "-rw-r--r-- a", ALL))), new Attrs(23, ALL),
            new ExtendedReply(24, new byte[] {5}));

    @Test
    void everyPacketTypeWritesAndReadsBack() throws Exception {
        assertThat(EVERY_TYPE).extracting(SftpPacket::type).doesNotHaveDuplicates().hasSize(27);
        for (SftpPacket packet : EVERY_TYPE) {
            byte[] written = SftpCodec.encode(packet);
            SftpPacket read = SftpCodec.decode(Arrays.copyOfRange(written, 4, written.length));
            assertThat(read.type()).isEqualTo(packet.type());
            assertThat(SftpCodec.encode(read)).as(packet.toString()).isEqualTo(written);
        }
    }

    @Test
    void statusIsTheDraftsLayout() {
        assertThat(HexFormat.of().formatHex(SftpCodec.encode(new Status(7, FX_NO_SUCH_FILE, "No", "en"))))
                .isEqualTo("00000015" + "65" + "00000007" + "00000002" + "000000024e6f" + "00000002656e");
    }

    @Test
    void malformedPacketsCarryTheirIdWhenItArrived() {
        assertThatThrownBy(() -> SftpCodec.decode(new byte[] {FXP_OPEN, 0, 0, 0, 42, 0, 0}))
                .isInstanceOfSatisfying(SftpProtocolException.class, e -> assertThat(e.requestId()).isEqualTo(42));
        assertThatThrownBy(() -> SftpCodec.decode(new byte[] {FXP_OPEN, 0}))
                .isInstanceOfSatisfying(SftpProtocolException.class,
                        e -> assertThat(e.requestId()).isEqualTo(SftpProtocolException.NO_ID));
        assertThatThrownBy(() -> SftpCodec.decode(new byte[] {(byte) 250, 0, 0, 0, 1}))
                .isInstanceOf(SftpProtocolException.class).hasMessageContaining("unknown packet type");
        // an attribute count far beyond the packet allocates nothing
        assertThatThrownBy(() -> SftpCodec.decode(new byte[] {FXP_ATTRS, 0, 0, 0, 1, (byte) 0x80, 0, 0, 0, 0x7f,
            (byte) 0xff, (byte) 0xff, (byte) 0xff})).isInstanceOf(SftpProtocolException.class);
    }

    @Test
    void theFramerGivesThePacketsHoweverTheStreamIsSplit() {
        byte[] stream = new byte[0];
        for (SftpPacket packet : EVERY_TYPE) {
            byte[] one = SftpCodec.encode(packet);
            stream = Arrays.copyOf(stream, stream.length + one.length);
            System.arraycopy(one, 0, stream, stream.length - one.length, one.length);
        }
        List<byte[]> whole = new ArrayList<>();
        SftpFramer framer = framer(whole, new ArrayList<>());
        framer.feed(ByteBuffer.wrap(stream));
        assertThat(whole).hasSize(EVERY_TYPE.size());
        List<byte[]> single = new ArrayList<>();
        SftpFramer byteByByte = framer(single, new ArrayList<>());
        for (byte b : stream) {
            byteByByte.feed(ByteBuffer.wrap(new byte[] {b}));
        }
        assertThat(single).hasSize(whole.size());
        for (int i = 0; i < whole.size(); i++) {
            assertThat(single.get(i)).isEqualTo(whole.get(i));
        }
    }

    @Test
    void theFramerReadsIntoTheSinksBufferWhenOneIsGiven() {
        byte[] stream = new byte[0];
        for (SftpPacket packet : EVERY_TYPE) {
            byte[] one = SftpCodec.encode(packet);
            stream = Arrays.copyOf(stream, stream.length + one.length);
            System.arraycopy(one, 0, stream, stream.length - one.length, one.length);
        }
        List<byte[]> plain = new ArrayList<>();
        framer(plain, new ArrayList<>()).feed(ByteBuffer.wrap(stream));
        for (int step : new int[] {1, 7, stream.length}) {
            List<byte[]> got = new ArrayList<>();
            List<Integer> buffered = new ArrayList<>();
            SftpFramer framer = new SftpFramer(1024, new SftpFramer.Sink() {
                @Override
                public void packet(byte[] payload) {
                    got.add(payload);
                }

                @Override
                public void oversized(int type, long requestId, long length) {
                    throw new AssertionError("oversized");
                }

                @Override
                public ByteBuffer buffer(int type, int length) {
                    // DATA packets only, in a direct buffer whose position is not zero.
                    return type == FXP_DATA ? ByteBuffer.allocateDirect(length + 10).position(3) : null;
                }

                @Override
                public void packet(ByteBuffer payload) {
                    assertThat(payload.position()).isEqualTo(3);
                    byte[] copy = new byte[payload.remaining()];
                    payload.get(copy);
                    buffered.add(got.size());
                    got.add(copy);
                }
            });
            for (int at = 0; at < stream.length; at += step) {
                framer.feed(ByteBuffer.wrap(stream, at, Math.min(step, stream.length - at)));
            }
            assertThat(buffered).hasSize(1);
            assertThat(got.get(buffered.get(0))[0]).isEqualTo((byte) FXP_DATA);
            assertThat(got).hasSize(plain.size());
            for (int i = 0; i < plain.size(); i++) {
                assertThat(got.get(i)).isEqualTo(plain.get(i));
            }
            assertThat(framer.buffered()).isZero();
        }
    }

    @Test
    void oversizedPacketsAreSkippedAsTheyArriveAndReported() {
        List<byte[]> packets = new ArrayList<>();
        List<String> oversized = new ArrayList<>();
        SftpFramer framer = framer(packets, oversized);
        byte[] head = {0, 0, 0x10, 0, FXP_WRITE, 0, 0, 0, 9};
        framer.feed(ByteBuffer.wrap(head));
        assertThat(oversized).containsExactly("6/9/4096");
        framer.feed(ByteBuffer.wrap(new byte[4096 - 5]));
        assertThat(framer.buffered()).isZero();
        framer.feed(ByteBuffer.wrap(SftpCodec.encode(new PathRequest(FXP_STAT, 10, "/"))));
        assertThat(packets).hasSize(1);
    }

    private static SftpFramer framer(List<byte[]> packets, List<String> oversized) {
        return new SftpFramer(1024, new SftpFramer.Sink() {
            @Override
            public void packet(byte[] payload) {
                packets.add(payload);
            }

            @Override
            public void oversized(int type, long requestId, long length) {
                oversized.add(type + "/" + requestId + "/" + length);
            }
        });
    }
}
