package org.twisted4j.cred;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.twisted4j.cred.plugins.AnonymousCheckerFactory;
import org.twisted4j.cred.plugins.FileCheckerFactory;
import org.twisted4j.cred.plugins.MemoryCheckerFactory;
import org.twisted4j.cred.plugins.SSHKeyCheckerFactory;
import org.twisted4j.cred.plugins.UnixCheckerFactory;

/**
 * Checkers from strings, as Twisted's {@code twisted.cred.strcred}: {@code TYPE} or {@code TYPE:ARGUMENT}, the
 * type choosing a {@link CheckerFactory} and everything after the first colon going to it.
 *
 * <pre>{@code
 * StrCred.makeChecker("anonymous")
 * StrCred.makeChecker("memory:alice:secret:bob:hunter2")
 * StrCred.makeChecker("file:/etc/myserver/passwords")
 * StrCred.makeChecker("unix")
 * StrCred.makeChecker("sshkey")
 * }</pre>
 *
 * <p>The factories are core's five and those {@link ServiceLoader} finds; a found factory with the type of an
 * earlier one is ignored.
 *
 * <h2>Threading</h2>
 * Any thread; the factories are looked up once.
 */
public final class StrCred {

    private StrCred() {
    }

    /** Core's factories first, then the ones found by the service loader. */
    private static final class Holder {
        static final Map<String, CheckerFactory> FACTORIES = load();

        private static Map<String, CheckerFactory> load() {
            Map<String, CheckerFactory> factories = new LinkedHashMap<>();
            for (CheckerFactory f : List.of(new AnonymousCheckerFactory(), new FileCheckerFactory(),
                    new MemoryCheckerFactory(), new SSHKeyCheckerFactory(), new UnixCheckerFactory())) {
                factories.put(f.authType(), f);
            }
            for (CheckerFactory f : ServiceLoader.load(CheckerFactory.class, StrCred.class.getClassLoader())) {
                factories.putIfAbsent(f.authType(), f);
            }
            return factories;
        }
    }

    /** Returns every factory, core's first. */
    public static List<CheckerFactory> findCheckerFactories() {
        return List.copyOf(Holder.FACTORIES.values());
    }

    /** Returns the known types, in the order of {@link #findCheckerFactories()}. */
    public static List<String> authTypes() {
        return new ArrayList<>(Holder.FACTORIES.keySet());
    }

    /**
     * Returns the factory of a type.
     *
     * @throws InvalidAuthType if there is none
     */
    public static CheckerFactory findCheckerFactory(String authType) {
        CheckerFactory factory = Holder.FACTORIES.get(authType);
        if (factory == null) {
            throw new InvalidAuthType(authType);
        }
        return factory;
    }

    /**
     * Makes a checker from a description.
     *
     * @param description {@code TYPE} or {@code TYPE:ARGUMENT}
     * @return the checker
     * @throws InvalidAuthType if the type is unknown
     * @throws IllegalArgumentException if the factory refuses the argument; the message says why
     */
    public static CredentialsChecker makeChecker(String description) {
        int colon = description.indexOf(':');
        String type = colon < 0 ? description : description.substring(0, colon);
        String argument = colon < 0 ? "" : description.substring(colon + 1);
        return findCheckerFactory(type).generateChecker(argument);
    }
}
