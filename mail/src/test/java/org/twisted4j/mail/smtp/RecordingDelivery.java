package org.twisted4j.mail.smtp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;

/**
 * A delivery for tests: it records what it is given; by default it accepts everything at once, and with
 * {@link #holdAnswers} it keeps its Deferreds pending until the test fires them.
 */
final class RecordingDelivery implements MessageDelivery {

    final List<MailAddress> senders = new ArrayList<>();
    final List<MailAddress> recipients = new ArrayList<>();
    final List<String> messages = new ArrayList<>();
    final Deque<Deferred<?>> pending = new ArrayDeque<>();
    final Deque<Deferred<@Nullable Void>> stores = new ArrayDeque<>();
    int lost;
    boolean holdAnswers;
    boolean holdStores;
    boolean addReceived;

    @Override
    public @Nullable String receivedHeader(Helo helo, MailAddress origin, List<SmtpUser> users) {
        return addReceived ? "Received: from " + helo.name() + " by " + helo.serverName() + " with "
                + users.get(0).protocolName() : null;
    }

    @Override
    public Deferred<MailAddress> validateFrom(Helo helo, MailAddress origin) {
        if (origin.localPart().equals("spammer")) {
            return Deferred.fail(new SmtpRejection(550, "5.7.1", "Go away"));
        }
        senders.add(origin);
        return answer(origin);
    }

    @Override
    public Deferred<MessageSinkFactory> validateTo(SmtpUser user) {
        if (user.dest().localPart().equals("nobody")) {
            return Deferred.fail(new SmtpRejection(550, "5.1.1", "No such user"));
        }
        recipients.add(user.dest());
        return answer(() -> new MessageSink() {
            private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

            @Override
            public void write(byte[] data) {
                bytes.writeBytes(data);
            }

            @Override
            public Deferred<?> eomReceived() {
                messages.add(bytes.toString(StandardCharsets.UTF_8));
                if (holdStores) {
                    Deferred<@Nullable Void> stored = new Deferred<>();
                    stores.add(stored);
                    return stored;
                }
                return Deferred.succeed(null);
            }

            @Override
            public void connectionLost() {
                lost++;
            }
        });
    }

    private <T> Deferred<T> answer(T value) {
        if (!holdAnswers) {
            return Deferred.succeed(value);
        }
        Deferred<T> later = new Deferred<>();
        pending.add(later);
        return later.addCallback(ignored -> value);
    }

    @SuppressWarnings("unchecked")
    void fireNext() {
        ((Deferred<Object>) pending.removeFirst()).callback(null);
    }
}
