package org.twisted4j.cred;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.twisted4j.cred.Results.failure;
import static org.twisted4j.cred.Results.result;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.application.Options;
import org.twisted4j.application.ParsedOptions;
import org.twisted4j.application.UsageError;

class AuthOptionsTest {

    private final AuthOptions auth = new AuthOptions();
    private final Options spec = auth.addTo(new Options("server [options]"));

    @Test
    void everyCoreTypeIsFoundWithTwistedsNames() {
        assertThat(StrCred.authTypes()).contains("anonymous", "memory", "file", "unix", "sshkey");
        assertThat(StrCred.makeChecker("anonymous")).isInstanceOf(AllowAnonymousAccess.class);
        assertThat(StrCred.makeChecker("unix")).isInstanceOf(UNIXPasswordDatabase.class);
        assertThat(StrCred.makeChecker("sshkey")).isInstanceOf(SSHPublicKeyChecker.class);
        assertThat(StrCred.makeChecker("file:/nonexistent")).isInstanceOf(FilePasswordDB.class);
    }

    @Test
    void memoryStringMakesItsUsers() {
        CredentialsChecker checker = StrCred.makeChecker("memory:alice:secret:bob:pw");
        assertThat(checker).isInstanceOf(InMemoryUsernamePasswordDatabaseDontUse.class);
        assertThat(result(checker.requestAvatarId(UsernamePassword.of("alice", "secret")))).isEqualTo("alice");
        assertThat(failure(checker.requestAvatarId(UsernamePassword.of("bob", "p")))).isInstanceOf(UnauthorizedLogin.class);
    }

    @Test
    void fileStringReadsThatFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("users");
        Files.writeString(file, "alice:secret\n");
        ParsedOptions opts = spec.parse(List.of("--auth", "file:" + file, "--auth", "anonymous"));
        List<CredentialsChecker> checkers = auth.checkers(opts);
        assertThat(checkers).hasSize(2);
        assertThat(((FilePasswordDB) checkers.get(0)).file()).isEqualTo(file);
        assertThat(result(checkers.get(0).requestAvatarId(UsernamePassword.of("alice", "secret")))).isEqualTo("alice");
        assertThat(checkers.get(1)).isInstanceOf(AllowAnonymousAccess.class);
    }

    @Test
    void unknownTypeIsAUsageErrorNamingItAndTheKnownTypes() {
        ParsedOptions opts = spec.parse(List.of("--auth", "ldap:x"));
        assertThatThrownBy(() -> auth.checkers(opts)).isInstanceOf(UsageError.class)
                .hasMessageContaining("--auth 'ldap:x'").hasMessageContaining("unknown auth type 'ldap'")
                .hasMessageContaining("memory");
        assertThatThrownBy(() -> StrCred.makeChecker("ldap")).isInstanceOf(InvalidAuthType.class);
    }

    @Test
    void malformedArgumentsAreUsageErrorsNamingThePartWithoutPasswords() {
        assertThatThrownBy(() -> auth.checker("memory:alice:secret:bob")).isInstanceOf(UsageError.class)
                .hasMessageContaining("user 'bob' has no password").hasMessageContaining("name:password")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> auth.checker("memory")).isInstanceOf(UsageError.class)
                .hasMessageContaining("is required");
        assertThatThrownBy(() -> auth.checker("memory::pw")).isInstanceOf(UsageError.class)
                .hasMessageContaining("empty user name").hasMessageNotContaining("pw'");
        assertThatThrownBy(() -> auth.checker("file:")).isInstanceOf(UsageError.class)
                .hasMessageContaining("'file' requires a filename");
    }

    @Test
    void typesTheServerCannotUseAreRefused() {
        AuthOptions passwordsOnly = new AuthOptions(Set.of(UsernamePassword.class));
        assertThatThrownBy(() -> passwordsOnly.checker("anonymous")).isInstanceOf(UsageError.class)
                .hasMessageContaining("not supported here");
        assertThat(passwordsOnly.checker("unix")).isInstanceOf(UNIXPasswordDatabase.class);
        assertThat(passwordsOnly.typesHelp()).contains("file").contains("memory").doesNotContain("anonymous");
    }

    @Test
    void helpAuthListsTheTypes() {
        String help = auth.help(spec.parse(List.of("--help-auth"))).orElseThrow();
        assertThat(help).contains("anonymous", "file", "memory", "sshkey", "unix");
        assertThat(auth.help(spec.parse(List.of()))).isEmpty();
        assertThat(spec.help()).contains("--auth=TYPE[:ARGUMENT]").contains("--help-auth")
                .contains("--help-auth-type=TYPE").contains("(may be repeated)");
    }

    @Test
    void helpAuthTypeShowsUsageArgumentAndCredentialKinds() {
        String help = auth.help(spec.parse(List.of("--help-auth-type", "memory"))).orElseThrow();
        assertThat(help).contains("Usage: --auth memory:ARGUMENT").contains("name:password")
                .contains("UsernamePassword");
        assertThatThrownBy(() -> auth.help(spec.parse(List.of("--help-auth-type=nope"))))
                .isInstanceOf(UsageError.class).hasMessageContaining("unknown auth type 'nope'");
    }
}
