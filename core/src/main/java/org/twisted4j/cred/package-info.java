/**
 * Authentication, as Twisted's {@code twisted.cred}: a protocol hands what the client offered
 * ({@link org.twisted4j.cred.Credentials}) to a {@link org.twisted4j.cred.Portal}, which asks the
 * {@link org.twisted4j.cred.CredentialsChecker} registered for that kind of credentials whose they are, and then
 * the application's {@link org.twisted4j.cred.Realm} for that user's avatar.
 *
 * <pre>{@code
 * Portal portal = new Portal(realm, new FilePasswordDB(Path.of("passwords")));
 * portal.login(UsernamePassword.of(user, password), null, Mailbox.class)   // Deferred<LoginResult>
 * }</pre>
 *
 * <p>Credentials: {@link org.twisted4j.cred.UsernamePassword}, {@link org.twisted4j.cred.UsernameHashedPassword}
 * (CRAM-MD5, HTTP Digest, PB's challenge), {@link org.twisted4j.cred.Anonymous},
 * {@link org.twisted4j.cred.SSHPrivateKey}. Checkers: {@link org.twisted4j.cred.AllowAnonymousAccess}, the in-memory
 * database, password files, the system's accounts, SSH authorized_keys files. The {@code --auth} strings of
 * Twisted's {@code strcred} make checkers from the command line ({@link org.twisted4j.cred.AuthOptions}, {@link org.twisted4j.cred.StrCred}).
 *
 * <p>Types say their threading; a portal and its checkers belong to the reactor thread.
 */
@NullMarked
package org.twisted4j.cred;

import org.jspecify.annotations.NullMarked;
