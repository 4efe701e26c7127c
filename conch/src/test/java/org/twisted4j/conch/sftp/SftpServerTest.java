package org.twisted4j.conch.sftp;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.twisted4j.conch.sftp.SftpConstants.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.conch.sftp.SftpPacket.*;
import org.twisted4j.cred.SshWire;
import org.twisted4j.cred.SshWireWriter;
import org.twisted4j.internet.PushProducer;
import org.twisted4j.testing.ProducerState;

class SftpServerTest {

    @TempDir
    Path outside;

    Path root;
    SftpClientDouble client;

    @BeforeEach
    void start() throws Exception {
        root = Files.createDirectory(outside.resolve("root"));
        Files.writeString(outside.resolve("secret"), "not for the client");
        client = new SftpClientDouble(new LocalFileSystem(root));
        assertThat(client.call(new Init(3, List.of()))).isInstanceOfSatisfying(Version.class, v -> {
            assertThat(v.version()).isEqualTo(3);
            assertThat(v.extensions()).extracting(Extension::name).contains(POSIX_RENAME, STATVFS, HARDLINK,
                    FSYNC, LIMITS);
        });
    }

    private int status(SftpPacket reply) {
        assertThat(reply).isInstanceOf(Status.class);
        return ((Status) reply).code();
    }

    private byte[] open(int id, String path, int flags) {
        SftpPacket reply = client.call(new Open(id, path, flags, FileAttributes.EMPTY));
        assertThat(reply).isInstanceOf(Handle.class);
        return ((Handle) reply).handle();
    }

    @Test
    void writtenFilesReadBackAndEndWithEof() throws Exception {
        byte[] handle = open(1, "/hello.txt", FXF_WRITE | FXF_CREAT | FXF_TRUNC);
        assertThat(status(client.call(new Write(2, handle, 0, "hello, ".getBytes(US_ASCII))))).isEqualTo(FX_OK);
        assertThat(status(client.call(new Write(3, handle, 7, "world".getBytes(US_ASCII))))).isEqualTo(FX_OK);
        assertThat(status(client.call(new HandleRequest(FXP_CLOSE, 4, handle)))).isEqualTo(FX_OK);
        assertThat(Files.readString(root.resolve("hello.txt"))).isEqualTo("hello, world");

        byte[] reader = open(5, "hello.txt", FXF_READ);
        assertThat(client.call(new Read(6, reader, 0, 5))).isInstanceOfSatisfying(Data.class,
                d -> assertThat(new String(d.data(), US_ASCII)).isEqualTo("hello"));
        assertThat(client.call(new Read(7, reader, 7, 100))).isInstanceOfSatisfying(Data.class,
                d -> assertThat(new String(d.data(), US_ASCII)).isEqualTo("world"));
        assertThat(status(client.call(new Read(8, reader, 12, 100)))).isEqualTo(FX_EOF);
        assertThat(client.call(new HandleRequest(FXP_FSTAT, 9, reader))).isInstanceOfSatisfying(Attrs.class,
                a -> assertThat(a.attrs().size()).isEqualTo(12L));
        assertThat(status(client.call(new HandleRequest(FXP_CLOSE, 10, reader)))).isEqualTo(FX_OK);
        assertThat(status(client.call(new Read(11, reader, 0, 1)))).as("closed handle").isEqualTo(FX_FAILURE);
    }

    @Test
    void readsAreCappedSoNoReplyHoldsAWholeFile() throws Exception {
        Files.write(root.resolve("big"), new byte[SftpServer.MAX_READ_LENGTH + 5000]);
        byte[] handle = open(1, "big", FXF_READ);
        assertThat(client.call(new Read(2, handle, 0, -1))).isInstanceOfSatisfying(Data.class,
                d -> assertThat(d.data()).hasSize(SftpServer.MAX_READ_LENGTH));
    }

    @Test
    void requestsOnDifferentHandlesAreAnsweredAsTheyFinish() throws Exception {
        Files.writeString(root.resolve("a"), "AAAA");
        Files.writeString(root.resolve("b"), "BBBB");
        byte[] a = open(1, "a", FXF_READ);
        byte[] b = open(2, "b", FXF_READ);
        client.send(new Read(3, a, 0, 4));
        client.send(new Read(4, b, 0, 4));
        assertThat(client.threads.waiting()).isEqualTo(2);
        client.threads.runNewest();
        client.threads.runNewest();
        assertThat(client.replies()).extracting(p -> ((Request) p).id()).containsExactly(4, 3);
    }

