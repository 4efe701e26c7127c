/** Runnable examples of twisted4j, started with {@code bin/run-example NAME [ARGS]}. */
module org.twisted4j.examples {
    requires transitive org.twisted4j.core;
    requires transitive org.twisted4j.web;
    requires transitive org.twisted4j.spread;
    requires transitive org.twisted4j.enterprise;
    requires transitive org.twisted4j.words;
    requires transitive org.twisted4j.mail;

    // The bench drives the AMP example server with the example's own commands.
    exports org.twisted4j.examples;

    // AMP reads and makes the argument records of the AMP examples by reflection, and PB finds and calls the
    // PB examples' remote methods by reflection.
    opens org.twisted4j.examples to org.twisted4j.core, org.twisted4j.spread;
}
