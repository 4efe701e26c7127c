package org.twisted4j.spread.pb;

import org.jspecify.annotations.Nullable;

/**
 * One entry of a broker's table of objects the peer holds: the object, the perspective it was sent for, how
 * many references the peer holds, and its identity key. Twisted's {@code pb.Local}.
 */
final class Local {
    final Object object;
    final @Nullable Object perspective;
    final Identity identity;
    int refcount = 1;

    Local(Object object, @Nullable Object perspective, Identity identity) {
        this.object = object;
        this.perspective = perspective;
        this.identity = identity;
    }

    /** Object identity (a pair of identities for view points), Twisted's {@code processUniqueID}. */
    record Identity(Object first, @Nullable Object second) {
        static Identity of(Object object) {
            return new Identity(object, null);
        }

        @Override
        public boolean equals(@Nullable Object other) {
            return other instanceof Identity o && o.first == first && o.second == second;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(first) * 31 + System.identityHashCode(second);
        }
    }
}