    @Test
    void requestsOnOneHandleRunInOrder() throws Exception {
        byte[] handle = open(1, "f", FXF_WRITE | FXF_CREAT);
        client.send(new Write(2, handle, 0, "one".getBytes(US_ASCII)));
        client.send(new Write(3, handle, 0, "two".getBytes(US_ASCII)));
        client.send(new HandleRequest(FXP_CLOSE, 4, handle));
        assertThat(client.threads.waiting()).as("one at a time per handle").isEqualTo(1);
        client.threads.runAll();
        assertThat(client.replies()).extracting(p -> ((Request) p).id()).containsExactly(2, 3, 4);
        assertThat(Files.readString(root.resolve("f"))).isEqualTo("two");
    }

    @Test
    void tooManyRequestsInFlightPauseReadingUntilAnswered() {
        client.server.setMaxInFlight(2);
        for (int id = 1; id <= 5; id++) {
            client.send(new PathRequest(FXP_STAT, id, "/"));
        }
        assertThat(client.server.inFlight()).isEqualTo(2);
        assertThat(client.transport.producerState()).isEqualTo(ProducerState.PAUSED);
        client.threads.runAll();
        assertThat(client.replies()).hasSize(5);
        assertThat(client.server.inFlight()).isZero();
        assertThat(client.transport.producerState()).isEqualTo(ProducerState.PRODUCING);
    }

    @Test
    void backedUpOutputHoldsNewRequestsAndTheirInput() {
        assertThat(client.transport.isStreaming()).isTrue();
        PushProducer replies = (PushProducer) client.transport.producer();
        replies.pauseProducing();
        client.send(new PathRequest(FXP_STAT, 1, "/"));
        client.send(new PathRequest(FXP_STAT, 2, "/"));
        assertThat(client.server.inFlight()).as("nothing dispatched while output is backed up").isZero();
        assertThat(client.transport.producerState()).as("the transport's input held too")
                .isEqualTo(ProducerState.PAUSED);
        replies.resumeProducing();
        client.threads.runAll();
        assertThat(client.replies()).extracting(p -> ((Request) p).id()).containsExactly(1, 2);
        assertThat(client.transport.producerState()).isEqualTo(ProducerState.PRODUCING);
    }

    @Test
    void pathsThatClimbOutOfTheRootAreRefused() throws Exception {
        for (String path : List.of("..", "../secret", "/../secret", "a/../../secret", "/./../root/../secret",
                "//..//secret")) {
            assertThat(status(client.call(new PathRequest(FXP_STAT, 1, path)))).as(path)
                    .isEqualTo(FX_PERMISSION_DENIED);
            assertThat(status(client.call(new Open(2, path, FXF_READ, FileAttributes.EMPTY)))).as(path)
                    .isEqualTo(FX_PERMISSION_DENIED);
        }
        assertThat(status(client.call(new PathRequest(FXP_STAT, 3, "/secret")))).as("absolute is inside the root")
                .isEqualTo(FX_NO_SUCH_FILE);
        assertThat(client.call(new PathRequest(FXP_REALPATH, 4, "/a/b/../.."))).isInstanceOfSatisfying(Name.class,
                n -> assertThat(n.entries().get(0).filename()).isEqualTo("/"));
    }

    @Test
    void symbolicLinksThatLeadOutAreRefused() throws Exception {
        Files.createSymbolicLink(root.resolve("absolute-out"), outside.resolve("secret"));
        Files.createSymbolicLink(root.resolve("relative-out"), Path.of("../secret"));
        Files.createSymbolicLink(root.resolve("dir-out"), outside);
        for (String path : List.of("absolute-out", "relative-out", "dir-out/secret", "/dir-out/root/../secret")) {
            assertThat(status(client.call(new Open(1, path, FXF_READ, FileAttributes.EMPTY)))).as(path)
                    .isEqualTo(FX_PERMISSION_DENIED);
            assertThat(status(client.call(new PathRequest(FXP_STAT, 2, path)))).as(path)
                    .isEqualTo(FX_PERMISSION_DENIED);
        }
        assertThat(client.call(new PathRequest(FXP_LSTAT, 3, "absolute-out"))).as("the link itself")
                .isInstanceOf(Attrs.class);
        assertThat(status(client.call(new Open(4, "relative-out", FXF_WRITE | FXF_CREAT | FXF_TRUNC,
                FileAttributes.EMPTY)))).isEqualTo(FX_PERMISSION_DENIED);
        assertThat(Files.readString(outside.resolve("secret"))).isEqualTo("not for the client");
    }

