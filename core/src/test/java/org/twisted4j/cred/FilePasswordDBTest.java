package org.twisted4j.cred;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twisted4j.cred.Results.failure;
import static org.twisted4j.cred.Results.result;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.cred.crypt.BCrypt;
import org.twisted4j.cred.crypt.Sha256Crypt;
import org.twisted4j.cred.crypt.Sha512Crypt;
import org.twisted4j.cred.crypt.Ssha;
import org.twisted4j.cred.crypt.Yescrypt;
import org.twisted4j.logger.LogEvent;
import org.twisted4j.logger.LogLevel;
import org.twisted4j.logger.LogObserver;
import org.twisted4j.logger.LogPublisher;

class FilePasswordDBTest {

    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        Path file = dir.resolve("passwords");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void plainLinesCheckPasswordsAndGiveTheUsername() throws IOException {
        var db = new FilePasswordDB(write("alice:secret\nbob:hunter2  \n"));
        assertThat(result(db.requestAvatarId(UsernamePassword.of("alice", "secret")))).isEqualTo("alice");
        assertThat(result(db.requestAvatarId(UsernamePassword.of("bob", "hunter2")))).isEqualTo("bob");
        assertThat(failure(db.requestAvatarId(UsernamePassword.of("alice", "hunter2"))))
                .isInstanceOf(UnauthorizedLogin.class);
        assertThat(failure(db.requestAvatarId(UsernamePassword.of("carol", "x")))).isInstanceOf(UnauthorizedLogin.class);
    }

    @Test
    void hashedFormsAreRecognisedAndVerified() throws IOException {
        var db = new FilePasswordDB(write("b:" + BCrypt.hash("pb", 4) + "\ns6:" + Sha512Crypt.hash("p6") + "\ns5:"
                + Sha256Crypt.hash("p5") + "\nl:" + Ssha.hash("pl") + "\ny:" + BCrypt.hash("py", 4).replace("$2b$", "$2y$")
                + "\nye:" + Yescrypt.hash("pye", 1) + "\nsc:$7$86..../....saltsalt$W8FO9.l0W4e1gEhH6uR1MYKcoKCutjgsf5FwOwJxx33"
                + "\n"));
        for (String[] user : new String[][] {{"b", "pb"}, {"s6", "p6"}, {"s5", "p5"}, {"l", "pl"}, {"y", "py"},
                {"ye", "pye"}, {"sc", "secret"}}) {
            assertThat(result(db.requestAvatarId(UsernamePassword.of(user[0], user[1])))).isEqualTo(user[0]);
            assertThat(failure(db.requestAvatarId(UsernamePassword.of(user[0], user[1] + "x"))))
                    .isInstanceOf(UnauthorizedLogin.class);
        }
    }

    @Test
    void hashedEntriesCannotBeCheckedByChallengeCredentials() throws IOException {
        var db = new FilePasswordDB(write("alice:" + Sha512Crypt.hash("secret") + "\nbob:plain\n"));
        CramMD5Credentials alice = new CramMD5Credentials("h");
        alice.setResponse("alice " + CramMD5Credentials.respond(alice.getChallenge(), "secret"));
        assertThat(failure(db.requestAvatarId(alice))).isInstanceOf(UnauthorizedLogin.class);
        CramMD5Credentials bob = new CramMD5Credentials("h");
        bob.setResponse("bob " + CramMD5Credentials.respond(bob.getChallenge(), "plain"));
        assertThat(result(db.requestAvatarId(bob))).isEqualTo("bob");
    }

    @Test
    void clearTextIsLoggedOnceAsAWarningNamingTheFile() throws IOException {
        Path file = write("alice:secret\nbob:pw\n");
        List<LogEvent> events = new ArrayList<>();
        LogObserver observer = e -> {
            if (e.namespace().equals(FilePasswordDB.class.getName())) {
                events.add(e);
            }
        };
        LogPublisher.global().addObserver(observer);
        try {
            var db = new FilePasswordDB(file);
            result(db.requestAvatarId(UsernamePassword.of("alice", "secret")));
            result(db.requestAvatarId(UsernamePassword.of("bob", "pw")));
            failure(db.requestAvatarId(UsernamePassword.of("bob", "nope")));
        } finally {
            LogPublisher.global().removeObserver(observer);
        }
        assertThat(events).hasSize(1);
        assertThat(events.get(0).level()).isEqualTo(LogLevel.WARN);
        assertThat(events.get(0).text()).contains(file.toString()).contains("clear text").doesNotContain("secret");
    }

