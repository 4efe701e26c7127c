/** JMH benchmarks for twisted4j; not a library, run with bin/bench. */
module org.twisted4j.bench {
    requires org.twisted4j.core;
    requires jmh.core;

    opens org.twisted4j.bench;
    opens org.twisted4j.bench.jmh_generated;
}