    @Test
    void linksInsideTheRootAreFollowedAndMadeRelative() throws Exception {
        Files.createDirectories(root.resolve("d/e"));
        Files.writeString(root.resolve("d/e/f"), "inside");
        assertThat(status(client.call(new TwoPaths(FXP_SYMLINK, 1, "/d/e/f", "/d/link")))).isEqualTo(FX_OK);
        assertThat(Files.readSymbolicLink(root.resolve("d/link")).toString()).isEqualTo("e/f");
        assertThat(client.call(new PathRequest(FXP_READLINK, 2, "/d/link"))).isInstanceOfSatisfying(Name.class,
                n -> assertThat(n.entries().get(0).filename()).isEqualTo("e/f"));
        assertThat(client.call(new PathRequest(FXP_STAT, 3, "/d/link"))).isInstanceOfSatisfying(Attrs.class,
                a -> assertThat(a.attrs().size()).isEqualTo(6L));
        assertThat(status(client.call(new TwoPaths(FXP_SYMLINK, 4, "../../../secret", "/d/bad"))))
                .isEqualTo(FX_PERMISSION_DENIED);
        assertThat(root.resolve("d/bad")).doesNotExist();
        Files.createSymbolicLink(root.resolve("loop"), Path.of("loop"));
        assertThat(status(client.call(new PathRequest(FXP_STAT, 5, "loop")))).isEqualTo(FX_FAILURE);
    }

    @Test
    void directoriesListWithLsLongnamesThenEof() throws Exception {
        Files.writeString(root.resolve("file.txt"), "12345");
        Files.createDirectory(root.resolve("sub"));
        SftpPacket opened = client.call(new PathRequest(FXP_OPENDIR, 1, "/"));
        byte[] handle = ((Handle) opened).handle();
        SftpPacket names = client.call(new HandleRequest(FXP_READDIR, 2, handle));
        assertThat(names).isInstanceOfSatisfying(Name.class, n -> {
            assertThat(n.entries()).extracting(NameEntry::filename).containsExactlyInAnyOrder(".", "..", "file.txt",
                    "sub");
            NameEntry file = n.entries().stream().filter(e -> e.filename().equals("file.txt")).findFirst()
                    .orElseThrow();
            assertThat(file.longname()).matches("-rw[-x][-r][-w][-x][-r][-w][-x] +1 \\S+ +\\S+ +5 "
                    + "[A-Z][a-z]{2} [ 1-3][0-9] [0-9 :]{5} file\\.txt");
            assertThat(n.entries().stream().filter(e -> e.filename().equals("sub")).findFirst().orElseThrow()
                    .longname()).startsWith("d");
        });
        assertThat(status(client.call(new HandleRequest(FXP_READDIR, 3, handle)))).isEqualTo(FX_EOF);
        assertThat(status(client.call(new HandleRequest(FXP_CLOSE, 4, handle)))).isEqualTo(FX_OK);
    }

