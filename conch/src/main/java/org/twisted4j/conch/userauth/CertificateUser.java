package org.twisted4j.conch.userauth;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.twisted4j.conch.ConchUser;
import org.twisted4j.conch.PtyRequest;
import org.twisted4j.conch.Session;
import org.twisted4j.conch.SessionIO;
import org.twisted4j.conch.UnixAccount;
import org.twisted4j.conch.keys.BadKeyException;
import org.twisted4j.conch.keys.Certificate;

/**
 * The avatar of a user logged in with an OpenSSH user certificate, restricted as the certificate says, the way
 * sshd restricts such a login. It wraps the avatar the realm gave, for this login only:
 *
 * <ul>
 *   <li>without the extension {@code permit-pty}, {@code pty-req} is refused;
 *   <li>without {@code permit-port-forwarding}, {@code direct-tcpip} channels ({@code ssh -L}, {@code -W}) and
 *       {@code tcpip-forward} requests ({@code ssh -R}) are refused;
 *   <li>without {@code permit-agent-forwarding}, {@code auth-agent-req@openssh.com} is refused;
 *   <li>{@code permit-X11-forwarding} changes nothing: X11 forwarding is always refused;
 *   <li>{@code permit-user-rc} changes nothing: no {@code ~/.ssh/rc} is ever run;
 *   <li>{@code no-touch-required} (an extension) and {@code verify-required} (a critical option) concern FIDO
 *       security keys ({@code sk-*}), which are not accepted at all, so they change nothing, as in sshd for other
 *       keys;
 *   <li>the critical option {@code force-command}: {@code exec} and {@code shell} both start that command; the
 *       command the client asked for is offered to the session as {@code SSH_ORIGINAL_COMMAND}, as sshd sets it
 *       (a session may refuse it, as {@code ProcessUser}'s does); subsystems are refused.
 * </ul>
 *
 * <p>Whatever a certificate permits, the wrapped avatar must allow it too. Unknown extensions are ignored; an
 * unknown critical option, or a flag carrying data, refuses the certificate ({@link #permissions}), as in sshd.
 */
final class CertificateUser implements ConchUser {
    /** The critical options understood; a certificate with any other is refused, as OpenSSH does. */
    static final List<String> CRITICAL_OPTIONS = List.of("force-command", "source-address", "verify-required");
    /** The extensions understood, all flags; others are ignored. */
    static final List<String> EXTENSIONS = List.of("no-touch-required", "permit-X11-forwarding",
            "permit-agent-forwarding", "permit-port-forwarding", "permit-pty", "permit-user-rc");

    /**
     * What a certificate lets its user do.
     *
     * @param pty whether a terminal may be allocated
     * @param portForwarding whether TCP forwarding, both ways, may be used
     * @param agentForwarding whether the client's agent may be forwarded
     * @param forceCommand the command every session runs, or null
     */
    record Permissions(boolean pty, boolean portForwarding, boolean agentForwarding, @Nullable String forceCommand) {
        /** Nothing permitted, and sessions that only fail: for a certificate that cannot be read again. */
        static final Permissions NONE = new Permissions(false, false, false, "false");
    }

    private final ConchUser user;
    private final Permissions permissions;

    CertificateUser(ConchUser user, Permissions permissions) {
        this.user = Objects.requireNonNull(user, "user");
        this.permissions = Objects.requireNonNull(permissions, "permissions");
    }

    /**
     * Reads what a certificate permits.
     *
     * @throws BadKeyException for an unknown critical option, a flag with data, or a malformed string option
     */
    static Permissions permissions(Certificate cert) throws BadKeyException {
        for (String option : cert.criticalOptionNames()) {
            if (!CRITICAL_OPTIONS.contains(option)) {
                throw new BadKeyException("unknown critical option");
            }
        }
        Optional<byte[]> verify = cert.criticalOptionData("verify-required");
        if (verify.isPresent() && verify.get().length != 0) {
            throw new BadKeyException("critical option verify-required has data");
        }
        for (String extension : EXTENSIONS) {
            Optional<byte[]> data = cert.extensionData(extension);
            if (data.isPresent() && data.get().length != 0) {
                throw new BadKeyException("extension " + extension + " has data");
            }
        }
        cert.criticalOption("source-address");
        List<String> granted = cert.extensionNames();
        return new Permissions(granted.contains("permit-pty"), granted.contains("permit-port-forwarding"),
                granted.contains("permit-agent-forwarding"), cert.criticalOption("force-command").orElse(null));
    }

    /** Returns the avatar the realm gave. */
    ConchUser realmAvatar() {
        return user;
    }

    /** Returns what this login is permitted. */
    Permissions permissions() {
        return permissions;
    }

    @Override
    public String username() {
        return user.username();
    }

    @Override
    public @Nullable Session openSession() {
        Session session = user.openSession();
        return session == null ? null : new Restricted(session);
    }

    @Override
    public boolean allowsDirectTcpip(String host, int port) {
        return permissions.portForwarding() && user.allowsDirectTcpip(host, port);
    }

    @Override
    public boolean allowsTcpipForward(String address, int port) {
        return permissions.portForwarding() && user.allowsTcpipForward(address, port);
    }

    @Override
    public boolean allowsAgentForwarding() {
        return permissions.agentForwarding() && user.allowsAgentForwarding();
    }

    @Override
    public @Nullable UnixAccount sessionAccount() {
        return user.sessionAccount();
    }

    @Override
    public boolean allowsSubsystem(String name) {
        return permissions.forceCommand() == null && user.allowsSubsystem(name);
    }

    private final class Restricted implements Session {
        private final Session session;

        Restricted(Session session) {
            this.session = session;
        }

        @Override
        public boolean setEnv(String name, String value) {
            return session.setEnv(name, value);
        }

        @Override
        public boolean agentForwarded(Path socket) {
            return permissions.agentForwarding() && session.agentForwarded(socket);
        }

        @Override
        public boolean requestPty(PtyRequest request) {
            return permissions.pty() && session.requestPty(request);
        }

        @Override
        public void windowChanged(int columns, int rows, int widthPixels, int heightPixels) {
            session.windowChanged(columns, rows, widthPixels, heightPixels);
        }

        @Override
        public boolean execCommand(SessionIO io, String requested) {
            String forced = permissions.forceCommand();
            if (forced == null) {
                return session.execCommand(io, requested);
            }
            session.setEnv("SSH_ORIGINAL_COMMAND", requested);
            return session.execCommand(io, forced);
        }

        @Override
        public boolean openShell(SessionIO io) {
            String forced = permissions.forceCommand();
            return forced == null ? session.openShell(io) : session.execCommand(io, forced);
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
