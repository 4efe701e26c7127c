/**
 * HTTP authentication for a site, in the manner of {@code twisted.web.guard}: an
 * {@link org.twisted4j.web.guard.HTTPAuthSessionWrapper} guards a subtree, logging each request in through a
 * {@link org.twisted4j.cred.Portal} with the credentials a
 * {@link org.twisted4j.web.guard.CredentialFactory} reads from its {@code Authorization} header
 * ({@link org.twisted4j.web.guard.BasicCredentialFactory Basic},
 * {@link org.twisted4j.web.guard.DigestCredentialFactory Digest}), and answering with the avatar the realm gives,
 * or 401 and a challenge per scheme.
 *
 * <p>Threading: reactor thread only, as the rest of the web module.
 */
@NullMarked
package org.twisted4j.web.guard;

import org.jspecify.annotations.NullMarked;
