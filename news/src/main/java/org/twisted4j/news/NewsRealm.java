package org.twisted4j.news;

import org.jspecify.annotations.Nullable;
import org.twisted4j.cred.LoginResult;
import org.twisted4j.cred.Realm;
import org.twisted4j.defer.Deferred;

/**
 * The realm of a news server whose users all read and post to one {@link NewsStorage}: what AUTHINFO logs in
 * to when the login only decides who may use the server.
 *
 * <pre>{@code
 * factory.setPortal(new Portal(new NewsRealm(storage), checkers));
 * }</pre>
 *
 * <p>Reactor thread only, as a portal calls it.
 */
public final class NewsRealm implements Realm {

    private final NewsStorage storage;

    /**
     * Makes it.
     *
     * @param storage the storage every user gets
     */
    public NewsRealm(NewsStorage storage) {
        this.storage = storage;
    }

    @Override
    public Deferred<LoginResult> requestAvatar(String avatarId, @Nullable Object mind, Class<?>... interfaces) {
        for (Class<?> wanted : interfaces) {
            if (wanted == NewsStorage.class) {
                return Deferred.succeed(new LoginResult(NewsStorage.class, storage, LoginResult.NO_LOGOUT));
            }
        }
        return Deferred.fail(new UnsupportedOperationException("a news realm gives only a NewsStorage"));
    }
}