    @Test
    void directoriesFilesAndRenamesChangeTheTree() throws Exception {
        assertThat(status(client.call(new PathAttrs(FXP_MKDIR, 1, "/d", FileAttributes.ofPermissions(0700)))))
                .isEqualTo(FX_OK);
        assertThat(status(client.call(new PathAttrs(FXP_MKDIR, 2, "/d", FileAttributes.EMPTY)))).isEqualTo(FX_FAILURE);
        Files.writeString(root.resolve("d/x"), "x");
        Files.writeString(root.resolve("y"), "y");
        assertThat(status(client.call(new TwoPaths(FXP_RENAME, 3, "/y", "/d/x")))).as("no overwrite")
                .isEqualTo(FX_FAILURE);
        assertThat(status(client.call(new Extended(4, POSIX_RENAME,
                new SshWireWriter().utf8("/y").utf8("/d/x").toByteArray())))).isEqualTo(FX_OK);
        assertThat(Files.readString(root.resolve("d/x"))).isEqualTo("y");
        assertThat(status(client.call(new Extended(5, HARDLINK,
                new SshWireWriter().utf8("/d/x").utf8("/hard").toByteArray())))).isEqualTo(FX_OK);
        assertThat(Files.isSameFile(root.resolve("hard"), root.resolve("d/x"))).isTrue();
        assertThat(status(client.call(new PathRequest(FXP_RMDIR, 6, "/d")))).isEqualTo(FX_FAILURE);
        assertThat(status(client.call(new PathRequest(FXP_REMOVE, 7, "/d/x")))).isEqualTo(FX_OK);
        assertThat(status(client.call(new PathRequest(FXP_RMDIR, 8, "/d")))).isEqualTo(FX_OK);
        assertThat(status(client.call(new PathRequest(FXP_REMOVE, 9, "/nothing")))).isEqualTo(FX_NO_SUCH_FILE);
        assertThat(status(client.call(new PathRequest(FXP_RMDIR, 10, "/")))).isEqualTo(FX_PERMISSION_DENIED);
        assertThat(status(client.call(new PathAttrs(FXP_SETSTAT, 11, "/hard", new FileAttributes(3L, null, null,
                0600, 1_000_000, 1_000_000, List.of()))))).isEqualTo(FX_OK);
        assertThat(client.call(new PathRequest(FXP_LSTAT, 12, "/hard"))).isInstanceOfSatisfying(Attrs.class, a -> {
            assertThat(a.attrs().size()).isEqualTo(3L);
            assertThat(a.attrs().permissions()).isEqualTo(0100600);
            assertThat(a.attrs().mtime()).isEqualTo(1_000_000);
        });
    }

    @Test
    void opensshExtensionsAnswer() throws Exception {
        assertThat(client.call(new Extended(1, LIMITS, new byte[0]))).isInstanceOfSatisfying(ExtendedReply.class,
                r -> {
                    SshWire in = new SshWire(r.data());
                    assertThat(in.uint64()).isEqualTo(SftpFramer.DEFAULT_MAX_PACKET);
                    assertThat(in.uint64()).isEqualTo(SftpServer.MAX_READ_LENGTH);
                });
        assertThat(client.call(new Extended(2, STATVFS, new SshWireWriter().utf8("/").toByteArray())))
                .isInstanceOfSatisfying(ExtendedReply.class, r -> assertThat(r.data()).hasSize(88));
        byte[] handle = open(3, "f", FXF_WRITE | FXF_CREAT);
        assertThat(status(client.call(new Extended(4, FSYNC, new SshWireWriter().string(handle).toByteArray()))))
                .isEqualTo(FX_OK);
        assertThat(client.call(new Extended(5, EXPAND_PATH, new SshWireWriter().utf8("~/f").toByteArray())))
                .isInstanceOfSatisfying(Name.class, n -> assertThat(n.entries().get(0).filename()).isEqualTo("/f"));
    }

    @Test
    void badInputIsAnsweredWithTheRightStatus() {
        assertThat(status(client.call(new Read(1, "bogus".getBytes(US_ASCII), 0, 10)))).isEqualTo(FX_FAILURE);
        assertThat(status(client.call(new HandleRequest(FXP_CLOSE, 2, new byte[0])))).isEqualTo(FX_FAILURE);
        assertThat(status(client.call(new Extended(3, "nonsense@example.com", new byte[] {1, 2}))))
                .isEqualTo(FX_OP_UNSUPPORTED);
        assertThat(status(client.call(new Extended(4, POSIX_RENAME, new byte[] {0, 0, 0, 9}))))
                .isEqualTo(FX_BAD_MESSAGE);
        assertThat(status(client.call(new Status(0, 0, "", "")))).as("a reply sent as a request")
                .isEqualTo(FX_OP_UNSUPPORTED);
        // a STAT cut short after its id
        client.sendRaw(new byte[] {0, 0, 0, 7, FXP_STAT, 0, 0, 0, 5, 0, 0});
        client.threads.runAll();
        assertThat(client.replies()).singleElement().isInstanceOfSatisfying(Status.class, s -> {
            assertThat(s.id()).isEqualTo(5);
            assertThat(s.code()).isEqualTo(FX_BAD_MESSAGE);
        });
        // an oversized WRITE is skipped as it arrives and answered; the stream stays in step
        int length = SftpFramer.DEFAULT_MAX_PACKET + 100;
        byte[] huge = new byte[4 + length];
        byte[] head = new SshWireWriter().uint32(length).byteValue(FXP_WRITE).uint32(6).toByteArray();
        System.arraycopy(head, 0, huge, 0, head.length);
        client.sendRaw(huge);
        client.send(new PathRequest(FXP_STAT, 7, "/"));
        client.threads.runAll();
        assertThat(client.replies()).satisfiesExactly(
                s -> assertThat(s).isEqualTo(new Status(6, FX_BAD_MESSAGE, "packet too long", "")),
                a -> assertThat(a).isInstanceOf(Attrs.class));
    }

