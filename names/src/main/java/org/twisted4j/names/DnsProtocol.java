package org.twisted4j.names;

import java.util.function.Consumer;
import org.twisted4j.defer.Failure;
import org.twisted4j.protocols.basic.Int16StringReceiver;

/**
 * One query over TCP (RFC 1035 §4.2.2, RFC 7766): each message framed by a two-octet length, as
 * {@link Int16StringReceiver} frames strings. Sends the query when connected, takes the first message that
 * answers it, and closes the connection; a connection lost before that reports the loss.
 *
 * <p>Reactor thread only.
 */
final class DnsProtocol extends Int16StringReceiver {
    private final Message query;
    private final Consumer<Message> answered;
    private final Consumer<Throwable> failed;
    private boolean done;

    DnsProtocol(Message query, Consumer<Message> answered, Consumer<Throwable> failed) {
        this.query = query;
        this.answered = answered;
        this.failed = failed;
    }

    @Override
    public void connectionMade() {
        sendString(query.toBytes());
    }

    @Override
    protected void stringReceived(byte[] string) {
        if (done) {
            return;
        }
        Message response;
        try {
            response = Message.parse(string);
        } catch (DnsFormatError e) {
            done = true;
            transport().loseConnection();
            failed.accept(e);
            return;
        }
        if (!DnsDatagramProtocol.answers(query, response)) {
            return;
        }
        done = true;
        transport().loseConnection();
        answered.accept(response);
    }

    @Override
    public void connectionLost(Failure reason) {
        if (!done) {
            done = true;
            failed.accept(reason.value());
        }
    }
}
