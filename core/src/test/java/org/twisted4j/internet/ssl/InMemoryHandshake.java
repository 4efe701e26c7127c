package org.twisted4j.internet.ssl;

import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/** Drives a client and a server SSLEngine against each other in memory, wrap to unwrap, with no sockets. */
final class InMemoryHandshake {
    private static final int MAX_ROUNDS = 200;

    /** How a handshake ended: each side's first error, if any. */
    record Outcome(SSLEngine client, SSLEngine server, @Nullable SSLException clientError,
            @Nullable SSLException serverError) {
        boolean succeeded() {
            return clientError == null && serverError == null;
        }

        TlsHandshakeInfo clientInfo() {
            return TlsHandshakeInfo.from(client);
        }

        TlsHandshakeInfo serverInfo() {
            return TlsHandshakeInfo.from(server);
        }

        @Override
        public String toString() {
            return "client error: " + clientError + ", server error: " + serverError;
        }
    }

    private static final class Side {
        final SSLEngine engine;
        ByteBuffer out;
        ByteBuffer application;
        @Nullable SSLException error;

        Side(SSLEngine engine) {
            this.engine = engine;
            this.out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            this.application = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        }
    }

    private InMemoryHandshake() {
    }

    static Outcome run(TlsOptions clientOptions, TlsOptions serverOptions) {
        return run(clientOptions.newEngine("server.invalid", 443), serverOptions.newEngine(null, -1));
    }

    static Outcome run(SSLEngine client, SSLEngine server) {
        Side c = new Side(client);
        Side s = new Side(server);
        try {
            client.beginHandshake();
            server.beginHandshake();
        } catch (SSLException e) {
            throw new AssertionError("cannot begin the handshake", e);
        }
        for (int round = 0; round < MAX_ROUNDS; round++) {
            boolean progress = wrap(c) | unwrap(s, c.out) | wrap(s) | unwrap(c, s.out);
            if (!progress && c.out.position() == 0 && s.out.position() == 0) {
                break;
            }
        }
        return new Outcome(client, server, c.error, s.error);
    }

    private static boolean wrap(Side side) {
        boolean progress = false;
        while (!side.engine.isOutboundDone() && side.engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
            try {
                SSLEngineResult result = side.engine.wrap(ByteBuffer.allocate(0), side.out);
                if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                    side.out = grow(side.out, side.engine.getSession().getPacketBufferSize());
                    continue;
                }
                progress |= result.bytesProduced() > 0;
                runTasks(side.engine);
                if (result.bytesProduced() == 0 && result.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                    break;
                }
            } catch (SSLException e) {
                fail(side, e);
                return true;
            }
        }
        return progress;
    }

    private static boolean unwrap(Side side, ByteBuffer peerOut) {
        boolean progress = false;
        peerOut.flip();
        try {
            while (peerOut.hasRemaining() && !side.engine.isInboundDone()) {
                SSLEngineResult result = side.engine.unwrap(peerOut, side.application);
                if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                    side.application = grow(side.application, side.engine.getSession().getApplicationBufferSize());
                    continue;
                }
                runTasks(side.engine);
                progress |= result.bytesConsumed() > 0;
                if (result.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW || result.bytesConsumed() == 0) {
                    break;
                }
                if (side.engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                    break;
                }
            }
        } catch (SSLException e) {
            fail(side, e);
            progress = true;
        } finally {
            if (side.engine.isInboundDone()) {
                peerOut.position(peerOut.limit());
            }
            peerOut.compact();
        }
        return progress;
    }

    private static void fail(Side side, SSLException e) {
        if (side.error == null) {
            side.error = e;
        }
    }

    private static void runTasks(SSLEngine engine) {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    private static ByteBuffer grow(ByteBuffer buffer, int atLeast) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, atLeast));
        buffer.flip();
        bigger.put(buffer);
        return bigger;
    }
}