    @Test
    void aSecondInitIsIgnored() {
        client.send(new Init(3, List.of()));
        client.threads.runAll();
        assertThat(client.replies()).isEmpty();
        assertThat(client.call(new PathRequest(FXP_STAT, 1, "/"))).isInstanceOf(Attrs.class);
    }

    @Test
    void requestsBeforeInitAreRefused() throws Exception {
        SftpClientDouble fresh = new SftpClientDouble(new LocalFileSystem(root));
        assertThat(fresh.call(new PathRequest(FXP_STAT, 1, "/"))).isEqualTo(new Status(1, FX_BAD_MESSAGE,
                "INIT must come first", ""));
    }

    @Test
    void filesStillOpenAreClosedWhenTheConnectionIsLost() throws Exception {
        open(1, "f", FXF_WRITE | FXF_CREAT);
        client.server.connectionLost(new org.twisted4j.defer.Failure(new org.twisted4j.internet.ConnectionDone()));
        client.threads.runAll();
        assertThat(client.replies()).isEmpty();
    }

    // ---------------------------------------------------------------- writes from pooled buffers

    private static byte[] chunk(int length, int seed) {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) (seed * 31 + i * 7);
        }
        return data;
    }

    private static List<Integer> codes(List<SftpPacket> replies) {
        return replies.stream().map(p -> ((Status) p).code()).toList();
    }

    private static List<Integer> ids(List<SftpPacket> replies) {
        return replies.stream().map(p -> ((Request) p).id()).toList();
    }

    @Test
    void largeWritesGoFromPooledBuffersToTheFileInOrderAndTheBuffersReturn() throws Exception {
        byte[] handle = open(1, "big", FXF_WRITE | FXF_CREAT);
        byte[] first = chunk(40_000, 1);
        byte[] second = chunk(33_000, 2);
        byte[] third = chunk(PacketBuffers.MIN_POOLED, 3);
        client.send(new Write(2, handle, 0, first));
        client.send(new Write(3, handle, first.length, second));
        client.send(new Write(4, handle, first.length + second.length, third));
        client.send(new HandleRequest(FXP_CLOSE, 5, handle));
        assertThat(client.replies()).as("nothing answered before the disk has written").isEmpty();
        client.threads.runAll();
        List<SftpPacket> replies = client.replies();
        assertThat(ids(replies)).containsExactly(2, 3, 4, 5);
        assertThat(codes(replies)).containsOnly(FX_OK);
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        all.writeBytes(first);
        all.writeBytes(second);
        all.writeBytes(third);
        assertThat(Files.readAllBytes(root.resolve("big"))).isEqualTo(all.toByteArray());
        assertThat(client.server.pooledBuffersKept()).as("every buffer back in the pool").isEqualTo(3);
    }

    @Test
    void aFailingWriteIsAnsweredWithFailureAndTheWritesAfterItStillLand() throws Exception {
        byte[] handle = open(1, "f", FXF_WRITE | FXF_CREAT);
        byte[] first = chunk(10_000, 1);
        byte[] last = chunk(12_000, 2);
        client.send(new Write(2, handle, 0, first));
        client.send(new Write(3, handle, -1, chunk(9_000, 3)));
        client.send(new Write(4, handle, first.length, last));
        client.send(new SftpPacket.Extended(5, FSYNC, new SshWireWriter().string(handle).toByteArray()));
        client.send(new HandleRequest(FXP_CLOSE, 6, handle));
        client.threads.runAll();
        List<SftpPacket> replies = client.replies();
        assertThat(ids(replies)).containsExactly(2, 3, 4, 5, 6);
        assertThat(codes(replies)).containsExactly(FX_OK, FX_FAILURE, FX_OK, FX_OK, FX_OK);
        byte[] expected = java.util.Arrays.copyOf(first, first.length + last.length);
        System.arraycopy(last, 0, expected, first.length, last.length);
        assertThat(Files.readAllBytes(root.resolve("f"))).isEqualTo(expected);
        assertThat(client.server.pooledBuffersKept()).isEqualTo(3);
    }

    @Test
    void closeAndFsyncWaitForTheWritesBeforeThem() throws Exception {
        byte[] handle = open(1, "f", FXF_WRITE | FXF_CREAT);
        client.threads.holdReactorCalls();
        client.send(new Write(2, handle, 0, chunk(20_000, 1)));
        client.send(new SftpPacket.Extended(3, FSYNC, new SshWireWriter().string(handle).toByteArray()));
        client.send(new HandleRequest(FXP_CLOSE, 4, handle));
        assertThat(client.threads.waiting()).as("one lane runs the handle's requests in order").isEqualTo(1);
        assertThat(Files.size(root.resolve("f"))).isZero();
        client.threads.runAll();
        assertThat(Files.size(root.resolve("f"))).as("written before the close was answered").isEqualTo(20_000);
        assertThat(client.replies()).as("answered on the reactor thread only").isEmpty();
        client.threads.runReactorCalls();
        assertThat(ids(client.replies())).containsExactly(2, 3, 4);
    }

    @Test
    void repliesFinishedTogetherGoOutInOneWriteInTheirOrder() throws Exception {
        byte[] handle = open(1, "f", FXF_WRITE | FXF_CREAT);
        client.threads.holdReactorCalls();
        int writesBefore = client.transport.writes;
        for (int id = 2; id <= 11; id++) {
            client.send(new Write(id, handle, (id - 2) * 10_000L, chunk(10_000, id)));
        }
        client.threads.runAll();
        assertThat(client.threads.reactorCallsWaiting()).as("one hand-off for all that finished").isEqualTo(1);
        client.threads.runReactorCalls();
        assertThat(client.transport.writes - writesBefore).isEqualTo(1);
        List<SftpPacket> replies = client.replies();
        assertThat(ids(replies)).containsExactly(2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        assertThat(codes(replies)).containsOnly(FX_OK);
    }

    @Test
    void aSlowDiskHoldsTheInputBackUntilItCatchesUp() throws Exception {
        byte[] handle = open(1, "f", FXF_WRITE | FXF_CREAT);
        client.server.setMaxInFlight(4);
        for (int id = 2; id <= 11; id++) {
            client.send(new Write(id, handle, (id - 2) * 10_000L, chunk(10_000, id)));
        }
        assertThat(client.server.inFlight()).isEqualTo(4);
        assertThat(client.transport.producerState()).as("the channel's window stops growing")
                .isEqualTo(ProducerState.PAUSED);
        client.threads.runAll();
        assertThat(client.transport.producerState()).isEqualTo(ProducerState.PRODUCING);
        assertThat(ids(client.replies())).containsExactly(2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        assertThat(Files.size(root.resolve("f"))).isEqualTo(100_000);
    }

    @Test
    void malformedWritesInPooledBuffersAreAnsweredBadMessage() throws Exception {
        byte[] handle = open(1, "f", FXF_WRITE | FXF_CREAT);
        client.server.setPooledPacketMin(1);
        byte[] good = SftpCodec.encode(new Write(2, handle, 0, "data".getBytes(US_ASCII)));
        byte[] cut = java.util.Arrays.copyOf(good, good.length - 2);
        cut[3] -= 2;
        client.sendRaw(cut);
        byte[] unknown = SftpCodec.encode(new Write(3, "nope".getBytes(US_ASCII), 0, new byte[1]));
        client.sendRaw(unknown);
        client.sendRaw(good);
        client.threads.runAll();
        List<SftpPacket> replies = client.replies();
        assertThat(ids(replies)).containsExactly(2, 3, 2);
        assertThat(codes(replies)).containsExactly(FX_BAD_MESSAGE, FX_FAILURE, FX_OK);
        assertThat(Files.readString(root.resolve("f"))).isEqualTo("data");
    }
}
