package org.twisted4j.conch.recvline;

import java.util.ArrayList;
import java.util.List;

/**
 * A line editor with history (Twisted's {@code recvline.HistoricRecvLine}): each non-empty line entered is kept
 * (at most {@link #MAX_HISTORY}), the up arrow recalls older ones and the down arrow newer ones, back to the line
 * that was being typed.
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public class HistoricRecvLine extends RecvLine {

    /** The most lines kept; the oldest go first. */
    public static final int MAX_HISTORY = 1000;

    private final List<String> history = new ArrayList<>();
    private int position;
    private String draft = "";

    /** A line editor with an empty history. */
    public HistoricRecvLine() {
    }

    /** The lines entered, oldest first. */
    public final List<String> history() {
        return List.copyOf(history);
    }

    @Override
    protected void handleUp() {
        if (position > 0) {
            if (position == history.size()) {
                draft = currentLine();
            }
            position--;
            replaceLine(history.get(position));
        }
    }

    @Override
    protected void handleDown() {
        if (position < history.size()) {
            position++;
            replaceLine(position == history.size() ? draft : history.get(position));
        }
    }

    @Override
    protected void handleReturn() {
        String line = currentLine();
        if (!line.isEmpty()) {
            history.add(line);
            if (history.size() > MAX_HISTORY) {
                history.remove(0);
            }
        }
        position = history.size();
        draft = "";
        super.handleReturn();
    }
}
