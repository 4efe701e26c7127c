package org.twisted4j.spread.jelly;

import java.nio.charset.StandardCharsets;

/** The type atoms jelly writes. The arrays are shared: nothing may change them. */
final class Atoms {

    static final byte[] NONE = bytes("None");
    static final byte[] UNICODE = bytes("unicode");
    static final byte[] BOOLEAN = bytes("boolean");
    static final byte[] TRUE = bytes("true");
    static final byte[] FALSE = bytes("false");
    static final byte[] DATETIME = bytes("datetime");
    static final byte[] DATE = bytes("date");
    static final byte[] TIME = bytes("time");
    static final byte[] TIMEDELTA = bytes("timedelta");
    static final byte[] DECIMAL = bytes("decimal");
    static final byte[] LIST = bytes("list");
    static final byte[] TUPLE = bytes("tuple");
    static final byte[] DICTIONARY = bytes("dictionary");
    static final byte[] SET = bytes("set");
    static final byte[] FROZENSET = bytes("frozenset");
    static final byte[] REFERENCE = bytes("reference");
    static final byte[] DEREFERENCE = bytes("dereference");
    static final byte[] UNPERSISTABLE = bytes("unpersistable");

    private Atoms() {
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
