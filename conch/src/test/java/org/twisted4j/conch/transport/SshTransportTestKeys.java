package org.twisted4j.conch.transport;

/** Host keys made once for the transport's tests. */
final class SshTransportTestKeys {
    static final HostKey ED25519 = HostKey.generate("ssh-ed25519");

    private SshTransportTestKeys() {
    }
}
