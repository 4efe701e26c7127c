package org.twisted4j.internet;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.twisted4j.defer.Failure;

/** Protocols and socket helpers shared by the TCP tests. */
final class TcpSupport {
    private TcpSupport() {
    }

    /** Writes back a copy of whatever arrives. */
    static class Echo extends Protocol {
        @Override
        public void dataReceived(ByteBuffer data) {
            transport().write(copy(data));
        }
    }

    /** Records what arrives and how the connection ended. */
    static class Recorder extends Protocol {
        final StringBuilder received = new StringBuilder();
        final CompletableFuture<Transport> made = new CompletableFuture<>();
        final CompletableFuture<Failure> lost = new CompletableFuture<>();

        @Override
        public void connectionMade() {
            made.complete(transport());
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            received.append(StandardCharsets.UTF_8.decode(data));
        }

        @Override
        public void connectionLost(Failure reason) {
            lost.complete(reason);
        }
    }

    /**
     * Returns how many bytes {@code transport} holds back, unsent: NIO's {@code StreamConnection.queuedBytes}, or
     * the method of the same name another backend's transport has (reached reflectively, since test code of core
     * cannot name it).
     */
    static long queuedBytes(Transport transport) {
        if (transport instanceof StreamConnection connection) {
            return connection.queuedBytes();
        }
        return count(transport, "queuedBytes");
    }

    /** Returns how many bytes of file regions {@code transport} has yet to send, as {@link #queuedBytes} does. */
    static long queuedFileBytes(Transport transport) {
        if (transport instanceof StreamConnection connection) {
            return connection.queuedFileBytes();
        }
        return count(transport, "queuedFileBytes");
    }

    /** Calls the method {@code name} that takes nothing and returns a long, on another backend's transport. */
    private static long count(Transport transport, String name) {
        for (Class<?> type = transport.getClass(); type != null; type = type.getSuperclass()) {
            try {
                java.lang.reflect.Method method = type.getDeclaredMethod(name);
                method.setAccessible(true);
                return (long) method.invoke(transport);
            } catch (NoSuchMethodException e) {
                // look further up
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(transport + " cannot say " + name, e);
            }
        }
        throw new AssertionError(transport + " has no " + name);
    }

    static byte[] copy(ByteBuffer data) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        return bytes;
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    static int port(ListeningPort port) {
        return switch (port.getHost()) {
            case IPv4Address a -> a.port();
            case IPv6Address a -> a.port();
            case UNIXAddress a -> throw new AssertionError("not a TCP port: " + a);
        };
    }

    /** A blocking client socket with a read timeout, so a broken test fails instead of hanging. */
    static Socket connect(String host, int port) throws IOException {
        Socket socket = new Socket(host, port);
        socket.setSoTimeout((int) (RunningReactor.TIMEOUT_SECONDS * 1000));
        return socket;
    }

    static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(ascii(text));
        out.flush();
    }

    /** Reads until end of stream. */
    static String readAll(Socket socket) throws IOException {
        return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** Reads exactly {@code count} bytes. */
    static byte[] readExactly(Socket socket, int count) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] bytes = in.readNBytes(count);
        if (bytes.length != count) {
            throw new IOException("end of stream after " + bytes.length + " of " + count + " bytes");
        }
        return bytes;
    }
}
