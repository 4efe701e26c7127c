/**
 * twisted4j's web server and resources, as Twisted's {@code twisted.web}.
 */
module org.twisted4j.web {
    requires transitive org.twisted4j.core;

    exports org.twisted4j.web.files;
}
