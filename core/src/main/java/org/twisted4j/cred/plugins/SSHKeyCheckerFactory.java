package org.twisted4j.cred.plugins;

import java.util.Set;
import org.twisted4j.cred.CheckerFactory;
import org.twisted4j.cred.Credentials;
import org.twisted4j.cred.CredentialsChecker;
import org.twisted4j.cred.SSHPrivateKey;
import org.twisted4j.cred.SSHPublicKeyChecker;
import org.twisted4j.cred.UNIXAuthorizedKeysFiles;

/**
 * {@code --auth sshkey}: {@link SSHPublicKeyChecker} over {@link UNIXAuthorizedKeysFiles} (Twisted's
 * {@code cred_sshkeys}), verifying signatures with {@link org.twisted4j.cred.SSHSignatureVerifier}.
 *
 * <p>Any thread (stateless).
 */
public final class SSHKeyCheckerFactory implements CheckerFactory {

    /** Makes the factory (for the service loader). */
    public SSHKeyCheckerFactory() {
    }

    @Override
    public String authType() {
        return "sshkey";
    }

    @Override
    public String authHelp() {
        return "Checks SSH public keys against each user's ~/.ssh/authorized_keys and ~/.ssh/authorized_keys2.";
    }

    @Override
    public String argStringFormat() {
        return "No argument.";
    }

    @Override
    public Set<Class<? extends Credentials>> credentialInterfaces() {
        return Set.of(SSHPrivateKey.class);
    }

    @Override
    public CredentialsChecker generateChecker(String argument) {
        return new SSHPublicKeyChecker(new UNIXAuthorizedKeysFiles());
    }
}
