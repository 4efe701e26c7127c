package org.twisted4j.cred.plugins;

import java.util.Set;
import org.twisted4j.cred.CheckerFactory;
import org.twisted4j.cred.Credentials;
import org.twisted4j.cred.CredentialsChecker;
import org.twisted4j.cred.InMemoryUsernamePasswordDatabaseDontUse;
import org.twisted4j.cred.UsernameHashedPassword;
import org.twisted4j.cred.UsernamePassword;

/**
 * {@code --auth memory:NAME:PASSWORD[:NAME:PASSWORD...]}: {@link InMemoryUsernamePasswordDatabaseDontUse}
 * (Twisted's {@code cred_memory}).
 *
 * <p>Any thread (stateless).
 */
public final class MemoryCheckerFactory implements CheckerFactory {

    /** Makes the factory (for the service loader). */
    public MemoryCheckerFactory() {
    }

    @Override
    public String authType() {
        return "memory";
    }

    @Override
    public String authHelp() {
        return "Checks user names and passwords given on the command line, held in memory. For tests and "
                + "examples only: the passwords show in the process list.";
    }

    @Override
    public String argStringFormat() {
        return "A colon-separated list (name:password:...)";
    }

    @Override
    public Set<Class<? extends Credentials>> credentialInterfaces() {
        return Set.of(UsernamePassword.class, UsernameHashedPassword.class);
    }

    @Override
    public CredentialsChecker generateChecker(String argument) {
        if (argument.isEmpty()) {
            throw new IllegalArgumentException("memory: a colon-separated list (name:password:...) is required");
        }
        String[] parts = argument.split(":", -1);
        if (parts.length % 2 != 0) {
            throw new IllegalArgumentException("memory: user '" + parts[parts.length - 1]
                    + "' has no password (the list must alternate name:password)");
        }
        var checker = new InMemoryUsernamePasswordDatabaseDontUse();
        for (int i = 0; i < parts.length; i += 2) {
            if (parts[i].isEmpty()) {
                throw new IllegalArgumentException("memory: entry " + (i / 2 + 1) + " has an empty user name");
            }
            checker.addUser(parts[i], parts[i + 1]);
        }
        return checker;
    }
}