    @Test
    void delimiterFieldsAndCaseInsensitivityAsTwisted() throws IOException {
        var db = new FilePasswordDB(write("1000 Alice secret\nshort\n"), " ", 1, 2, false, null, false);
        assertThat(result(db.requestAvatarId(UsernamePassword.of("ALICE", "secret")))).isEqualTo("Alice");
        assertThat(failure(db.requestAvatarId(UsernamePassword.of("short", "")))).isInstanceOf(UnauthorizedLogin.class);
        var sensitive = new FilePasswordDB(write("Alice:secret\n"));
        assertThat(failure(sensitive.requestAvatarId(UsernamePassword.of("alice", "secret"))))
                .isInstanceOf(UnauthorizedLogin.class);
    }

    @Test
    void hashFunctionIsAppliedAndLimitsCredentialsToClearPasswords() throws IOException {
        PasswordHash reverse = (user, password, stored) -> new StringBuilder(password).reverse().toString();
        var db = new FilePasswordDB(write("alice:terces\n"), ":", 0, 1, true, reverse, false);
        assertThat(db.credentialInterfaces()).isEqualTo(Set.of(UsernamePassword.class));
        assertThat(result(db.requestAvatarId(UsernamePassword.of("alice", "secret")))).isEqualTo("alice");
        assertThat(failure(db.requestAvatarId(UsernamePassword.of("alice", "terces"))))
                .isInstanceOf(UnauthorizedLogin.class);
        assertThat(new FilePasswordDB(dir.resolve("x")).credentialInterfaces())
                .isEqualTo(Set.of(UsernamePassword.class, UsernameHashedPassword.class));
    }

    @Test
    void cacheKeepsTheFileUntilItChanges() throws IOException {
        Path file = write("alice:one\n");
        var db = new FilePasswordDB(file, ":", 0, 1, true, null, true);
        result(db.requestAvatarId(UsernamePassword.of("alice", "one")));
        FileTime time = Files.getLastModifiedTime(file);
        Files.writeString(file, "alice:two\n");
        Files.setLastModifiedTime(file, time);
        result(db.requestAvatarId(UsernamePassword.of("alice", "one")));
        Files.setLastModifiedTime(file, FileTime.fromMillis(time.toMillis() + 5000));
        result(db.requestAvatarId(UsernamePassword.of("alice", "two")));
        var uncached = new FilePasswordDB(file);
        Files.writeString(file, "alice:three\n");
        result(uncached.requestAvatarId(UsernamePassword.of("alice", "three")));
    }

    @Test
    void missingFileFailsWithUnauthorizedLogin() {
        var db = new FilePasswordDB(dir.resolve("absent"));
        assertThat(failure(db.requestAvatarId(UsernamePassword.of("alice", "x"))))
                .isInstanceOf(UnauthorizedLogin.class).hasMessage("Unable to load credentials db.");
    }

    @Test
    void malformedHashRefusesTheLogin() throws IOException {
        var db = new FilePasswordDB(write("alice:$6$salt$tooshort\n"));
        assertThat(failure(db.requestAvatarId(UsernamePassword.of("alice", "$6$salt$tooshort"))))
                .isInstanceOf(UnauthorizedLogin.class);
    }

    @Test
    void lineParserSplitsAtEveryDelimiterAndSkipsShortLines() {
        assertThat(FilePasswordDB.parseLine("a:b:c", ":", 0, 1)).isEqualTo(new FilePasswordDB.Entry("a", "b"));
        assertThat(FilePasswordDB.parseLine("a:b:c", ":", 2, 0)).isEqualTo(new FilePasswordDB.Entry("c", "a"));
        assertThat(FilePasswordDB.parseLine("a::", ":", 0, 2)).isEqualTo(new FilePasswordDB.Entry("a", ""));
        assertThat(FilePasswordDB.parseLine("a", ":", 0, 1)).isNull();
        assertThat(FilePasswordDB.parseLine("", ":", 0, 1)).isNull();
        assertThat(FilePasswordDB.parseLine("a.*b", ".*", 0, 1)).isEqualTo(new FilePasswordDB.Entry("a", "b"));
    }
}
