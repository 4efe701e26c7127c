package org.twisted4j.application;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;

/** A service that writes "privileged NAME", "start NAME" and "stop NAME" to a shared list; its stop can be made to wait. */
final class RecordingService extends AbstractService {
    private final String label;
    private final List<String> events;
    private @Nullable Deferred<@Nullable Void> stopResult;

    RecordingService(String label, List<String> events) {
        this.label = label;
        this.events = events;
    }

    /** Makes the next stopService return {@code result} instead of an already fired Deferred. */
    void stopWith(Deferred<@Nullable Void> result) {
        this.stopResult = result;
    }

    @Override
    public void privilegedStartService() {
        super.privilegedStartService();
        events.add("privileged " + label);
    }

    @Override
    public void startService() {
        super.startService();
        events.add("start " + label);
    }

    @Override
    public Deferred<@Nullable Void> stopService() {
        Deferred<@Nullable Void> done = super.stopService();
        events.add("stop " + label);
        Deferred<@Nullable Void> result = stopResult;
        stopResult = null;
        return result == null ? done : result;
    }
}
