package org.twisted4j.cred.plugins;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.InvalidPathException;
import java.util.Set;
import org.twisted4j.cred.CheckerFactory;
import org.twisted4j.cred.Credentials;
import org.twisted4j.cred.CredentialsChecker;
import org.twisted4j.cred.FilePasswordDB;
import org.twisted4j.cred.UsernameHashedPassword;
import org.twisted4j.cred.UsernamePassword;
import org.twisted4j.logger.Logger;

/**
 * {@code --auth file:PATH}: {@link FilePasswordDB} with its defaults (Twisted's {@code cred_file}). A path that
 * is not a file is logged as a warning, as Twisted does, and logins then fail until it exists.
 *
 * <p>Any thread (stateless).
 */
public final class FileCheckerFactory implements CheckerFactory {

    private static final Logger LOG = Logger.forClass(FileCheckerFactory.class);

    /** Makes the factory (for the service loader). */
    public FileCheckerFactory() {
    }

    @Override
    public String authType() {
        return "file";
    }

    @Override
    public String authHelp() {
        return "Checks user names and passwords against a file of name:password lines. Passwords may be bcrypt "
                + "($2b$), SHA-512-crypt ($6$), SHA-256-crypt ($5$) or {SSHA} hashes, or clear text (logged as a "
                + "warning).";
    }

    @Override
    public String argStringFormat() {
        return "Location of a FilePasswordDB-formatted file.";
    }

    @Override
    public Set<Class<? extends Credentials>> credentialInterfaces() {
        return Set.of(UsernamePassword.class, UsernameHashedPassword.class);
    }

    @Override
    public CredentialsChecker generateChecker(String argument) {
        if (argument.isBlank()) {
            throw new IllegalArgumentException("'file' requires a filename");
        }
        Path path;
        try {
            path = Path.of(argument);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("file: '" + argument + "' is not a path: " + e.getReason());
        }
        if (!Files.isRegularFile(path)) {
            LOG.warn("Warning: not a valid file: {file}", "file", argument);
        }
        return new FilePasswordDB(path);
    }
}
