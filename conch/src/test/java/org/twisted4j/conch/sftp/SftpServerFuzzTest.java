package org.twisted4j.conch.sftp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.twisted4j.conch.sftp.SftpPacket.Request;
import org.twisted4j.conch.sftp.SftpPacket.Status;

/**
 * Fuzzes the server with arbitrary packets after INIT, over a real root directory beside a directory it must
 * never touch.
 *
 * <p>Invariants: nothing is thrown; every reply is a well-formed server packet (STATUS with a code of version 3,
 * HANDLE, DATA, NAME, ATTRS, EXTENDED_REPLY); no more replies than requests; nothing outside the root changes.
 */
class SftpServerFuzzTest {

    private static final Path BASE;
    private static final Path ROOT;
    private static final Path OUTSIDE;

    static {
        try {
            BASE = Files.createTempDirectory("sftp-fuzz");
            ROOT = Files.createDirectory(BASE.resolve("root"));
            OUTSIDE = Files.createDirectory(BASE.resolve("outside"));
            Files.writeString(OUTSIDE.resolve("secret"), "secret");
            Files.createSymbolicLink(ROOT.resolve("out"), OUTSIDE);
            Files.createSymbolicLink(ROOT.resolve("up"), Path.of("../outside/secret"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest
    void serverAnswersAnyPacketsWithStatusesNeverExceptions(FuzzedDataProvider data) throws Exception {
        reset();
        SftpClientDouble client = new SftpClientDouble(new LocalFileSystem(ROOT));
        // Every packet through a pooled buffer, so that the in-place WRITE parser is fuzzed too.
        client.server.setPooledPacketMin(1);
        client.send(new SftpPacket.Init(3, List.of()));
        client.threads.runAll();
        assertThat(client.replies()).singleElement().isInstanceOf(SftpPacket.Version.class);
        int packets = 0;
        while (data.remainingBytes() > 0 && packets < 32) {
            byte[] payload = data.consumeBytes(data.consumeInt(1, 300));
            byte[] framed = new byte[payload.length + 4];
            framed[2] = (byte) (payload.length >>> 8);
            framed[3] = (byte) payload.length;
            System.arraycopy(payload, 0, framed, 4, payload.length);
            client.sendRaw(framed);
            packets++;
        }
        client.threads.runAll();
        List<SftpPacket> replies = client.replies();
        assertThat(replies.size()).isLessThanOrEqualTo(packets);
        for (SftpPacket reply : replies) {
            assertThat(reply).isInstanceOf(Request.class);
            assertThat(reply.type()).isIn(SftpConstants.FXP_STATUS, SftpConstants.FXP_HANDLE, SftpConstants.FXP_DATA,
                    SftpConstants.FXP_NAME, SftpConstants.FXP_ATTRS, SftpConstants.FXP_EXTENDED_REPLY);
            if (reply instanceof Status status) {
                assertThat(status.code()).isBetween(SftpConstants.FX_OK, SftpConstants.FX_OP_UNSUPPORTED);
            }
        }
        client.server.connectionLost(new org.twisted4j.defer.Failure(new org.twisted4j.internet.ConnectionDone()));
        client.threads.runAll();
        try (Stream<Path> outside = Files.list(OUTSIDE)) {
            assertThat(outside.toList()).containsExactly(OUTSIDE.resolve("secret"));
        }
        assertThat(Files.readString(OUTSIDE.resolve("secret"))).isEqualTo("secret");
    }

    /** Empties the root but for its two links out, so each input starts from the same tree. */
    private static void reset() throws IOException {
        try (Stream<Path> walk = Files.walk(ROOT)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (!path.equals(ROOT)) {
                    Files.delete(path);
                }
            }
        }
        Files.createSymbolicLink(ROOT.resolve("out"), OUTSIDE);
        Files.createSymbolicLink(ROOT.resolve("up"), Path.of("../outside/secret"));
        Files.writeString(ROOT.resolve("file"), "0123456789");
        Files.createDirectory(ROOT.resolve("dir"));
    }
}
