package org.twisted4j.names;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.internet.DelayedCall;
import org.twisted4j.protocols.basic.Int16StringReceiver;

/**
 * A TCP connection to one server carrying several queries (RFC 7766 §6.2): each message framed by a two-octet
 * length, as {@link Int16StringReceiver} frames strings, answers matched to queries by id and question, in any
 * order. Queries sent before the connection is made wait for it. Once no query is outstanding the connection
 * is closed after {@value #IDLE_TIMEOUT} seconds unless another comes. A malformed message, or the connection
 * lost, fails every outstanding query.
 *
 * <p>Reactor thread only.
 */
final class DnsTcpChannel extends Int16StringReceiver {
    /** Seconds an idle connection is kept for the next query. */
    static final double IDLE_TIMEOUT = 10;

    /** A query waiting for its answer. */
    private record Pending(Message query, Consumer<Message> answered, Consumer<Throwable> failed) {
    }

    private final ReactorTime time;
    private final Runnable closed;
    private final Map<Integer, Pending> pending = new HashMap<>();
    private final List<Message> unsent = new ArrayList<>();
    private boolean connected;
    private boolean lost;
    private @Nullable DelayedCall idle;

    /**
     * @param closed called once when the connection is lost or could not be made, so the owner forgets it
     */
    DnsTcpChannel(ReactorTime time, Runnable closed) {
        this.time = time;
        this.closed = closed;
    }

    /** Whether a query with this id is outstanding (another query must not reuse it here). */
    boolean busy(int id) {
        return pending.containsKey(id);
    }

    /** Sends a query; exactly one of the callbacks is called, unless {@link #forget} is called first. */
    void send(Message query, Consumer<Message> answered, Consumer<Throwable> failed) {
        if (lost) {
            failed.accept(new IllegalStateException("the TCP connection is closed"));
            return;
        }
        stopIdle();
        pending.put(query.id(), new Pending(query, answered, failed));
        if (connected) {
            sendString(query.toBytes());
        } else {
            unsent.add(query);
        }
    }

    /** Gives up waiting for the answer to a query (its own timeout ran out). */
    void forget(Message query) {
        pending.remove(query.id());
        if (connected) {
            startIdleIfQuiet();
        }
    }

    @Override
    public void connectionMade() {
        connected = true;
        for (Message query : unsent) {
            if (pending.containsKey(query.id())) {
                sendString(query.toBytes());
            }
        }
        unsent.clear();
        startIdleIfQuiet();
    }

    @Override
    protected void stringReceived(byte[] string) {
        Message response;
        try {
            response = Message.parse(string);
        } catch (DnsFormatError e) {
            failAll(e);
            transport().loseConnection();
            return;
        }
        Pending waiting = pending.get(response.id());
        if (waiting == null || !DnsDatagramProtocol.answers(waiting.query(), response)) {
            return;
        }
        pending.remove(response.id());
        waiting.answered().accept(response);
        startIdleIfQuiet();
    }

    /** Closes the connection now (the outstanding queries fail with the connection's loss). */
    void close() {
        stopIdle();
        if (connected && !lost) {
            transport().loseConnection();
        }
    }

    /** The connection could not be made. */
    void connectionFailed(Throwable reason) {
        if (!lost) {
            lost = true;
            failAll(reason);
            closed.run();
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        stopIdle();
        connectionFailed(reason.value());
    }

    private void failAll(Throwable reason) {
        List<Pending> all = new ArrayList<>(pending.values());
        pending.clear();
        for (Pending each : all) {
            each.failed().accept(reason);
        }
    }

    private void startIdleIfQuiet() {
        if (pending.isEmpty() && idle == null && !lost) {
            idle = time.callLater(IDLE_TIMEOUT, () -> {
                idle = null;
                transport().loseConnection();
            });
        }
    }

    private void stopIdle() {
        DelayedCall call = idle;
        idle = null;
        if (call != null && call.active()) {
            call.cancel();
        }
    }
}
