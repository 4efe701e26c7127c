/**
 * The SSH client, in the manner of Twisted's {@code twisted.conch.endpoints} and
 * {@code twisted.conch.client.knownhosts}: {@link org.twisted4j.conch.client.SshCommandClientEndpoint} runs a
 * remote command as a stream for any protocol, and {@link org.twisted4j.conch.client.KnownHostsFile} checks
 * server keys against OpenSSH's {@code known_hosts}, asking a {@link org.twisted4j.conch.client.KnownHostsUI}
 * about keys it has not seen.
 */
@NullMarked
package org.twisted4j.conch.client;

import org.jspecify.annotations.NullMarked;
