package org.twisted4j.spread.pb;

/** A {@link Perspective} held in the broker's table, whose calls go to its perspective methods. */
record AsPerspective(Perspective perspective) {
}
