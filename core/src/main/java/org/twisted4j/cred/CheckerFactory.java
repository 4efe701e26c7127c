package org.twisted4j.cred;

import java.util.Set;

/**
 * Makes a {@link CredentialsChecker} from the argument of an {@code --auth TYPE:ARGUMENT} string (Twisted's
 * {@code ICheckerFactory} of {@code twisted.cred.strcred}). Core provides {@code anonymous}, {@code memory},
 * {@code file}, {@code unix} and {@code sshkey}; a module adds a type by providing this interface to
 * {@link java.util.ServiceLoader} ({@code provides org.twisted4j.cred.CheckerFactory with ...} in its
 * {@code module-info.java}, and a {@code META-INF/services} entry for the class path).
 *
 * <h2>Threading</h2>
 * Any thread; {@link #generateChecker} runs while the command line is parsed.
 */
public interface CheckerFactory {

    /** Returns the type named before the first colon, such as {@code file}. */
    String authType();

    /** Returns a paragraph saying what the checker checks, for {@code --help-auth-type}. */
    String authHelp();

    /** Returns what the argument after the colon should be, for help and errors. */
    String argStringFormat();

    /** Returns the kinds of credentials the checkers it makes understand. */
    Set<Class<? extends Credentials>> credentialInterfaces();

    /**
     * Makes a checker.
     *
     * @param argument what follows the first colon, or empty if there was none
     * @return the checker
     * @throws IllegalArgumentException if the argument is malformed; the message says what is wrong
     */
    CredentialsChecker generateChecker(String argument);
}
