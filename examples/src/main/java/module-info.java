/** Runnable examples of twisted4j, started with {@code bin/run-example NAME [ARGS]}. */
module org.twisted4j.examples {
    requires org.twisted4j.core;
    requires org.twisted4j.web;
    requires org.twisted4j.spread;

    // the PB examples' remote methods are found and called by reflection
    opens org.twisted4j.examples to org.twisted4j.spread;
}
