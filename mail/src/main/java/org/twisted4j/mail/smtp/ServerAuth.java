package org.twisted4j.mail.smtp;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Base64;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.twisted4j.cred.CramMD5Credentials;
import org.twisted4j.cred.Credentials;
import org.twisted4j.cred.LoginFailed;
import org.twisted4j.cred.LoginResult;
import org.twisted4j.cred.Portal;
import org.twisted4j.cred.UnauthorizedLogin;
import org.twisted4j.cred.UsernamePassword;

/**
 * The AUTH exchange of an {@link SmtpServer} (RFC 4954): PLAIN (RFC 4616), LOGIN and CRAM-MD5 (RFC 2195),
 * logging in through the factory's portal. Package-private; reactor thread only.
 */
final class ServerAuth {

    private static final String USERNAME = Base64.getEncoder().encodeToString("Username:".getBytes(UTF_8));
    private static final String PASSWORD = Base64.getEncoder().encodeToString("Password:".getBytes(UTF_8));

    private final SmtpServer server;
    private @Nullable String mechanism;
    private @Nullable String username;
    private @Nullable CramMD5Credentials cram;
    private boolean authenticated;

    ServerAuth(SmtpServer server) {
        this.server = server;
    }

    boolean authenticated() {
        return authenticated && server.login != null;
    }

    /** Returns the mechanisms offered now, space-separated, or empty. */
    String mechanisms() {
        if (server.config.portal() == null) {
            return "";
        }
        return plainAllowed() ? "CRAM-MD5 LOGIN PLAIN" : "CRAM-MD5";
    }

    private boolean plainAllowed() {
        return server.tls || server.config.plainAuthWithoutTls();
    }

    void start(String argument) {
        Portal portal = server.config.portal();
        if (portal == null) {
            server.error(502, "5.5.1", "AUTH not available");
            return;
        }
        if (server.helo == null || !server.helo.extended()) {
            server.error(503, "5.5.1", "Send EHLO first");
            return;
        }
        if (authenticated()) {
            server.error(503, "5.5.1", "Already authenticated");
            return;
        }
        int space = argument.indexOf(' ');
        String name = (space < 0 ? argument : argument.substring(0, space)).toUpperCase(Locale.ROOT);
        String initial = space < 0 ? null : argument.substring(space + 1);
        switch (name) {
            case "PLAIN", "LOGIN" -> {
                if (!plainAllowed()) {
                    server.reply(538, "5.7.11", "Encryption required for requested authentication mechanism");
                    return;
                }
            }
            case "CRAM-MD5" -> {
                if (initial != null) {
                    server.error(501, "5.5.2", "CRAM-MD5 takes no initial response");
                    return;
                }
            }
            default -> {
                server.error(504, "5.5.4", "Unrecognized authentication type");
                return;
            }
        }
        mechanism = name;
        username = null;
        if (initial != null && !initial.equals("=")) {
            server.mode = SmtpServer.Mode.AUTH;
            step(initial);
        } else if (initial != null) {
            server.mode = SmtpServer.Mode.AUTH;
            step("");
        } else {
            server.mode = SmtpServer.Mode.AUTH;
            switch (name) {
                case "PLAIN" -> server.sendRaw("334 ");
                case "LOGIN" -> server.sendRaw("334 " + USERNAME);
                default -> {
                    cram = new CramMD5Credentials(server.config.hostName());
                    server.sendRaw("334 " + Base64.getEncoder().encodeToString(cram.getChallenge().getBytes(UTF_8)));
                }
            }
        }
    }

    /** A line from the client during the exchange. */
    void response(byte[] line) {
        String text = new String(line, UTF_8);
        if (text.equals("*")) {
            server.mode = SmtpServer.Mode.COMMAND;
            server.error(501, "5.0.0", "Authentication aborted");
            return;
        }
        step(text);
    }

    private void step(String encoded) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(encoded.strip());
        } catch (IllegalArgumentException e) {
            server.mode = SmtpServer.Mode.COMMAND;
            server.error(501, "5.5.2", "Cannot decode response");
            return;
        }
        String text = new String(decoded, UTF_8);
        switch (String.valueOf(mechanism)) {
            case "PLAIN" -> {
                String[] parts = text.split("\0", -1);
                if (parts.length != 3 || parts[1].isEmpty()) {
                    server.mode = SmtpServer.Mode.COMMAND;
                    server.error(501, "5.5.2", "Malformed PLAIN response");
                    return;
                }
                login(UsernamePassword.of(parts[1], parts[2]));
            }
            case "LOGIN" -> {
                if (username == null) {
                    username = text;
                    server.sendRaw("334 " + PASSWORD);
                } else {
                    login(UsernamePassword.of(username, text));
                }
            }
            default -> {
                CramMD5Credentials credentials = cram;
                int space = text.lastIndexOf(' ');
                if (credentials == null || space <= 0) {
                    server.mode = SmtpServer.Mode.COMMAND;
                    server.error(501, "5.5.2", "Malformed CRAM-MD5 response");
                    return;
                }
                try {
                    credentials.setResponse(text);
                } catch (LoginFailed e) {
                    server.mode = SmtpServer.Mode.COMMAND;
                    server.error(501, "5.5.2", "Malformed CRAM-MD5 response");
                    return;
                }
                login(credentials);
            }
        }
    }

    private void login(Credentials credentials) {
        server.mode = SmtpServer.Mode.COMMAND;
        mechanism = null;
        cram = null;
        username = null;
        Portal portal = java.util.Objects.requireNonNull(server.config.portal());
        server.await(portal.login(credentials, null, MessageDelivery.class), (LoginResult result) -> {
            server.logout();
            server.login = result;
            server.delivery = result.avatar(MessageDelivery.class);
            authenticated = true;
            server.reply(235, "2.7.0", "Authentication successful");
        }, error -> {
            if (error instanceof UnauthorizedLogin) {
                server.error(535, "5.7.8", "Authentication credentials invalid");
            } else {
                server.failed(error, "login");
            }
        });
    }
}
