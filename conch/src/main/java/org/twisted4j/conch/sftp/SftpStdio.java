package org.twisted4j.conch.sftp;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.ConnectionDone;
import org.twisted4j.internet.ConnectionLost;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.Producer;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.Transport;
import org.twisted4j.internet.UNIXAddress;

/**
 * Serves SFTP on standard input and output, as OpenSSH's {@code sftp-server} does: the program an SSH server
 * runs for {@code subsystem sftp}, and what {@code sftp -D} talks to directly.
 *
 * <pre>
 * java -cp ... org.twisted4j.conch.sftp.SftpStdio ROOT [HOME]
 * sftp -D "java -cp ... org.twisted4j.conch.sftp.SftpStdio /srv/files"
 * </pre>
 *
 * <p>{@code ROOT} is the directory served as the client's {@code /} ({@link LocalFileSystem}); {@code HOME}, a
 * path below it as the client sees it (default {@code /}), is where relative paths start: {@code / /home/alice}
 * serves the whole file system from alice's home directory, as OpenSSH's {@code sftp-server} run in it, which is
 * how {@code twist conch} serves SFTP to another system account than its own. It exits when
 * standard input ends. Nothing but SFTP goes to standard output; problems go to standard error. The JVM must
 * not write to standard output either: its unified logging does by default, so an option that makes it log
 * needs that logging turned off or sent to standard error (for {@code -XX:StartFlightRecording}, add
 * {@code -Xlog:jfr+startup=off} after it).
 *
 * <h2>Threading</h2>
 * {@link #main} runs a reactor on the calling thread; a second thread reads standard input.
 */
public final class SftpStdio {

    private SftpStdio() {
    }

    /**
     * Serves the directory named by the first argument, from the home directory named by the optional second,
     * until standard input ends.
     *
     * @param arguments {@code ROOT [HOME]}
     * @throws IOException if the root is not a directory
     */
    public static void main(String[] arguments) throws IOException {
        if (arguments.length < 1 || arguments.length > 2 || arguments.length == 2 && !arguments[1].startsWith("/")) {
            System.err.println("usage: SftpStdio ROOT [HOME]  (HOME an absolute path below ROOT)");
            System.exit(2);
            return;
        }
        NioReactor reactor = new NioReactor();
        SftpServer server = new SftpServer(reactor, new LocalFileSystem(Path.of(arguments[0]),
                arguments.length == 2 ? arguments[1] : "/"));
        StdioTransport transport = new StdioTransport(reactor, server, new FileInputStream(FileDescriptor.in),
                new FileOutputStream(FileDescriptor.out));
        reactor.callWhenRunning(transport::start);
        reactor.run(false);
        System.exit(0);
    }

    /**
     * A transport over two streams: a thread reads one and hands the bytes to the protocol on the reactor
     * thread; writes go to the other on the reactor thread (standard output is a pipe; a blocked write only
     * holds back this one session).
     */
    static final class StdioTransport implements Transport {
        private final NioReactor reactor;
        private final Protocol protocol;
        private final InputStream in;
        private final OutputStream out;
        private final Object pauseLock = new Object();
        private boolean paused;
        private boolean closed;
        private boolean stopped;

        StdioTransport(NioReactor reactor, Protocol protocol, InputStream in, OutputStream out) {
            this.reactor = reactor;
            this.protocol = protocol;
            this.in = in;
            this.out = out;
        }

        void start() {
            protocol.makeConnection(this);
            Thread reader = new Thread(this::readLoop, "sftp-stdin");
            reader.setDaemon(true);
            reader.start();
        }

        private void readLoop() {
            byte[] buffer = new byte[256 * 1024];
            Failure reason = new Failure(new ConnectionDone("standard input ended"));
            try {
                while (true) {
                    synchronized (pauseLock) {
                        while (paused) {
                            pauseLock.wait();
                        }
                    }
                    int n = in.read(buffer);
                    if (n < 0) {
                        break;
                    }
                    byte[] chunk = Arrays.copyOf(buffer, n);
                    reactor.callFromThread(() -> protocol.dataReceived(ByteBuffer.wrap(chunk)));
                }
            } catch (IOException e) {
                reason = new Failure(new ConnectionLost("standard input failed: " + e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Failure lost = reason;
            reactor.callFromThread(() -> {
                flush();
                protocol.connectionLost(lost);
                stopReactor();
            });
        }

        @Override
        public void write(ByteBuffer data) {
            if (closed) {
                return;
            }
            try {
                if (data.hasArray()) {
                    out.write(data.array(), data.arrayOffset() + data.position(), data.remaining());
                    data.position(data.limit());
                } else {
                    byte[] copy = new byte[data.remaining()];
                    data.get(copy);
                    out.write(copy);
                }
                out.flush();
            } catch (IOException e) {
                closed = true;
                stopReactor();
            }
        }

        /** Stops the reactor once, whichever of the end of input, a failed write or loseConnection comes first. */
        private void stopReactor() {
            if (!stopped) {
                stopped = true;
                reactor.stop();
            }
        }

        private void flush() {
            try {
                out.flush();
            } catch (IOException e) {
                closed = true;
            }
        }

        @Override
        public void loseConnection() {
            closed = true;
            flush();
            stopReactor();
        }

        @Override
        public void abortConnection() {
            loseConnection();
        }

        @Override
        public Address getPeer() {
            return new UNIXAddress(null);
        }

        @Override
        public Address getHost() {
            return new UNIXAddress(null);
        }

        @Override
        public void pauseProducing() {
            synchronized (pauseLock) {
                paused = true;
            }
        }

        @Override
        public void resumeProducing() {
            synchronized (pauseLock) {
                paused = false;
                pauseLock.notifyAll();
            }
        }

        @Override
        public void stopProducing() {
            loseConnection();
        }

        @Override
        public void registerProducer(Producer producer, boolean streaming) {
        }

        @Override
        public void unregisterProducer() {
        }
    }
}
