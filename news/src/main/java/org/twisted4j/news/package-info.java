/**
 * NNTP, in the manner of twisted.news: {@link org.twisted4j.news.NntpServer} answers the reader and transit
 * commands of RFC 3977, streaming (RFC 4644), STARTTLS (RFC 4642) and AUTHINFO (RFC 4643) from a
 * {@link org.twisted4j.news.NewsStorage} ({@link org.twisted4j.news.MemoryNewsStorage} for tests,
 * {@link org.twisted4j.news.FileNewsStorage} for keeps); {@link org.twisted4j.news.NNTPClient} is the client;
 * {@link org.twisted4j.news.NewsFeed} and {@link org.twisted4j.news.NewsPuller} pass articles between servers;
 * {@link org.twisted4j.news.NewsPlugin} is {@code twist news}. {@link org.twisted4j.news.Article} and
 * {@link org.twisted4j.news.NntpCommand} are the codec, with one parse error each.
 */
@NullMarked
package org.twisted4j.news;

import org.jspecify.annotations.NullMarked;
