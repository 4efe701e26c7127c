package org.twisted4j.cred;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twisted4j.cred.Results.failure;
import static org.twisted4j.cred.Results.result;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.cred.crypt.BCrypt;
import org.twisted4j.cred.crypt.Sha256Crypt;
import org.twisted4j.cred.crypt.Sha512Crypt;

class UNIXPasswordDatabaseTest {

    @TempDir
    Path dir;
    private UNIXPasswordDatabase db;

    @BeforeEach
    void accounts() throws IOException {
        Path passwd = dir.resolve("passwd");
        Path shadow = dir.resolve("shadow");
        Files.writeString(passwd, String.join("\n",
                "root:x:0:0:root:/root:/bin/bash",
                "alice:x:1000:1000::/home/alice:/bin/sh",
                "bob:" + Sha256Crypt.hash("bobpw") + ":1001:1001::/home/bob:/bin/sh",
                "carol:x:1002:1002::/home/carol:/bin/sh",
                "dave:x:1003:1003::/home/dave:/bin/sh",
                "erin:x:1004:1004::/home/erin:/bin/sh",
                "frank:x:1005:1005::/home/frank:/bin/sh",
                "gina:x:1007:1007::/home/gina:/bin/sh",
                "hank:x:1008:1008::/home/hank:/bin/sh",
                "nosh:x:1006:1006::/home/nosh:/bin/sh", ""));
        String locked = Sha512Crypt.hash("carolpw");
        Files.writeString(shadow, String.join("\n",
                "root:*:19000:0:99999:7:::",
                "alice:" + Sha512Crypt.hash("alicepw") + ":19000:0:99999:7:::",
                "carol:!" + locked + ":19000:0:99999:7:::",
                "dave:" + BCrypt.hash("davepw", 4) + ":19000:0:99999:7:::",
                "erin:$y$j9T$abcdefghijklmnop$3dL1LkYnZM.OVXuVdnnaKVDlLYT92dRwOzDZ5XiVCe.:19000::::::",
                "gina:$1$saltsalt$4px9i58NU2Z2/vZOUlGjq.:19000::::::",
                "hank:$y$jFT$abcdefghijklmnop$3dL1LkYnZM.OVXuVdnnaKVDlLYT92dRwOzDZ5XiVCe.:19000::::::",
                "frank::19000::::::", ""));
        db = new UNIXPasswordDatabase(passwd, shadow);
    }

    @Test
    void shadowHashesAreVerified() {
        assertThat(result(db.requestAvatarId(UsernamePassword.of("alice", "alicepw")))).isEqualTo("alice");
        assertThat(result(db.requestAvatarId(UsernamePassword.of("dave", "davepw")))).isEqualTo("dave");
        assertThat(failure(db.requestAvatarId(UsernamePassword.of("alice", "alicepw!"))))
                .isInstanceOf(UnauthorizedLogin.class);
    }

    @Test
    void debianDefaultYescryptHashesAreVerified() {
        // mkpasswd -m yescrypt -S '$y$j9T$abcdefghijklmnop' secret
        assertThat(result(db.requestAvatarId(UsernamePassword.of("erin", "secret")))).isEqualTo("erin");
        assertThat(failure(db.requestAvatarId(UsernamePassword.of("erin", "Secret"))))
                .isInstanceOf(UnauthorizedLogin.class);
    }

    @Test
    void hashInPasswdItselfIsVerified() {
        assertThat(result(db.requestAvatarId(UsernamePassword.of("bob", "bobpw")))).isEqualTo("bob");
    }

    @Test
    void lockedEmptyAndStarEntriesAreRefused() {
        assertThat(failure(db.requestAvatarId(UsernamePassword.of("carol", "carolpw"))))
                .isInstanceOf(UnauthorizedLogin.class);
        assertThat(failure(db.requestAvatarId(UsernamePassword.of("root", "*")))).isInstanceOf(UnauthorizedLogin.class);
        assertThat(failure(db.requestAvatarId(UsernamePassword.of("frank", "")))).isInstanceOf(UnauthorizedLogin.class);
    }

    @Test
    void unknownUsersAndFormatsAreRefused() {
        assertThat(failure(db.requestAvatarId(UsernamePassword.of("zed", "x")))).isInstanceOf(UnauthorizedLogin.class);
        assertThat(failure(db.requestAvatarId(UsernamePassword.of("gina", "x")))).isInstanceOf(UnauthorizedLogin.class);
        // Above the memory limit (libxcrypt's cost 11, 1 GiB): refused without computing.
        assertThat(failure(db.requestAvatarId(UsernamePassword.of("hank", "secret"))))
                .isInstanceOf(UnauthorizedLogin.class);
        assertThat(failure(db.requestAvatarId(UsernamePassword.of("nosh", "x")))).isInstanceOf(UnauthorizedLogin.class);
    }

    @Test
    void unreadableShadowLeavesOnlyPasswdHashes() {
        var noShadow = new UNIXPasswordDatabase(dir.resolve("passwd"), dir.resolve("absent"));
        assertThat(result(noShadow.requestAvatarId(UsernamePassword.of("bob", "bobpw")))).isEqualTo("bob");
        assertThat(failure(noShadow.requestAvatarId(UsernamePassword.of("alice", "alicepw"))))
                .isInstanceOf(UnauthorizedLogin.class);
        assertThat(failure(noShadow.requestAvatarId(UsernamePassword.of("alice", "x"))))
                .isInstanceOf(UnauthorizedLogin.class);
    }
}
