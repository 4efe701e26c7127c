package org.twisted4j.conch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.trial.TrialExtension;

@ExtendWith(TrialExtension.class)
class UnixAccountTest {

    @TempDir
    Path dir;

    @Test
    void aPasswdLineGivesTheAccount() {
        assertThat(UnixAccount.parse("alice:x:1001:1002:Alice,,,:/home/alice:/bin/bash"))
                .isEqualTo(new UnixAccount("alice", 1001, 1002, Path.of("/home/alice"), "/bin/bash"));
    }

    @Test
    void anEmptyShellIsBinSh() {
        assertThat(UnixAccount.parse("bob:x:5:5::/var/bob:").shell()).isEqualTo("/bin/sh");
    }

    @Test
    void malformedLinesAreNoAccount() {
        assertThat(UnixAccount.parse("# comment")).isNull();
        assertThat(UnixAccount.parse("")).isNull();
        assertThat(UnixAccount.parse("alice:x:1001:1002::/home/alice")).isNull();
        assertThat(UnixAccount.parse("alice:x:-1:1002::/home/alice:/bin/sh")).isNull();
        assertThat(UnixAccount.parse("alice:x:1001:abc::/home/alice:/bin/sh")).isNull();
        assertThat(UnixAccount.parse("alice:x:99999999999:1::/home/alice:/bin/sh")).isNull();
        assertThat(UnixAccount.parse("alice:x:1:1::relative:/bin/sh")).isNull();
        assertThat(UnixAccount.parse(":x:1:1::/home:/bin/sh")).isNull();
        assertThat(UnixAccount.parse("alice:x:1:1::/home:/bin/sh:extra")).isNull();
    }

    @Test
    void lookupFindsTheNamedEntry() throws Exception {
        Path passwd = Files.writeString(dir.resolve("passwd"),
                "root:x:0:0:root:/root:/bin/bash\nbroken line\nalice:x:1001:1001::/home/alice:/bin/sh\n");
        assertThat(UnixAccount.lookup(passwd, "alice")).map(UnixAccount::uid).contains(1001);
        assertThat(UnixAccount.lookup(passwd, "carol")).isEmpty();
    }

    @Test
    void theSwitchIsSetprivWithTheIdsAndTheAccountsGroups() {
        UnixAccount alice = new UnixAccount("alice", 1001, 1002, Path.of("/home/alice"), "/bin/sh");
        assertThat(alice.switchCommand()).containsExactly("/usr/bin/setpriv", "--reuid=1001", "--regid=1002",
                "--init-groups", "--");
    }

    @Test
    void theServersOwnAccountNeedsNoSwitch(NioReactor reactor) throws Exception {
        int uid = UnixAccount.processUid();
        assertThat(uid).isEqualTo(Files.getAttribute(Files.createFile(dir.resolve("mine")), "unix:uid"));
        UnixAccount self = new UnixAccount("self", uid, 0, dir, "/bin/sh");
        ProcessUser user = ProcessUser.forAccount(self, reactor, false);
        assertThat(user.switchesUser()).isFalse();
        assertThat(user.home()).isEqualTo(dir);
        assertThat(user.openSession()).isNotNull();
        UnixAccount other = new UnixAccount("other", uid + 1, 0, dir, "/bin/sh");
        assertThat(ProcessUser.forAccount(other, reactor, false).switchesUser())
                .isTrue();
    }

    @Test
    void aServerNotRunningAsRootRefusesSessionsOfOtherAccounts(NioReactor reactor) {
        UnixAccount alice = new UnixAccount("alice", 1001, 1001, dir, "/bin/sh");
        ProcessUser asOther = ProcessUser.forAccount(alice, reactor, false, () -> 1000);
        assertThat(asOther.switchesUser()).isTrue();
        assertThat(asOther.openSession()).isNull();
        ProcessUser asRoot = ProcessUser.forAccount(alice, reactor, false, () -> 0);
        assertThat(asRoot.switchesUser()).isTrue();
        assertThat(asRoot.openSession()).isNotNull();
        ProcessUser asAlice = ProcessUser.forAccount(alice, reactor, false, () -> 1001);
        assertThat(asAlice.switchesUser()).isFalse();
        assertThat(asAlice.openSession()).isNotNull();
    }
}
