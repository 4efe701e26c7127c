package org.twisted4j.conch.userauth;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.conch.ConchUser;
import org.twisted4j.conch.PtyRequest;
import org.twisted4j.conch.Session;
import org.twisted4j.conch.SessionIO;

/**
 * An avatar whose sessions run one command whatever the client asks (a certificate's {@code force-command}):
 * {@code exec} and {@code shell} both start the forced command; the command the client asked for is offered to
 * the session as the environment variable {@code SSH_ORIGINAL_COMMAND}, as sshd sets it (a session may refuse it,
 * as {@code ProcessUser}'s does); subsystems are refused. Everything else is the wrapped avatar's.
 */
final class ForcedCommandUser implements ConchUser {
    private final ConchUser user;
    private final String command;

    ForcedCommandUser(ConchUser user, String command) {
        this.user = Objects.requireNonNull(user, "user");
        this.command = Objects.requireNonNull(command, "command");
    }

    @Override
    public String username() {
        return user.username();
    }

    @Override
    public @Nullable Session openSession() {
        Session session = user.openSession();
        return session == null ? null : new Forced(session);
    }

    @Override
    public boolean allowsDirectTcpip(String host, int port) {
        return user.allowsDirectTcpip(host, port);
    }

    @Override
    public boolean allowsTcpipForward(String address, int port) {
        return user.allowsTcpipForward(address, port);
    }

    @Override
    public boolean allowsSubsystem(String name) {
        return false;
    }

    private final class Forced implements Session {
        private final Session session;

        Forced(Session session) {
            this.session = session;
        }

        @Override
        public boolean setEnv(String name, String value) {
            return session.setEnv(name, value);
        }

        @Override
        public boolean requestPty(PtyRequest request) {
            return session.requestPty(request);
        }

        @Override
        public void windowChanged(int columns, int rows, int widthPixels, int heightPixels) {
            session.windowChanged(columns, rows, widthPixels, heightPixels);
        }

        @Override
        public boolean execCommand(SessionIO io, String requested) {
            session.setEnv("SSH_ORIGINAL_COMMAND", requested);
            return session.execCommand(io, command);
        }

        @Override
        public boolean openShell(SessionIO io) {
            return session.execCommand(io, command);
        }

        @Override
        public boolean signal(String name) {
            return session.signal(name);
        }

        @Override
        public void dataReceived(ByteBuffer data) {
            session.dataReceived(data);
        }

        @Override
        public void eofReceived() {
            session.eofReceived();
        }

        @Override
        public void closed() {
            session.closed();
        }

        @Override
        public void pauseOutput() {
            session.pauseOutput();
        }

        @Override
        public void resumeOutput() {
            session.resumeOutput();
        }
    }
}
