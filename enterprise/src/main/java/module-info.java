/**
 * twisted4j's enterprise, in the manner of twisted.enterprise.adbapi: a JDBC connection pool whose queries run on
 * virtual threads and answer with Deferreds on the reactor thread.
 */
module org.twisted4j.enterprise {
    requires transitive org.twisted4j.core;
    requires transitive java.sql;
    requires transitive com.zaxxer.hikari;

    exports org.twisted4j.enterprise;
}
