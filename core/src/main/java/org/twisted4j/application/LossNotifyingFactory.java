package org.twisted4j.application;

import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.Protocol;

/** Builds the user's protocols wrapped in {@link LossNotifyingProtocol}s, and starts and stops the user's factory with itself. */
final class LossNotifyingFactory extends Factory {

    private final Factory wrapped;
    private final Consumer<LossNotifyingProtocol> onLost;

    LossNotifyingFactory(Factory wrapped, Consumer<LossNotifyingProtocol> onLost) {
        this.wrapped = wrapped;
        this.onLost = onLost;
    }

    @Override
    public @Nullable Protocol buildProtocol(Address peer) {
        Protocol built = wrapped.buildProtocol(peer);
        return built == null ? null : LossNotifyingProtocol.wrap(built, onLost);
    }

    @Override
    protected void startFactory() {
        wrapped.doStart();
    }

    @Override
    protected void stopFactory() {
        wrapped.doStop();
    }

    @Override
    public String toString() {
        return "LossNotifyingFactory[" + wrapped + "]";
    }
}
