/**
 * NNTP, in the manner of twisted.news: {@link org.twisted4j.news.NntpServer} answers the reader and transit
 * commands of RFC 3977 from a {@link org.twisted4j.news.NewsStorage} ({@link org.twisted4j.news.MemoryNewsStorage}
 * for tests, {@link org.twisted4j.news.FileNewsStorage} for keeps); {@link org.twisted4j.news.Article} and
 * {@link org.twisted4j.news.NntpCommand} are the codec, with one parse error each.
 */
@NullMarked
package org.twisted4j.news;

import org.jspecify.annotations.NullMarked;
