package org.twisted4j.mail.imap4;

import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.twisted4j.cred.LoginDenied;
import org.twisted4j.cred.LoginResult;
import org.twisted4j.cred.Realm;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.mail.maildir.MaildirDomains;

/**
 * The IMAP realm of {@link MaildirDomains}: the avatar is a {@link MaildirAccount} over the user's Maildir (the
 * one SMTP delivers into and POP3 reads). Sessions share their open folders, so any number of sessions of one user
 * may be logged in at once and each sees the others' changes.
 *
 * <p>Threading: the reactor thread.
 */
public final class MaildirImapRealm implements Realm {

    private final MaildirDomains domains;
    private final MaildirAccount.Folders folders;

    /**
     * Makes the realm.
     *
     * @param domains the domains whose users' Maildirs are served
     * @param clock the clock selected folders are polled on
     */
    public MaildirImapRealm(MaildirDomains domains, ReactorTime clock) {
        this.domains = domains;
        this.folders = new MaildirAccount.Folders(clock);
    }

    @Override
    public Deferred<LoginResult> requestAvatar(String avatarId, @Nullable Object mind, Class<?>... interfaces) {
        try {
            MaildirAccount account = new MaildirAccount(domains.mailboxDirectory(avatarId), folders);
            return Deferred.succeed(new LoginResult(ImapAccount.class, account, LoginResult.NO_LOGOUT));
        } catch (IllegalArgumentException e) {
            return Deferred.fail(new LoginDenied(e.getMessage()));
        } catch (IOException e) {
            return Deferred.fail(e);
        }
    }
}
