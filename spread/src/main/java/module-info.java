/**
 * twisted4j's spread, in the manner of twisted.spread: Banana (the byte encoding of s-expressions), Jelly
 * (object graphs as s-expressions, behind an allow-list) and Perspective Broker (remote references, copies
 * and caches over one connection), wire-compatible with Python Twisted's.
 */
module org.twisted4j.spread {
    requires transitive org.twisted4j.core;

    exports org.twisted4j.spread.banana;
    exports org.twisted4j.spread.jelly;
    exports org.twisted4j.spread.pb;
}
