package org.twisted4j.spread.pb;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The tables of one broker: the objects lent to the peer (by luid and by identity, with their reference
 * counts and logout actions), this side's cacheables the peer caches, and the peer's caches kept here.
 * Twisted's {@code localObjects}, {@code luids}, {@code remotelyCachedObjects}, {@code remotelyCachedLUIDs},
 * {@code locallyCachedObjects} and {@code _localCleanup}. Pure bookkeeping: the broker does the sending.
 */
final class ObjectTables {
    private final Map<Object, Local> localObjects = new HashMap<>();
    private final Map<Local.Identity, Long> luids = new HashMap<>();
    private final Map<Long, Local> remotelyCachedObjects = new HashMap<>();
    private final Map<Local.Identity, Long> remotelyCachedLuids = new HashMap<>();
    private final Map<Object, RemoteCache> locallyCachedObjects = new HashMap<>();
    private final Map<Local.Identity, Runnable> localCleanup = new HashMap<>();
    private long currentLocalId;

    void setName(String name, Object object) {
        localObjects.put(name, new Local(object, null, Local.Identity.of(object)));
    }

    int localCount() {
        return localObjects.size();
    }

    int cacheCount() {
        return remotelyCachedObjects.size();
    }

    @Nullable Object local(Object luid) {
        Local local = localObjects.get(luid);
        return local == null ? null : local.object;
    }

    /** The luid of an object already lent, counting one more reference; null if it is not lent. */
    @Nullable Long lendAgain(Local.Identity identity) {
        Long luid = luids.get(identity);
        Local local = luid == null ? null : localObjects.get(luid);
        if (local == null) {
            return null;
        }
        local.refcount++;
        return luid;
    }

    long lend(Object target, Local.Identity identity, @Nullable Object perspective) {
        long id = ++currentLocalId;
        localObjects.put(id, new Local(target, perspective, identity));
        luids.put(identity, id);
        return id;
    }

    /**
     * Counts one reference less; forgets the object at zero.
     *
     * @return the logout to run if the object was forgotten and had one, else null
     * @throws ProtocolError if no object has that luid
     */
    @Nullable Runnable decref(Object luid) {
        Local local = localObjects.get(luid);
        if (local == null) {
            throw new ProtocolError("decref of an unknown object " + luid);
        }
        if (--local.refcount > 0) {
            return null;
        }
        localObjects.remove(luid);
        luids.remove(local.identity);
        return localCleanup.remove(local.identity);
    }

    /**
     * Counts one cache reference less; forgets the cacheable at zero.
     *
     * @return the entry if it was forgotten, else null
     * @throws ProtocolError if no cache has that luid
     */
    @Nullable Local decache(Object luid) {
        Local local = luid instanceof Long id ? remotelyCachedObjects.get(id) : null;
        if (local == null) {
            throw new ProtocolError("decache of an unknown cache " + luid);
        }
        if (--local.refcount > 0) {
            return null;
        }
        remotelyCachedLuids.remove(local.identity);
        remotelyCachedObjects.remove((Long) luid);
        return local;
    }

    /** The cache luid of {@code cacheable} if the peer holds it (counting one more reference if asked). */
    @Nullable Long cachedRemotelyAs(Cacheable cacheable, boolean incref) {
        Long luid = remotelyCachedLuids.get(Local.Identity.of(cacheable));
        if (luid != null && incref) {
            remotelyCachedObjects.get(luid).refcount++;
        }
        return luid;
    }

    long cacheRemotely(Cacheable cacheable, @Nullable Object perspective) {
        long luid = ++currentLocalId;
        Local.Identity identity = Local.Identity.of(cacheable);
        remotelyCachedLuids.put(identity, luid);
        remotelyCachedObjects.put(luid, new Local(cacheable, perspective, identity));
        return luid;
    }

    @Nullable Object remotelyCached(Object luid) {
        Local local = luid instanceof Long id ? remotelyCachedObjects.get(id) : null;
        return local == null ? null : local.object;
    }

    List<Local> remotelyCachedEntries() {
        return new ArrayList<>(remotelyCachedObjects.values());
    }

    /** Keeps a cache the peer sent, or gives back the one already kept, counting one more reference. */
    RemoteCache cacheLocally(Broker broker, Object luid, RemoteCache fresh) {
        RemoteCache kept = locallyCachedObjects.get(luid);
        if (kept != null) {
            kept.references++;
            return kept;
        }
        fresh.broker = broker;
        fresh.luid = luid;
        fresh.references = 1;
        locallyCachedObjects.put(luid, fresh);
        return fresh;
    }

    @Nullable RemoteCache locallyCached(Object luid) {
        return locallyCachedObjects.get(luid);
    }

    @Nullable RemoteCache uncache(Object luid) {
        return locallyCachedObjects.remove(luid);
    }

    void cleanupWhenReleased(Object avatar, Runnable cleanup) {
        localCleanup.put(Local.Identity.of(avatar), cleanup);
    }

    void clear() {
        localObjects.clear();
        luids.clear();
        remotelyCachedObjects.clear();
        remotelyCachedLuids.clear();
        locallyCachedObjects.clear();
        localCleanup.clear();
    }
}
