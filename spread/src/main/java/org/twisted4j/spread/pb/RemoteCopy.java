package org.twisted4j.spread.pb;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The local copy of a peer's {@link Copyable}: Twisted's {@code pb.RemoteCopy}. Register a factory for the
 * peer's type name with {@link Broker#setUnjellyableForClass} (or on the factory); when a copy of that type
 * arrives the broker makes an instance and hands it the state.
 */
public interface RemoteCopy {
    /**
     * Receives the state the peer's copyable sent.
     *
     * @param state the state, attribute name to unjellied value
     */
    void setCopyableState(Map<String, @Nullable Object> state);
}
