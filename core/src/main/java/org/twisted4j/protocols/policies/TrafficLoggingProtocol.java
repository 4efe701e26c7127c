package org.twisted4j.protocols.policies;

import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Protocol;
import org.twisted4j.logger.Logger;

/** The wrapper of one connection for {@link TrafficLoggingFactory}, which describes the log format. */
final class TrafficLoggingProtocol extends ProtocolWrapper {

    private static final Logger LOG = Logger.forClass(TrafficLoggingFactory.class);
    private static final String ELIDED = "<... elided>";

    private @Nullable Writer log;
    private final int lengthLimit;
    private final int number;

    TrafficLoggingProtocol(WrappingFactory factory, Protocol wrapped, Writer log, int lengthLimit, int number) {
        super(factory, wrapped);
        this.log = log;
        this.lengthLimit = lengthLimit;
        this.number = number;
    }

    @Override
    public void connectionMade() {
        log("*");
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        log("C " + number + ": " + show(data));
        super.dataReceived(data);
    }

    @Override
    public void connectionLost(Failure reason) {
        log("C " + number + ": " + reason.getErrorMessage());
        close();
        super.connectionLost(reason);
    }

    @Override
    public void write(ByteBuffer data) {
        log("S " + number + ": " + show(data));
        super.write(data);
    }

    @Override
    public void writeSequence(List<ByteBuffer> data) {
        StringBuilder shown = new StringBuilder("[");
        for (ByteBuffer buffer : data) {
            shown.append(shown.length() > 1 ? ", " : "").append(show(buffer));
        }
        log("SV " + number + ": " + shown.append(']'));
        super.writeSequence(data);
    }

    @Override
    public void loseConnection() {
        log("S " + number + ": *");
        super.loseConnection();
    }

    private String show(ByteBuffer data) {
        ByteBuffer view = data.duplicate();
        boolean elide = lengthLimit > 0 && view.remaining() > lengthLimit;
        if (elide) {
            view.limit(view.position() + Math.max(0, lengthLimit - ELIDED.length()));
        }
        StringBuilder shown = new StringBuilder(view.remaining() + 16).append('"');
        while (view.hasRemaining()) {
            int b = view.get() & 0xff;
            switch (b) {
                case '\r' -> shown.append("\\r");
                case '\n' -> shown.append("\\n");
                case '\t' -> shown.append("\\t");
                case '\\' -> shown.append("\\\\");
                case '"' -> shown.append("\\\"");
                default -> {
                    if (b >= 0x20 && b < 0x7f) {
                        shown.append((char) b);
                    } else {
                        shown.append(String.format("\\x%02x", b));
                    }
                }
            }
        }
        if (elide) {
            shown.append(ELIDED);
        }
        return shown.append('"').toString();
    }

    private void log(String line) {
        Writer out = log;
        if (out == null) {
            return;
        }
        try {
            out.write(line);
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            LOG.failure("Cannot write the traffic log of connection {number}; no more traffic is logged for it",
                    new Failure(e), "number", number);
            close();
        }
    }

    private void close() {
        Writer out = log;
        log = null;
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                LOG.failure("Cannot close the traffic log of connection {number}", new Failure(e), "number", number);
            }
        }
    }
}
