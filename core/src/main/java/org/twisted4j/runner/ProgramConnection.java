package org.twisted4j.runner;

import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.HalfCloseableProtocol;
import org.twisted4j.internet.ProcessProtocol;
import org.twisted4j.internet.ProcessTransport;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.PushProducer;
import org.twisted4j.internet.ReactorProcess;
import org.twisted4j.logger.Logger;

/**
 * One connection of an {@link InetdFactory} service and the program run for it, joined by two pipes with
 * back-pressure each way; see {@link InetdFactory} for the rules.
 */
final class ProgramConnection extends Protocol implements HalfCloseableProtocol {
    private static final Logger LOG = Logger.forClass(InetdFactory.class);

    private final ReactorProcess processes;
    private final InetdEntry entry;
    private @Nullable ProcessTransport child;
    private boolean clientRegisteredWithChild;
    private boolean childRegisteredWithClient;
    private boolean connectionGone;
    private boolean childEnded;

    ProgramConnection(ReactorProcess processes, InetdEntry entry) {
        this.processes = processes;
        this.entry = entry;
    }

    @Override
    public void connectionMade() {
        ProcessTransport started;
        try {
            started = processes.spawnProcess(new Program(), entry.program(), entry.argv(), null, null);
        } catch (RuntimeException e) {
            LOG.failure("could not start {program} for service {service}", new Failure(e),
                    "program", entry.program(), "service", entry.name());
            transport().loseConnection();
            return;
        }
        child = started;
        if (childEnded) {
            return;
        }
        started.registerProducer(new ClientReading(), true);
        clientRegisteredWithChild = true;
        transport().registerProducer(new ProgramOutput(started), true);
        childRegisteredWithClient = true;
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        ProcessTransport current = child;
        if (current != null) {
            current.write(copyOf(data));
        }
    }

    @Override
    public void readConnectionLost() {
        ProcessTransport current = child;
        if (current == null) {
            return;
        }
        if (clientRegisteredWithChild) {
            clientRegisteredWithChild = false;
            current.unregisterProducer();
        }
        current.closeStdin();
    }

    @Override
    public void writeConnectionLost() {
    }

    @Override
    public void connectionLost(Failure reason) {
        connectionGone = true;
        childRegisteredWithClient = false;
        ProcessTransport current = child;
        if (current != null && !childEnded) {
            if (clientRegisteredWithChild) {
                clientRegisteredWithChild = false;
                current.unregisterProducer();
            }
            current.loseConnection();
        }
    }

    private static ByteBuffer copyOf(ByteBuffer data) {
        ByteBuffer copy = ByteBuffer.allocate(data.remaining());
        copy.put(data.duplicate()).flip();
        return copy;
    }

    /** The program's side: its output goes to the client, its errors to the log. */
    private final class Program extends ProcessProtocol {
        private final OutputLines errors = new OutputLines(LOG, entry.name(), "stderr");

        @Override
        public void outReceived(ByteBuffer data) {
            if (!connectionGone) {
                ProgramConnection.this.transport().write(copyOf(data));
            }
        }

        @Override
        public void errReceived(ByteBuffer data) {
            errors.add(data);
        }

        @Override
        public void processEnded(Failure reason) {
            errors.flush();
            childEnded = true;
            if (connectionGone) {
                return;
            }
            if (childRegisteredWithClient) {
                childRegisteredWithClient = false;
                ProgramConnection.this.transport().unregisterProducer();
            }
            ProgramConnection.this.transport().loseConnection();
        }
    }

    /** Registered with the program's input: pauses and resumes reading from the client. */
    private final class ClientReading implements PushProducer {
        @Override
        public void pauseProducing() {
            if (!connectionGone) {
                transport().pauseProducing();
            }
        }

        @Override
        public void resumeProducing() {
            if (!connectionGone) {
                transport().resumeProducing();
            }
        }

        /** The program's input is gone: keep reading the client, whose bytes are now dropped. */
        @Override
        public void stopProducing() {
            clientRegisteredWithChild = false;
            resumeProducing();
        }
    }

    /** Registered with the connection: pauses and resumes the delivery of the program's output. */
    private static final class ProgramOutput implements PushProducer {
        private final ProcessTransport child;

        ProgramOutput(ProcessTransport child) {
            this.child = child;
        }

        @Override
        public void pauseProducing() {
            child.pauseProducing();
        }

        @Override
        public void resumeProducing() {
            child.resumeProducing();
        }

        /** The connection is gone; {@link ProgramConnection#connectionLost} closes the program's pipes. */
        @Override
        public void stopProducing() {
        }
    }
}
