package org.twisted4j.spread.pb;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Perspective} whose {@link Remote} methods answer the calls of the client that logged in as it:
 * Twisted's {@code pb.Avatar} and its {@code perspective_} methods.
 *
 * <pre>{@code
 * public final class User implements Avatar {
 *     private final String name;
 *     User(String name) { this.name = name; }
 *     @Remote public String whoami() { return name; }
 * }
 * Realm realm = (avatarId, mind, interfaces) ->
 *         Deferred.succeed(new LoginResult(Perspective.class, new User(avatarId), LoginResult.NO_LOGOUT));
 * }</pre>
 */
public interface Avatar extends Perspective {
    @Override
    default @Nullable Object perspectiveMessageReceived(Broker broker, String message, List<@Nullable Object> args,
            Map<String, @Nullable Object> kw) throws Exception {
        return RemoteMethods.invoke(this, "perspective", message, args, kw);
    }
}
