package org.twisted4j.application;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The root of a program's service tree, as Twisted's {@code Application}: a {@link MultiService} with a
 * name, which has no parent of its own. {@link Services#startApplication} runs it on a reactor.
 *
 * <pre>{@code
 * Application app = new Application("chat");
 * chatServer.setServiceParent(app);
 * Services.startApplication(reactor, app);
 * reactor.run();
 * }</pre>
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public final class Application extends MultiService {

    /**
     * Creates an application with no services yet.
     *
     * @param name what to call it, in logs and elsewhere
     */
    public Application(String name) {
        super.setName(Objects.requireNonNull(name, "name"));
    }

    /**
     * Renames the application.
     *
     * @throws IllegalArgumentException if {@code name} is null: an application always has a name
     */
    @Override
    public void setName(@Nullable String name) {
        if (name == null) {
            throw new IllegalArgumentException("an Application must have a name");
        }
        super.setName(name);
    }

    /**
     * Refused: an application is the root of its tree.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public void setServiceParent(MultiService parent) {
        throw new UnsupportedOperationException("an Application is the root of its service tree and has no parent");
    }
}
