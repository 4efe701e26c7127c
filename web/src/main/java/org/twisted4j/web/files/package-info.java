/**
 * The request-independent parts of serving files, as Twisted's {@code twisted.web.static.File}: content
 * types and encodings by file extension ({@link org.twisted4j.web.files.MimeTypes}), byte ranges and their
 * multipart layout ({@link org.twisted4j.web.files.ByteRanges}), validators and conditional requests
 * ({@link org.twisted4j.web.files.EntityTag}, {@link org.twisted4j.web.files.HttpDate},
 * {@link org.twisted4j.web.files.Conditional}), mapping URL path segments to files without escaping the
 * served root ({@link org.twisted4j.web.files.SafePaths}), keeping dot-files private
 * ({@link org.twisted4j.web.files.DotFiles}), index files and ignored extensions
 * ({@link org.twisted4j.web.files.IndexNames}), and directory listings
 * ({@link org.twisted4j.web.files.DirectoryListing}).
 *
 * <p>Everything here is immutable or stateless and safe to use from any thread; none of it knows about
 * requests or responses, so the file resource composes these pieces with the request it serves.
 */
@NullMarked
package org.twisted4j.web.files;

import org.jspecify.annotations.NullMarked;
