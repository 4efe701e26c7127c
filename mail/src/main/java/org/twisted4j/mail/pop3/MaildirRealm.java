package org.twisted4j.mail.pop3;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.twisted4j.cred.LoginDenied;
import org.twisted4j.cred.LoginFailed;
import org.twisted4j.cred.LoginResult;
import org.twisted4j.cred.Realm;
import org.twisted4j.defer.Deferred;
import org.twisted4j.mail.maildir.MaildirDomains;

/**
 * The POP3 realm of {@link MaildirDomains}: the avatar is a {@link MaildirMailbox} of the user's Maildir, and a
 * mailbox is held by one session at a time (a second login fails with {@link MailboxInUse}) until its logout.
 *
 * <p>Threading: the reactor thread.
 */
public final class MaildirRealm implements Realm {

    private final MaildirDomains domains;
    private final Set<Path> inUse = new HashSet<>();

    /** Thrown (as a failure) when the mailbox is held by another session. */
    public static final class MailboxInUse extends LoginFailed {
        private static final long serialVersionUID = 1L;

        MailboxInUse() {
            super("mailbox in use");
        }
    }

    /**
     * Makes the realm.
     *
     * @param domains the domains whose users' Maildirs are served
     */
    public MaildirRealm(MaildirDomains domains) {
        this.domains = domains;
    }

    @Override
    public Deferred<LoginResult> requestAvatar(String avatarId, @Nullable Object mind, Class<?>... interfaces) {
        Path directory;
        try {
            directory = domains.mailboxDirectory(avatarId).toAbsolutePath().normalize();
        } catch (IllegalArgumentException e) {
            return Deferred.fail(new LoginDenied(e.getMessage()));
        }
        if (!inUse.add(directory)) {
            return Deferred.fail(new MailboxInUse());
        }
        try {
            MaildirMailbox box = MaildirMailbox.open(directory);
            return Deferred.succeed(new LoginResult(Mailbox.class, box, () -> inUse.remove(directory)));
        } catch (IOException e) {
            inUse.remove(directory);
            return Deferred.fail(e);
        }
    }
}
