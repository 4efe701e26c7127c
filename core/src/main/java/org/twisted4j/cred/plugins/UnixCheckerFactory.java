package org.twisted4j.cred.plugins;

import java.util.Set;
import org.twisted4j.cred.CheckerFactory;
import org.twisted4j.cred.Credentials;
import org.twisted4j.cred.CredentialsChecker;
import org.twisted4j.cred.UNIXPasswordDatabase;
import org.twisted4j.cred.UsernamePassword;

/**
 * {@code --auth unix}: {@link UNIXPasswordDatabase} (Twisted's {@code cred_unix}).
 *
 * <p>Any thread (stateless).
 */
public final class UnixCheckerFactory implements CheckerFactory {

    /** Makes the factory (for the service loader). */
    public UnixCheckerFactory() {
    }

    @Override
    public String authType() {
        return "unix";
    }

    @Override
    public String authHelp() {
        return "Checks user names and passwords against the system's accounts (/etc/passwd, and /etc/shadow when "
                + "readable). yescrypt, scrypt, bcrypt and SHA-crypt hashes are verified; MD5 and DES crypt are not.";
    }

    @Override
    public String argStringFormat() {
        return "No argument.";
    }

    @Override
    public Set<Class<? extends Credentials>> credentialInterfaces() {
        return Set.of(UsernamePassword.class);
    }

    @Override
    public CredentialsChecker generateChecker(String argument) {
        return new UNIXPasswordDatabase();
    }
}
