package org.twisted4j.mail.relay;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.mail.smtp.Helo;
import org.twisted4j.mail.smtp.MailAddress;
import org.twisted4j.mail.smtp.MessageDelivery;
import org.twisted4j.mail.smtp.MessageSink;
import org.twisted4j.mail.smtp.MessageSinkFactory;
import org.twisted4j.mail.smtp.SmtpRejection;
import org.twisted4j.mail.smtp.SmtpUser;

/**
 * The SMTP server's delivery when it also relays, as Twisted's {@code DomainQueuer} behind a {@code MailService}:
 * recipients of local domains go to the local delivery (Maildirs, aliases); others are accepted into the
 * {@link RelayManager}'s queue only when relaying is allowed, else refused with 550 5.7.1.
 *
 * <pre>{@code
 * RelayingDelivery delivery = new RelayingDelivery(domains, Set.of("example.com"), relay,
 *         RelayingDelivery.networks("127.0.0.0/8", "10.1.0.0/16"), false);
 * }</pre>
 *
 * <h2>Who may relay</h2>
 * A client that logged in (the server's portal gives it {@link #authenticated()}'s delivery), or one connecting
 * from an allowed network. Never anyone by default: an open relay needs the explicit predicate
 * {@code host -> true}. Twisted's own {@code DomainQueuer} relays for clients from loopback addresses only.
 *
 * <p>The message's copy for a queued recipient is held in memory while it arrives, then written to the queue;
 * the sink's Deferred, and so the server's 250, fires only once it is synced on disk.
 *
 * <p>Threading: configure before serving; the delivery methods run on the reactor thread.
 */
public final class RelayingDelivery implements MessageDelivery, RelayManager.Submitter {

    private final MessageDelivery local;
    private final Set<String> localDomains;
    private final RelayManager relay;
    private final Predicate<String> relayFrom;
    private final boolean authenticated;

    /**
     * Makes the delivery.
     *
     * @param local the delivery of local recipients
     * @param localDomains the domains served locally (any case); other domains are relayed
     * @param relay the relay whose queue takes the rest
     * @param relayFrom which client addresses (as {@link Helo#peerHost()} gives them) may relay without logging in
     * @param authenticated whether this is the delivery of a logged-in client, who may relay
     */
    public RelayingDelivery(MessageDelivery local, Set<String> localDomains, RelayManager relay,
            Predicate<String> relayFrom, boolean authenticated) {
        this.local = Objects.requireNonNull(local, "local");
        this.localDomains = localDomains.stream().map(d -> d.toLowerCase(Locale.ROOT)).collect(
                java.util.stream.Collectors.toUnmodifiableSet());
        this.relay = Objects.requireNonNull(relay, "relay");
        this.relayFrom = Objects.requireNonNull(relayFrom, "relayFrom");
        this.authenticated = authenticated;
    }

    /** Returns the same delivery for a client that logged in, who may relay from anywhere. */
    public RelayingDelivery authenticated() {
        return new RelayingDelivery(local, localDomains, relay, relayFrom, true);
    }

    /**
     * Returns a predicate of client addresses within networks given as {@code ADDRESS/BITS} (or a lone address).
     *
     * @throws IllegalArgumentException if a network is malformed
     */
    public static Predicate<String> networks(String... networks) {
        List<byte[]> prefixes = new ArrayList<>();
        List<Integer> lengths = new ArrayList<>();
        for (String network : networks) {
            int slash = network.indexOf('/');
            String address = slash < 0 ? network : network.substring(0, slash);
            byte[] bytes = literal(address);
            if (bytes == null) {
                throw new IllegalArgumentException("not an address: " + address);
            }
            int bits;
            try {
                bits = slash < 0 ? bytes.length * 8 : Integer.parseInt(network.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a prefix length: " + network, e);
            }
            if (bits < 0 || bits > bytes.length * 8) {
                throw new IllegalArgumentException("prefix length out of range: " + network);
            }
            prefixes.add(bytes);
            lengths.add(bits);
        }
        return host -> {
            byte[] bytes = literal(host);
            if (bytes == null) {
                return false;
            }
            for (int i = 0; i < prefixes.size(); i++) {
                if (matches(prefixes.get(i), lengths.get(i), bytes)) {
                    return true;
                }
            }
            return false;
        };
    }

    private static byte @Nullable [] literal(String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        int percent = bare.indexOf('%');
        if (percent >= 0) {
            bare = bare.substring(0, percent);
        }
        if (bare.isEmpty() || !(bare.indexOf(':') >= 0 || bare.matches("[0-9.]+"))) {
            return null;
        }
        try {
            return InetAddress.getByName(bare).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean matches(byte[] prefix, int bits, byte[] address) {
        if (prefix.length != address.length) {
            return false;
        }
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >> (i % 8);
            if ((prefix[i / 8] & mask) != (address[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** Whether an address is for a local domain (or has no domain, as {@code <postmaster>}). */
    public boolean isLocal(MailAddress address) {
        return address.domain().isEmpty() || localDomains.contains(address.domainLowerCase());
    }

    @Override
    public @Nullable String receivedHeader(Helo helo, MailAddress origin, List<SmtpUser> recipients) {
        return local.receivedHeader(helo, origin, recipients);
    }

    @Override
    public Deferred<MailAddress> validateFrom(Helo helo, MailAddress origin) {
        return local.validateFrom(helo, origin);
    }

    @Override
    public Deferred<MessageSinkFactory> validateTo(SmtpUser user) {
        if (isLocal(user.dest())) {
            return local.validateTo(user);
        }
        if (!authenticated && !relayFrom.test(user.helo().peerHost())) {
            return Deferred.fail(new SmtpRejection(550, "5.7.1", "Relaying denied"));
        }
        MailAddress from = user.origin();
        MailAddress to = user.dest();
        return Deferred.succeed(() -> new QueueSink(relay, from, to));
    }

    /**
     * Submits a message as the server would take it: local recipients through the local delivery (each must be
     * accepted), others into the queue. Used for bounces.
     *
     * @return a Deferred firing once every copy is stored, or failing with the first refusal or error
     */
    @Override
    public Deferred<?> submit(MailAddress from, List<MailAddress> to, byte[] message) {
        List<MailAddress> remote = new ArrayList<>();
        List<Deferred<?>> stored = new ArrayList<>();
        Helo helo = new Helo("localhost", "127.0.0.1", true, "localhost");
        for (MailAddress recipient : to) {
            if (!isLocal(recipient)) {
                remote.add(recipient);
                continue;
            }
            stored.add(local.validateTo(new SmtpUser(recipient, helo, from, "ESMTP")).addCallbackDeferred(factory -> {
                MessageSink sink = factory.newSink();
                sink.write(message.clone());
                return sink.eomReceived();
            }));
        }
        if (!remote.isEmpty()) {
            stored.add(relay.enqueue(from, remote, message));
        }
        return Deferred.gatherResults(stored, true);
    }

    /** One queued recipient's copy. */
    private static final class QueueSink implements MessageSink {
        private final RelayManager relay;
        private final MailAddress from;
        private final MailAddress to;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        QueueSink(RelayManager relay, MailAddress from, MailAddress to) {
            this.relay = relay;
            this.from = from;
            this.to = to;
        }

        @Override
        public void write(byte[] data) {
            bytes.writeBytes(data);
        }

        @Override
        public Deferred<?> eomReceived() {
            return relay.enqueue(from, List.of(to), bytes.toByteArray());
        }

        @Override
        public void connectionLost() {
            bytes.reset();
        }
    }
}
