package org.twisted4j.cred.plugins;

import java.util.Set;
import org.twisted4j.cred.AllowAnonymousAccess;
import org.twisted4j.cred.Anonymous;
import org.twisted4j.cred.CheckerFactory;
import org.twisted4j.cred.Credentials;
import org.twisted4j.cred.CredentialsChecker;

/**
 * {@code --auth anonymous}: {@link AllowAnonymousAccess} (Twisted's {@code cred_anonymous}).
 *
 * <p>Any thread (stateless).
 */
public final class AnonymousCheckerFactory implements CheckerFactory {

    /** Makes the factory (for the service loader). */
    public AnonymousCheckerFactory() {
    }

    @Override
    public String authType() {
        return "anonymous";
    }

    @Override
    public String authHelp() {
        return "Lets anyone in anonymously, for servers that support anonymous logins.";
    }

    @Override
    public String argStringFormat() {
        return "No argument.";
    }

    @Override
    public Set<Class<? extends Credentials>> credentialInterfaces() {
        return Set.of(Anonymous.class);
    }

    @Override
    public CredentialsChecker generateChecker(String argument) {
        return new AllowAnonymousAccess();
    }
}
