package org.twisted4j.conch.userauth;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.twisted4j.conch.ConchUser;
import org.twisted4j.conch.keys.BadKeyException;
import org.twisted4j.conch.keys.Certificate;
import org.twisted4j.conch.transport.DisconnectReason;
import org.twisted4j.conch.transport.SshProtocolException;
import org.twisted4j.conch.transport.SshService;
import org.twisted4j.cred.Credentials;
import org.twisted4j.cred.LoginResult;
import org.twisted4j.cred.Portal;
import org.twisted4j.cred.SSHPrivateKey;
import org.twisted4j.cred.SshWire;
import org.twisted4j.cred.SshWireWriter;
import org.twisted4j.cred.UsernamePassword;
import org.twisted4j.cred.ValidPublicKey;
import org.twisted4j.internet.DelayedCall;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.IPv6Address;
import org.twisted4j.internet.ReactorTime;

/**
 * The server side of {@code ssh-userauth} (RFC 4252; Twisted's {@code SSHUserAuthServer}): it logs users in
 * through a cred {@link Portal}, asking for the {@link ConchUser} avatar, and on success starts the next service
 * (the connection protocol) with the login's result.
 *
 * <ul>
 *   <li>{@code publickey}: a query without a signature is answered with {@code SSH_MSG_USERAUTH_PK_OK} when the
 *       checker fails with {@link ValidPublicKey}; a signed request carries the signed data (session identifier
 *       and request, section 7) to the checker in {@link SSHPrivateKey} (a {@link PeerSSHPrivateKey}, which also
 *       names the client's address). SHA-1 {@code ssh-rsa} signatures are refused. OpenSSH user certificates
 *       ({@code *-cert-v01@openssh.com}) are passed on the same way, for {@link UserCertificateChecker}; a login
 *       with a certificate is restricted as the certificate says, for that login only (its {@code permit-*}
 *       extensions and {@code force-command}, as sshd does: see {@link #realmAvatar}).
 *   <li>{@code password}: {@link UsernamePassword}; password changes are refused.
 *   <li>{@code keyboard-interactive} (RFC 4256): one prompt, {@code Password:}, whose answer is checked as a
 *       password.
 * </ul>
 *
 * <p>{@link UserAuthConfig} says which combinations are enough; a method that succeeds short of one is answered
 * with partial success. Failures beyond the limit, and a login that takes longer than the grace time, end the
 * connection with {@link DisconnectReason#NO_MORE_AUTH_METHODS_AVAILABLE}. Requests that arrive while a check is
 * under way wait their turn.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public final class UserAuthServer extends SshService {
    static final int MSG_USERAUTH_REQUEST = 50;
    static final int MSG_USERAUTH_FAILURE = 51;
    static final int MSG_USERAUTH_SUCCESS = 52;
    static final int MSG_USERAUTH_BANNER = 53;
    static final int MSG_USERAUTH_PK_OK = 60;
    static final int MSG_USERAUTH_INFO_REQUEST = 60;
    static final int MSG_USERAUTH_INFO_RESPONSE = 61;

    /** The public key signature algorithms accepted. */
    static final List<String> KEY_ALGORITHMS = List.of("ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384",
            "ecdsa-sha2-nistp521", "rsa-sha2-512", "rsa-sha2-256", "ssh-ed25519-cert-v01@openssh.com",
            "ecdsa-sha2-nistp256-cert-v01@openssh.com", "ecdsa-sha2-nistp384-cert-v01@openssh.com",
            "ecdsa-sha2-nistp521-cert-v01@openssh.com", "rsa-sha2-512-cert-v01@openssh.com",
            "rsa-sha2-256-cert-v01@openssh.com");

    private final Portal portal;
    private final ReactorTime clock;
    private final UserAuthConfig config;
    private final Function<LoginResult, SshService> next;
    private final ArrayDeque<byte[]> waiting = new ArrayDeque<>();
    private final Set<String> satisfied = new LinkedHashSet<>();
    private @Nullable String user;
    private @Nullable String keyboardUser;
    private @Nullable LoginResult partialLogin;
    private CertificateUser.@Nullable Permissions certified;
    private @Nullable DelayedCall grace;
    private boolean busy;
    private boolean bannerSent;
    private boolean done;
    private int failures;

    /**
     * Makes the service.
     *
     * @param portal logs users in
     * @param clock runs the login grace timer
     * @param config the methods and limits
     * @param next makes the service to start on success from the login's result
     */
    public UserAuthServer(Portal portal, ReactorTime clock, UserAuthConfig config,
            Function<LoginResult, SshService> next) {
        this.portal = Objects.requireNonNull(portal, "portal");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.config = Objects.requireNonNull(config, "config");
        this.next = Objects.requireNonNull(next, "next");
    }

    @Override
    public String name() {
        return "ssh-userauth";
    }

    /** Returns the number of failed attempts so far. */
    public int failures() {
        return failures;
    }

    @Override
    public void serviceStarted() {
        if (config.loginGraceSeconds() > 0) {
            grace = clock.callLater(config.loginGraceSeconds(), () -> {
                if (!done) {
                    transport().disconnect(DisconnectReason.NO_MORE_AUTH_METHODS_AVAILABLE,
                            "Login grace time exceeded");
                }
            });
        }
    }

    @Override
    public void serviceStopped() {
        if (grace != null && grace.active()) {
            grace.cancel();
        }
        LoginResult partial = partialLogin;
        partialLogin = null;
        if (partial != null && !done) {
            partial.logout().run();
        }
    }

    @Override
    public void packetReceived(int messageNumber, SshWire payload) throws SshProtocolException {
        if (done) {
            return;
        }
        switch (messageNumber) {
            case MSG_USERAUTH_REQUEST -> {
                byte[] request = payload.rest();
                if (busy) {
                    waiting.add(request);
                } else {
                    request(new SshWire(request));
                }
            }
            case MSG_USERAUTH_INFO_RESPONSE -> {
                String name = keyboardUser;
                if (name == null) {
                    throw new SshProtocolException(DisconnectReason.PROTOCOL_ERROR, "Unexpected INFO_RESPONSE");
                }
                keyboardUser = null;
                long count = payload.uint32();
                if (count != 1) {
                    busy = false;
                    failed();
                    return;
                }
                login(UsernamePassword.of(name, payload.utf8()), "keyboard-interactive");
            }
            default -> throw new SshProtocolException(DisconnectReason.PROTOCOL_ERROR,
                    "Unexpected message " + messageNumber + " in user authentication");
        }
    }

    private void request(SshWire in) throws SshProtocolException {
        String name = in.utf8();
        String service = in.name();
        String method = in.name();
        if (!service.equals("ssh-connection")) {
            throw new SshProtocolException(DisconnectReason.SERVICE_NOT_AVAILABLE, "Unknown service " + service);
        }
        if (user != null && !user.equals(name)) {
            satisfied.clear();
            certified = null;
            LoginResult partial = partialLogin;
            partialLogin = null;
            if (partial != null) {
                partial.logout().run();
            }
        }
        user = name;
        sendBanner();
        if (method.equals("none")) {
            sendFailure(false);
            return;
        }
        if (!allowedNow(method)) {
            failed();
            return;
        }
        switch (method) {
            case "publickey" -> {
                boolean signed = in.bool();
                String algorithm = in.name();
                byte[] blob = in.string();
                if (!KEY_ALGORITHMS.contains(algorithm)) {
                    failed();
                    return;
                }
                if (signed) {
                    byte[] signature = in.string();
                    byte[] sessionId = transport().sessionId();
                    byte[] signedData = new SshWireWriter().string(sessionId).byteValue(MSG_USERAUTH_REQUEST)
                            .utf8(name).name(service).name("publickey").bool(true).name(algorithm).string(blob)
                            .toByteArray();
                    login(new PeerSSHPrivateKey(SSHPrivateKey.of(name, algorithm, blob, signedData, signature),
                            peerHost()), "publickey");
                } else {
                    login(new PeerSSHPrivateKey(SSHPrivateKey.of(name, algorithm, blob, null, null), peerHost()),
                            "publickey");
                }
            }
            case "password" -> {
                if (in.bool()) {
                    failed();
                    return;
                }
                login(UsernamePassword.of(name, in.utf8()), "password");
            }
            case "keyboard-interactive" -> {
                keyboardUser = name;
                busy = true;
                transport().sendPacket(new SshWireWriter().byteValue(MSG_USERAUTH_INFO_REQUEST).utf8("").utf8("")
                        .name("").uint32(1).utf8("Password: ").bool(false).toByteArray());
            }
            default -> failed();
        }
    }

    private void sendBanner() {
        String banner = config.banner();
        if (!bannerSent && banner != null) {
            transport().sendPacket(new SshWireWriter().byteValue(MSG_USERAUTH_BANNER).utf8(banner).name("")
                    .toByteArray());
        }
        bannerSent = true;
    }

    private boolean allowedNow(String method) {
        return !remaining().isEmpty() && remaining().contains(method);
    }

    /** The methods that can still lead to success, given those satisfied. */
    private List<String> remaining() {
        List<String> names = new ArrayList<>();
        for (List<String> chain : config.chains()) {
            if (chain.containsAll(satisfied)) {
                for (String method : chain) {
                    if (!satisfied.contains(method) && !names.contains(method)) {
                        names.add(method);
                    }
                }
            }
        }
        return names;
    }

    private void login(Credentials credentials, String method) {
        busy = true;
        portal.login(credentials, null, ConchUser.class).addCallback(result -> {
            busy = false;
            LoginResult login = restricted(credentials, result);
            if (login.avatar() instanceof CertificateUser restricted) {
                certified = restricted.permissions();
            }
            succeeded(method, login);
            drain();
            return null;
        }).addErrback(failure -> {
            busy = false;
            if (failure.check(ValidPublicKey.class) != null && credentials instanceof SSHPrivateKey key) {
                transport().sendPacket(new SshWireWriter().byteValue(MSG_USERAUTH_PK_OK).name(key.algorithmName())
                        .string(key.blob()).toByteArray());
            } else {
                failed();
            }
            drain();
            return null;
        });
    }

    /** The client's IP address as text, or null if the connection has none. */
    private @Nullable String peerHost() {
        try {
            return switch (transport().transport().getPeer()) {
                case IPv4Address a -> a.host();
                case IPv6Address a -> a.host();
                default -> null;
            };
        } catch (IllegalStateException notConnected) {
            return null;
        }
    }

    /**
     * The avatar the realm gave for a login, without the restrictions a user certificate adds to it: what
     * subsystem factories are given, so that they may look at the realm's own type (the connection holds the
     * restricted avatar, which decides whether a subsystem may start at all).
     *
     * @param avatar the connection's avatar
     * @return the realm's avatar ({@code avatar} itself unless a certificate restricts it)
     */
    public static ConchUser realmAvatar(ConchUser avatar) {
        return avatar instanceof CertificateUser restricted ? restricted.realmAvatar() : avatar;
    }

    /** The login's avatar restricted as its certificate says, if it logged in with one. */
    private static LoginResult restricted(Credentials credentials, LoginResult result) {
        if (!(credentials instanceof SSHPrivateKey key) || !Certificate.isCertificateName(key.algorithmName())
                || !(result.avatar() instanceof ConchUser user)) {
            return result;
        }
        CertificateUser.Permissions permissions;
        try {
            permissions = CertificateUser.permissions(Certificate.fromBlob(key.blob()));
        } catch (BadKeyException e) {
            // The checker accepted it, so it was read there; refuse everything rather than run it unrestricted.
            permissions = CertificateUser.Permissions.NONE;
        }
        return new LoginResult(result.avatarInterface(), new CertificateUser(user, permissions), result.logout());
    }

    /**
     * The login that completes a chain, restricted as the certificate that satisfied an earlier method of the
     * chain says (sshd keeps a certificate's restrictions whatever method comes after it).
     */
    private LoginResult keepRestrictions(LoginResult result) {
        CertificateUser.Permissions permissions = certified;
        if (permissions == null || result.avatar() instanceof CertificateUser
                || !(result.avatar() instanceof ConchUser user)) {
            return result;
        }
        return new LoginResult(result.avatarInterface(), new CertificateUser(user, permissions), result.logout());
    }

    private void drain() {
        while (!busy && !done && !waiting.isEmpty()) {
            try {
                request(new SshWire(waiting.poll()));
            } catch (SshProtocolException e) {
                transport().disconnect(e.reason(), e.getMessage());
                return;
            } catch (IllegalArgumentException e) {
                transport().disconnect(DisconnectReason.PROTOCOL_ERROR, "Malformed request: " + e.getMessage());
                return;
            }
        }
    }

    private void succeeded(String method, LoginResult result) {
        if (done) {
            result.logout().run();
            return;
        }
        satisfied.add(method);
        for (List<String> chain : config.chains()) {
            if (satisfied.containsAll(chain)) {
                done = true;
                if (grace != null && grace.active()) {
                    grace.cancel();
                }
                LoginResult partial = partialLogin;
                partialLogin = null;
                if (partial != null) {
                    partial.logout().run();
                }
                transport().sendPacket(new byte[] {(byte) MSG_USERAUTH_SUCCESS});
                transport().userAuthenticated();
                transport().setService(next.apply(keepRestrictions(result)));
                return;
            }
        }
        LoginResult previous = partialLogin;
        partialLogin = result;
        if (previous != null) {
            previous.logout().run();
        }
        sendFailure(true);
    }

    private void failed() {
        failures++;
        if (failures >= config.maxAttempts()) {
            transport().disconnect(DisconnectReason.NO_MORE_AUTH_METHODS_AVAILABLE, "Too many authentication failures");
            return;
        }
        sendFailure(false);
    }

    private void sendFailure(boolean partial) {
        transport().sendPacket(new SshWireWriter().byteValue(MSG_USERAUTH_FAILURE).nameList(remaining())
                .bool(partial).toByteArray());
    }
}
