/**
 * SSH user authentication (RFC 4252, RFC 4256), in the manner of Twisted's {@code twisted.conch.ssh.userauth}:
 * the server side over cred's {@link org.twisted4j.cred.Portal}, and a client.
 */
@NullMarked
package org.twisted4j.conch.userauth;

import org.jspecify.annotations.NullMarked;
