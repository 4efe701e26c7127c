/**
 * twisted4j's news, in the manner of twisted.news: an NNTP server (RFC 3977) over a storage interface with
 * in-memory and file-backed stores, an NNTP client, and {@code twist news}.
 */
module org.twisted4j.news {
    requires transitive org.twisted4j.core;

    exports org.twisted4j.news;

    provides org.twisted4j.application.ServiceMaker with org.twisted4j.news.NewsPlugin;
}
