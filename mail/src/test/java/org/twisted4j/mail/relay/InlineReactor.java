package org.twisted4j.mail.relay;

import java.util.List;
import org.twisted4j.internet.DelayedCall;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.internet.task.Clock;
import org.twisted4j.testing.InlineThreads;

/** A reactor for tests: time from a {@link Clock}, "threaded" work run at once on the caller's thread. */
final class InlineReactor extends InlineThreads implements ReactorTime {

    final Clock clock = new Clock();

    @Override
    public DelayedCall callLater(double delaySeconds, Runnable call) {
        return clock.callLater(delaySeconds, call);
    }

    @Override
    public double seconds() {
        return clock.seconds();
    }

    @Override
    public List<DelayedCall> getDelayedCalls() {
        return clock.getDelayedCalls();
    }

    void advance(double seconds) {
        clock.advance(seconds);
    }
}
