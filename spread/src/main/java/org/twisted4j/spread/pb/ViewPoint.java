package org.twisted4j.spread.pb;

import org.jspecify.annotations.Nullable;

/**
 * A {@link Viewable} paired with the perspective it was sent for; the peer's calls reach the viewable's
 * {@link Remote} methods with the perspective first. Twisted's {@code flavors.ViewPoint}.
 */
record ViewPoint(@Nullable Object perspective, Viewable object) {
}
