package org.twisted4j.news;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.twisted4j.cred.LoginFailed;
import org.twisted4j.cred.LoginResult;
import org.twisted4j.cred.Portal;
import org.twisted4j.cred.UsernamePassword;
import org.twisted4j.internet.TlsUpgradable;

/**
 * The commands of an {@link NntpServer} that secure its session: STARTTLS (RFC 4642) and AUTHINFO USER/PASS
 * and SASL PLAIN (RFC 4643, RFC 4616) through the factory's cred {@link Portal}, and the 480 answer to other commands while a login is
 * required.
 *
 * <p>Reactor thread only, as the session that owns it.
 */
final class SecurityCommands {

    /** What may be used before a login when one is required (RFC 4643 §2.1). */
    private static final Set<String> BEFORE_LOGIN = Set.of("AUTHINFO", "CAPABILITIES", "DATE", "HELP", "MODE", "QUIT",
            "STARTTLS");

    private final NntpServer session;
    private boolean tls;
    private @Nullable String user;
    private @Nullable LoginResult login;
    private boolean checking;
    private boolean awaitingResponse;

    SecurityCommands(NntpServer session) {
        this.session = session;
    }

    private boolean canStartTls() {
        return session.config().tlsOptions() != null && !tls && login == null && !session.compressed()
                && session.transport() instanceof TlsUpgradable;
    }

    private boolean canAuthenticate() {
        return session.config().portal() != null && login == null;
    }

    /** Returns the capability lines for STARTTLS and AUTHINFO, as the session now stands. */
    List<String> capabilities() {
        List<String> lines = new ArrayList<>(2);
        if (canStartTls()) {
            lines.add("STARTTLS");
        }
        if (canAuthenticate() && (tls || !session.config().requireTlsForAuthentication())) {
            lines.add("AUTHINFO USER SASL");
            lines.add("SASL PLAIN");
        }
        return lines;
    }

    /** Returns whether a command must wait for a login. */
    boolean loginNeededFor(String keyword) {
        return session.config().requireAuthentication() && login == null && !BEFORE_LOGIN.contains(keyword);
    }

    void startTls(NntpCommand command) throws NntpSyntaxException {
        NntpServer.arguments(command, 0, 0);
        if (!canStartTls()) {
            session.reply("502 STARTTLS not available");
        } else if (session.pendingOctets() > 0) {
            // RFC 4642 §2.2.1: nothing may follow STARTTLS before the handshake; such octets would be read as
            // if they had come under TLS.
            session.reply("501 Command pipelined after STARTTLS");
            session.closeNow();
        } else {
            session.reply("382 Continue with TLS negotiation");
            session.flush();
            ((TlsUpgradable) session.transport()).startTLS(Objects.requireNonNull(session.config().tlsOptions()), false);
            tls = true;
            user = null;
            session.resetSelection();
        }
    }

    void authinfo(NntpCommand command) throws NntpSyntaxException {
        NntpServer.arguments(command, 1, 3);
        String kind = command.args().get(0).toUpperCase(Locale.ROOT);
        if (!kind.equals("USER") && !kind.equals("PASS") && !kind.equals("SASL")) {
            throw new NntpSyntaxException(501, "Only AUTHINFO USER, PASS and SASL are offered");
        }
        NntpServer.arguments(command, 2, kind.equals("SASL") ? 3 : 2);
        Portal portal = session.config().portal();
        if (portal == null || login != null || checking) {
            session.reply("502 Command unavailable");
        } else if (!tls && session.config().requireTlsForAuthentication()) {
            session.reply("483 Encryption required; use STARTTLS first");
        } else if (kind.equals("SASL")) {
            if (!command.args().get(1).equalsIgnoreCase("PLAIN")) {
                session.reply("503 Mechanism not recognized");
            } else if (command.args().size() == 3) {
                plain(portal, command.args().get(2));
            } else {
                awaitingResponse = true;
                session.reply("383 =");
            }
        } else if (kind.equals("USER")) {
            user = command.args().get(1);
            session.reply("381 Password required");
        } else if (user == null) {
            session.reply("482 Authentication commands issued out of sequence");
        } else {
            String name = user;
            user = null;
            login(portal, name, command.args().get(1));
        }
    }

    /** Returns whether the next line is the client's SASL response rather than a command. */
    boolean awaitingResponse() {
        return awaitingResponse;
    }

    /** Takes the client's response to {@code 383 =}: PLAIN's message in base64, or {@code *} to cancel. */
    void response(byte[] line) {
        awaitingResponse = false;
        String text = new String(line, US_ASCII).strip();
        Portal portal = session.config().portal();
        if (text.equals("*") || portal == null) {
            session.reply("481 Authentication cancelled");
        } else {
            plain(portal, text);
        }
    }

    /** SASL PLAIN (RFC 4616): base64 of authzid NUL authcid NUL password; an authzid must be the authcid. */
    private void plain(Portal portal, String base64) {
        byte[] message;
        try {
            message = Base64.getDecoder().decode(base64.equals("=") ? "" : base64);
        } catch (IllegalArgumentException e) {
            session.reply("504 Base64 encoding error");
            return;
        }
        String[] parts = new String(message, UTF_8).split("\0", -1);
        if (parts.length != 3 || parts[1].isEmpty() || !(parts[0].isEmpty() || parts[0].equals(parts[1]))) {
            session.reply("481 Authentication failed");
            return;
        }
        login(portal, parts[1], parts[2]);
    }

    private void login(Portal portal, String name, String password) {
        checking = true;
        session.await(portal.login(UsernamePassword.of(name, password), null, NewsStorage.class)
                .addErrback(failure -> {
                    failure.trap(LoginFailed.class);
                    return null;
                }), result -> {
                    checking = false;
                    if (result == null) {
                        session.reply("481 Authentication failed");
                    } else {
                        login = result;
                        session.useStorage(result.avatar(NewsStorage.class));
                        session.reply("281 Authentication accepted");
                    }
                });
    }

    /** Ends the login, if any, when the session closes. */
    void logout() {
        LoginResult result = login;
        login = null;
        if (result != null) {
            result.logout().run();
        }
    }
}
