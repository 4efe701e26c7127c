package org.twisted4j.words.xmpp.xish;

/**
 * Finds {@code ]]>} in character data (outside tags, attribute values and CDATA sections) in the raw bytes,
 * which XML forbids: Aalto misses it when its three bytes arrive in different feeds (found by fuzzing). A
 * byte-level state machine, so any split of the input finds it at the same byte. It does not validate
 * anything else; the XML reader does.
 */
final class CdataEndScanner {

    private static final byte[] CDATA_OPEN = {'<', '!', '[', 'C', 'D', 'A', 'T', 'A', '['};

    private enum State { CONTENT, TAG, QUOTED, CDATA }

    private State state = State.CONTENT;
    private byte quote;
    private int brackets;
    private int openMatched;

    /**
     * Scans bytes, continuing from the previous call.
     *
     * @return the index of the {@code >} that ends a forbidden {@code ]]>}, or -1
     */
    int scan(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            byte b = bytes[i];
            switch (state) {
                case CONTENT -> {
                    if (b == '<') {
                        state = State.TAG;
                        openMatched = 1;
                        brackets = 0;
                    } else if (b == ']') {
                        brackets++;
                    } else if (b == '>' && brackets >= 2) {
                        return i;
                    } else {
                        brackets = 0;
                    }
                }
                case TAG -> {
                    if (openMatched > 0 && openMatched < CDATA_OPEN.length && b == CDATA_OPEN[openMatched]) {
                        openMatched++;
                        if (openMatched == CDATA_OPEN.length) {
                            state = State.CDATA;
                            brackets = 0;
                        }
                        continue;
                    }
                    openMatched = 0;
                    if (b == '\'' || b == '"') {
                        state = State.QUOTED;
                        quote = b;
                    } else if (b == '>') {
                        state = State.CONTENT;
                        brackets = 0;
                    }
                }
                case QUOTED -> {
                    if (b == quote) {
                        state = State.TAG;
                    }
                }
                case CDATA -> {
                    if (b == ']') {
                        brackets++;
                    } else if (b == '>' && brackets >= 2) {
                        state = State.CONTENT;
                        brackets = 0;
                    } else {
                        brackets = 0;
                    }
                }
                default -> throw new IllegalStateException();
            }
        }
        return -1;
    }
}
