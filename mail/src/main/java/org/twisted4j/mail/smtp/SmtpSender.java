package org.twisted4j.mail.smtp;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.Protocol;
import org.twisted4j.internet.endpoints.StreamClientEndpoint;
import org.twisted4j.internet.ssl.TlsOptions;

/**
 * Sends mail, as Twisted's {@code smtp.sendmail}: connects, runs an {@link SmtpClient} for one message, and gives
 * a Deferred of each recipient's reply.
 *
 * <pre>{@code
 * StreamClientEndpoint mx = Endpoints.clientFromString(reactor, "tcp:host=mx.example.com:port=25");
 * SmtpSender.sendmail(mx, SmtpSender.Settings.of("me.example.org"), MailAddress.parseMailbox("a@example.org", false),
 *         List.of(MailAddress.parseMailbox("b@example.com", false)), messageBytes)
 *     .addCallback(result -> { System.out.println(result.accepted() + " accepted"); return null; });
 * }</pre>
 *
 * <p>Threading: reactor thread only.
 */
public final class SmtpSender {

    private SmtpSender() {
    }

    /**
     * How the client introduces itself, secures the connection and logs in.
     *
     * @param identity the name said in EHLO
     * @param tls the client TLS options for STARTTLS ({@code ClientTlsOptions}), or null not to start TLS
     * @param requireTls whether to give up when the server does not offer STARTTLS
     * @param username the user name for AUTH, or null not to log in
     * @param password the password, with a user name
     * @param allowClearTextAuth whether PLAIN and LOGIN may be used without TLS
     */
    public record Settings(String identity, @Nullable TlsOptions tls, boolean requireTls, @Nullable String username,
            @Nullable String password, boolean allowClearTextAuth) {
        /**
         * Checks the identity.
         *
         * @throws NullPointerException if it is null
         */
        public Settings {
            Objects.requireNonNull(identity, "identity");
        }

        /** Returns settings with only an identity: no TLS, no login. */
        public static Settings of(String identity) {
            return new Settings(identity, null, false, null, null, false);
        }
    }

    /**
     * The reply to one recipient.
     *
     * @param address the recipient
     * @param code the reply code
     * @param text the reply text
     */
    public record RecipientResult(MailAddress address, int code, String text) {
    }

    /**
     * The outcome of a sent message, as Twisted's {@code (numOk, [(address, code, response)...])}.
     *
     * @param accepted how many recipients were accepted
     * @param recipients every recipient's reply, in order
     */
    public record Result(int accepted, List<RecipientResult> recipients) {
    }

    /**
     * One message to send: its envelope and its bytes.
     *
     * @param from the sender, possibly {@link MailAddress#NULL}
     * @param to the recipients, at least one
     * @param message the message; lines may end in LF or CRLF
     */
    public record Outgoing(MailAddress from, List<MailAddress> to, byte[] message) {
        /**
         * Checks and copies the parts.
         *
         * @throws NullPointerException if a part is null
         * @throws IllegalArgumentException if there is no recipient
         */
        public Outgoing {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(message, "message");
            to = List.copyOf(to);
            if (to.isEmpty()) {
                throw new IllegalArgumentException("a message needs at least one recipient");
            }
        }
    }

    /**
     * Connects once and sends several messages over that connection, one after the other, as a relay does
     * for the messages of one destination.
     *
     * @param endpoint where the server is
     * @param settings identity, TLS and login
     * @param messages the messages, at least one
     * @return each message's Deferred, in order: its result, or failing with an {@link SmtpRejection} (a
     *     {@link RecipientsRefused} when every recipient was refused) or with the connection's error
     */
    public static List<Deferred<Result>> sendAll(StreamClientEndpoint endpoint, Settings settings,
            List<Outgoing> messages) {
        SmtpClient client = new SmtpClient(settings, messages);
        Factory factory = new Factory() {
            @Override
            public Protocol buildProtocol(Address peer) {
                client.setFactory(this);
                return client;
            }
        };
        List<Deferred<Result>> results = client.results();
        endpoint.connect(factory).addErrback(failure -> {
            for (Deferred<Result> result : results) {
                if (!result.isCalled()) {
                    result.errback(failure);
                }
            }
            return null;
        });
        return results;
    }

    /**
     * Connects and sends one message.
     *
     * @param endpoint where the server is
     * @param settings identity, TLS and login
     * @param from the sender
     * @param to the recipients, at least one
     * @param message the message
     * @return a Deferred of the result once the server has taken the message, or failing with an
     *     {@link SmtpRejection} (or the connection's error)
     */
    public static Deferred<Result> sendmail(StreamClientEndpoint endpoint, Settings settings, MailAddress from,
            List<MailAddress> to, byte[] message) {
        SmtpClient client = new SmtpClient(settings, from, to, message);
        Factory factory = new Factory() {
            @Override
            public Protocol buildProtocol(Address peer) {
                client.setFactory(this);
                return client;
            }
        };
        return endpoint.connect(factory).addCallbackDeferred(connected -> client.result());
    }
}
