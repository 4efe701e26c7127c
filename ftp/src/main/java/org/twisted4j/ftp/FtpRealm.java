package org.twisted4j.ftp;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.twisted4j.cred.LoginDenied;
import org.twisted4j.cred.LoginResult;
import org.twisted4j.cred.Portal;
import org.twisted4j.cred.Realm;
import org.twisted4j.defer.Deferred;

/**
 * A realm of {@link FilesystemShell}s, as Twisted's {@code FTPRealm}: anonymous users read an anonymous root;
 * each named user gets their own root and permissions, or {@code userHome/NAME}, or one shared root.
 *
 * <pre>{@code
 * FtpRealm realm = new FtpRealm(Path.of("/srv/ftp/pub"))
 *         .addUser("alice", Path.of("/srv/ftp/alice"), EnumSet.allOf(FtpPermission.class));
 * }</pre>
 *
 * <h2>Threading</h2>
 * Configure before use; then reactor thread only.
 */
public final class FtpRealm implements Realm {

    private final @Nullable Path anonymousRoot;
    private final Map<String, FilesystemShell> users = new HashMap<>();
    private @Nullable Path userHome;
    private @Nullable Path sharedRoot;
    private Set<FtpPermission> defaultPermissions = EnumSet.allOf(FtpPermission.class);

    /**
     * Makes a realm.
     *
     * @param anonymousRoot the directory anonymous users read, or null to refuse anonymous logins
     */
    public FtpRealm(@Nullable Path anonymousRoot) {
        this.anonymousRoot = anonymousRoot;
    }

    /** Gives {@code name} this root and these permissions. */
    public FtpRealm addUser(String name, Path root, Set<FtpPermission> permissions) {
        users.put(name, new FilesystemShell(root, permissions));
        return this;
    }

    /** Gives other users {@code home/NAME} as their root, with {@link #setDefaultPermissions}. */
    public FtpRealm setUserHome(@Nullable Path home) {
        this.userHome = home;
        return this;
    }

    /** Gives other users this one shared root (when there is no user home), with the default permissions. */
    public FtpRealm setSharedRoot(@Nullable Path root) {
        this.sharedRoot = root;
        return this;
    }

    /** The permissions of users without their own entry; all of them by default. */
    public FtpRealm setDefaultPermissions(Set<FtpPermission> permissions) {
        this.defaultPermissions = permissions.isEmpty() ? Set.of() : EnumSet.copyOf(permissions);
        return this;
    }

    @Override
    public Deferred<LoginResult> requestAvatar(String avatarId, @Nullable Object mind,
            Class<?>... interfaces) {
        boolean wanted = false;
        for (Class<?> type : interfaces) {
            wanted |= type == FtpShell.class;
        }
        if (!wanted) {
            return Deferred.fail(new UnsupportedOperationException("FtpRealm gives FtpShell avatars only"));
        }
        try {
            FtpShell shell;
            if (Portal.isAnonymous(avatarId)) {
                if (anonymousRoot == null) {
                    return Deferred.fail(new LoginDenied("anonymous logins are disabled"));
                }
                shell = new FilesystemShell(anonymousRoot, EnumSet.of(FtpPermission.READ));
            } else if (users.containsKey(avatarId)) {
                shell = users.get(avatarId);
            } else if (userHome != null) {
                if (avatarId.isEmpty() || avatarId.contains("/") || avatarId.startsWith(".")) {
                    return Deferred.fail(new LoginDenied("no home for this user"));
                }
                shell = new FilesystemShell(userHome.resolve(avatarId), defaultPermissions);
            } else if (sharedRoot != null) {
                shell = new FilesystemShell(sharedRoot, defaultPermissions);
            } else {
                return Deferred.fail(new LoginDenied("no root for this user"));
            }
            FtpShell avatar = shell;
            return Deferred.succeed(new LoginResult(FtpShell.class, avatar, avatar::logout));
        } catch (IllegalArgumentException e) {
            return Deferred.fail(new LoginDenied("the user's root is not usable"));
        }
    }
}
