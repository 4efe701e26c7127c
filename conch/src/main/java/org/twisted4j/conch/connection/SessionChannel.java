package org.twisted4j.conch.connection;

import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;
import org.twisted4j.conch.PtyRequest;
import org.twisted4j.conch.Session;
import org.twisted4j.conch.SessionIO;
import org.twisted4j.conch.SubsystemRegistry;
import org.twisted4j.conch.userauth.UserAuthServer;
import org.twisted4j.cred.SshWire;
import org.twisted4j.cred.SshWireWriter;
import org.twisted4j.internet.Protocol;

/**
 * A {@code session} channel (RFC 4254 section 6; Twisted's {@code SSHSession}): it hands the client's requests to
 * the avatar's {@link Session} ({@code pty-req}, {@code env}, {@code exec}, {@code shell}, {@code window-change},
 * {@code signal}, {@code auth-agent-req@openssh.com} through {@link AgentForwarding}) or starts a subsystem from
 * the server's {@link SubsystemRegistry} with the channel as its transport, and ends with {@code exit-status} or
 * {@code exit-signal}, EOF and close.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
final class SessionChannel extends SshChannel implements SessionIO {
    private final Session session;
    private boolean started;
    private boolean ended;
    private @Nullable Protocol subsystem;
    private @Nullable ChannelTransport subsystemTransport;
    private @Nullable AgentForwarding agent;

    SessionChannel(Session session) {
        this.session = session;
    }

    @Override
    public String type() {
        return "session";
    }

    @Override
    protected boolean requestReceived(String requestType, SshWire data) {
        return switch (requestType) {
            case "pty-req" -> !started && session.requestPty(new PtyRequest(data.utf8(), data.uint32AsInt(),
                    data.uint32AsInt(), data.uint32AsInt(), data.uint32AsInt(), data.string()));
            case "env" -> !started && session.setEnv(data.utf8(), data.utf8());
            case "exec" -> {
                String command = data.utf8();
                yield !started && (started = session.execCommand(this, command));
            }
            case "shell" -> !started && (started = session.openShell(this));
            case "subsystem" -> !started && startSubsystem(data.utf8());
            case "window-change" -> {
                session.windowChanged(data.uint32AsInt(), data.uint32AsInt(), data.uint32AsInt(),
                        data.uint32AsInt());
                yield true;
            }
            case "signal" -> session.signal(data.name());
            case "auth-agent-req@openssh.com" -> !started && agent == null
                    && (agent = AgentForwarding.start(connection(), session)) != null;
            default -> false;
        };
    }

    private boolean startSubsystem(String name) {
        SshConnection owner = connection();
        SubsystemRegistry.Factory factory = owner.subsystems().lookup(name);
        if (factory == null || !owner.avatar().allowsSubsystem(name)) {
            return false;
        }
        Protocol protocol = factory.create(UserAuthServer.realmAvatar(owner.avatar()));
        if (protocol == null) {
            return false;
        }
        started = true;
        subsystem = protocol;
        subsystemTransport = new ChannelTransport(this, protocol);
        protocol.makeConnection(subsystemTransport);
        return true;
    }

    @Override
    protected void dataReceived(byte[] data) {
        if (subsystem != null) {
            subsystem.dataReceived(ByteBuffer.wrap(data));
        } else if (started) {
            session.dataReceived(ByteBuffer.wrap(data));
        }
    }

    @Override
    protected void eofReceived() {
        if (subsystem != null) {
            subsystemTransport.loseConnection();
        } else {
            session.eofReceived();
        }
    }

    @Override
    protected void closed() {
        if (agent != null) {
            agent.stop();
        }
        if (subsystem != null) {
            subsystemTransport.lost();
        }
        session.closed();
    }

    @Override
    protected void outputPaused() {
        if (subsystemTransport != null) {
            subsystemTransport.pauseProducer();
        } else {
            session.pauseOutput();
        }
    }

    @Override
    protected void outputResumed() {
        if (subsystemTransport != null) {
            subsystemTransport.resumeProducer();
        } else {
            session.resumeOutput();
        }
    }

    @Override
    public void writeStderr(byte[] data) {
        writeExtended(1, data);
    }

    @Override
    public void exit(int status) {
        if (ended) {
            return;
        }
        ended = true;
        sendEof();
        sendRequest("exit-status", false, new SshWireWriter(4).uint32(status).toByteArray());
        close();
    }

    @Override
    public void exitSignal(String signal, boolean coreDumped, String message) {
        if (ended) {
            return;
        }
        ended = true;
        sendEof();
        sendRequest("exit-signal", false, new SshWireWriter().name(signal).bool(coreDumped).utf8(message).name("")
                .toByteArray());
        close();
    }
}
