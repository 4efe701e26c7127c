package org.twisted4j.protocols.amp;

import java.util.ArrayList;
import java.util.List;
import org.twisted4j.defer.Failure;

/** A {@link BoxSender} that keeps what it is given; boxes are serialized and parsed back, as on a wire. */
final class RecordingSender implements BoxSender {
    final List<AmpBox> sent = new ArrayList<>();
    final List<Failure> unhandled = new ArrayList<>();
    boolean closed;

    @Override
    public void sendBox(AmpBox box) {
        sent.addAll(BoxParser.parseAll(box.serialize()));
    }

    @Override
    public void loseConnection() {
        closed = true;
    }

    @Override
    public void unhandledError(Failure failure) {
        unhandled.add(failure);
        closed = true;
    }

    AmpBox last() {
        return sent.get(sent.size() - 1);
    }
}
