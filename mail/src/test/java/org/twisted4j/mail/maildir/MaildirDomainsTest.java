package org.twisted4j.mail.maildir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.cred.UsernamePassword;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.ReactorThreads;
import org.twisted4j.mail.smtp.Helo;
import org.twisted4j.mail.smtp.MailAddress;
import org.twisted4j.mail.smtp.MessageSink;
import org.twisted4j.mail.smtp.MessageSinkFactory;
import org.twisted4j.mail.smtp.SmtpRejection;
import org.twisted4j.mail.smtp.SmtpUser;
import org.twisted4j.testing.InlineThreads;

class MaildirDomainsTest {

    @TempDir
    Path dir;

    /** Runs "threaded" work at once, on the caller's thread, so the test sees its result synchronously. */
    private static final ReactorThreads INLINE = InlineThreads.INSTANCE;

    private MaildirDomains domains() throws IOException {
        Path example = dir.resolve("example");
        Files.createDirectories(example);
        Files.writeString(example.resolve("passwd"), "# users\nbob:secret\n");
        MaildirDomains domains = new MaildirDomains(INLINE);
        domains.addDomain("Example.COM", example);
        return domains;
    }

    private static SmtpUser to(String address) {
        return new SmtpUser(MailAddress.parseMailbox(address, false), new Helo("c", "127.0.0.1", true, "mx"),
                MailAddress.NULL, "ESMTP");
    }

    private static Object result(Deferred<?> deferred) {
        List<Object> out = new ArrayList<>();
        deferred.addCallbacks(value -> out.add(value), failure -> out.add(failure.value()));
        return out.get(0);
    }

    @Test
    void knownUsersAndPostmasterAreAcceptedOthersRefused() throws IOException {
        MaildirDomains domains = domains();
        assertThat(result(domains.validateTo(to("bob@example.com")))).isInstanceOf(MessageSinkFactory.class);
        assertThat(result(domains.validateTo(to("PostMaster@EXAMPLE.com")))).isInstanceOf(MessageSinkFactory.class);
        assertThat(result(domains.validateTo(to("alice@example.com"))))
                .isInstanceOfSatisfying(SmtpRejection.class, r -> assertThat(r.code()).isEqualTo(550));
        assertThat(result(domains.validateTo(to("bob@other.test"))))
                .isInstanceOfSatisfying(SmtpRejection.class, r -> assertThat(r.enhancedCode()).isEqualTo("5.7.1"));
        assertThat(result(domains.validateTo(to("\"../bob\"@example.com")))).isInstanceOf(SmtpRejection.class);
    }

    @Test
    void defaultDomainAndCatchAll() throws IOException {
        MaildirDomains domains = domains();
        domains.setDefaultDomain("example.com");
        domains.setCatchAll("example.com", "bob");
        Object factory = result(domains.validateTo(to("anyone@other.test")));
        MessageSink sink = ((MessageSinkFactory) factory).newSink();
        sink.write("Subject: x\r\n\r\nhi\r\n".getBytes());
        assertThat(result(sink.eomReceived())).isInstanceOf(Path.class);
        try (var files = Files.list(dir.resolve("example/bob/new"))) {
            assertThat(files.toList()).singleElement()
                    .satisfies(p -> assertThat(Files.readString(p)).isEqualTo("Subject: x\r\n\r\nhi\r\n"));
        }
    }

    @Test
    void checkerLogsInUsersOfTheDomains() throws IOException {
        MaildirDomains domains = domains();
        assertThat(result(domains.checker().requestAvatarId(UsernamePassword.of("bob@example.com", "secret"))))
                .isEqualTo("bob@example.com");
        assertThat(result(domains.checker().requestAvatarId(UsernamePassword.of("bob@example.com", "nope"))))
                .isInstanceOf(org.twisted4j.cred.UnauthorizedLogin.class);
    }

    @Test
    void unsafeUserNamesAreRefused() throws IOException {
        MaildirDomains domains = domains();
        assertThatThrownBy(() -> domains.addUser("example.com", "../etc", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> domains.addUser("nowhere.test", "bob", "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
