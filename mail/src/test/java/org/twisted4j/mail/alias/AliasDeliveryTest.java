package org.twisted4j.mail.alias;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.ReactorThreads;
import org.twisted4j.mail.smtp.Helo;
import org.twisted4j.mail.smtp.MailAddress;
import org.twisted4j.mail.smtp.MessageDelivery;
import org.twisted4j.mail.smtp.MessageSink;
import org.twisted4j.mail.smtp.MessageSinkFactory;
import org.twisted4j.mail.smtp.SmtpRejection;
import org.twisted4j.mail.smtp.SmtpUser;
import org.twisted4j.testing.InlineThreads;

class AliasDeliveryTest {

    @TempDir
    Path dir;

    private final List<String> delivered = new ArrayList<>();

    private static final ReactorThreads INLINE = InlineThreads.INSTANCE;

    /** Accepts bob, carol and anyone at else.test; records each copy. */
    private final MessageDelivery behind = new MessageDelivery() {
        @Override
        public Deferred<MailAddress> validateFrom(Helo helo, MailAddress origin) {
            return Deferred.succeed(origin);
        }

        @Override
        public Deferred<MessageSinkFactory> validateTo(SmtpUser user) {
            MailAddress dest = user.dest();
            if (!List.of("bob", "carol").contains(dest.localPart()) && !dest.domain().equals("else.test")) {
                return Deferred.fail(new SmtpRejection(550, "5.1.1", "No such user here"));
            }
            return Deferred.succeed(() -> new MessageSink() {
                private final StringBuilder text = new StringBuilder();

                @Override
                public void write(byte[] bytes) {
                    text.append(new String(bytes, UTF_8));
                }

                @Override
                public Deferred<?> eomReceived() {
                    delivered.add(dest + ": " + text);
                    return Deferred.succeed(null);
                }

                @Override
                public void connectionLost() {
                }
            });
        }
    };

    private static SmtpUser to(String address) {
        return new SmtpUser(MailAddress.parseMailbox(address, false), new Helo("c", "127.0.0.1", true, "mx"),
                MailAddress.parseMailbox("s@a.test", false), "ESMTP");
    }

    private static Object result(Deferred<?> deferred) {
        List<Object> out = new ArrayList<>();
        deferred.addCallbacks(value -> out.add(value), failure -> out.add(failure.value()));
        return out.get(0);
    }

    private Object send(AliasDelivery aliases, String to, String message) {
        Object factory = result(aliases.validateTo(to(to)));
        if (!(factory instanceof MessageSinkFactory f)) {
            return factory;
        }
        MessageSink sink = f.newSink();
        sink.write(message.getBytes(UTF_8));
        return result(sink.eomReceived());
    }

    private AliasDelivery aliases(String text) {
        return new AliasDelivery(INLINE, behind, "example.com", AliasFile.parse(text));
    }

    @Test
    void groupsExpandThroughNestedAliasesToAddressesFilesAndCommands() throws IOException {
        Path archive = dir.resolve("archive");
        Path piped = dir.resolve("piped");
        AliasDelivery aliases = aliases("team: bob, helpers, " + archive + ", \"|cat > " + piped + "\"\n"
                + "helpers: carol, friend@else.test, bob\n");
        assertThat(send(aliases, "Team@Example.com", "Subject: hi\r\n\r\nbody\r\n")).isNotInstanceOf(Throwable.class);
        assertThat(delivered).containsExactly("bob@example.com: Subject: hi\r\n\r\nbody\r\n",
                "carol@example.com: Subject: hi\r\n\r\nbody\r\n", "friend@else.test: Subject: hi\r\n\r\nbody\r\n");
        assertThat(Files.readString(archive)).isEqualTo("Subject: hi\r\n\r\nbody\r\n");
        assertThat(Files.readString(piped)).isEqualTo("Subject: hi\r\n\r\nbody\r\n");

        send(aliases, "team@example.com", "second");
        assertThat(Files.readString(archive)).as("appended, with a newline added").isEqualTo(
                "Subject: hi\r\n\r\nbody\r\nsecond\n");
    }

    @Test
    void nonAliasesGoBehindAndLoopsAreRefused() {
        AliasDelivery aliases = aliases("a: b\nb: a\nc: a, carol\n");
        send(aliases, "bob@example.com", "direct");
        assertThat(delivered).containsExactly("bob@example.com: direct");
        assertThat(send(aliases, "a@example.com", "x")).isInstanceOfSatisfying(SmtpRejection.class,
                r -> assertThat(r.enhancedCode()).isEqualTo("5.4.6"));
        send(aliases, "c@example.com", "loop and carol");
        assertThat(delivered).contains("carol@example.com: loop and carol");
        assertThat(send(aliases, "a@other.test", "other domain")).isInstanceOf(SmtpRejection.class);
    }

    @Test
    void aFailingCommandFailsTheDeliveryWith451AndNoTargetAcceptingIsRefused() {
        AliasDelivery aliases = aliases("bad: |exit 3\nnobody: dave, eve\n");
        assertThat(send(aliases, "bad@example.com", "x")).isInstanceOfSatisfying(SmtpRejection.class,
                r -> assertThat(r.code()).isEqualTo(451));
        assertThat(send(aliases, "nobody@example.com", "x")).isInstanceOfSatisfying(SmtpRejection.class,
                r -> assertThat(r.code()).isEqualTo(550));
    }
}
