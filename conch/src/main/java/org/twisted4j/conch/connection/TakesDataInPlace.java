package org.twisted4j.conch.connection;

/**
 * Marks a protocol run over a client channel ({@link SshConnection#execCommand}, {@link
 * SshConnection#startSubsystem} and the like) as one that takes the octets of each {@code dataReceived} during
 * the call and keeps neither the buffer nor a view of it, not even by writing the buffer to a transport.
 *
 * <h2>What it changes</h2>
 * Such a protocol is given the channel's data where the connection decrypted the packet, without a copy: the
 * buffer is overwritten by the packets read after the call returns. Any other protocol gets a buffer of its own
 * for each call, which it may keep or hand to a transport's {@code write} as {@link
 * org.twisted4j.internet.Protocol#dataReceived} allows. Bulk readers that copy what arrives into buffers of their
 * own at once (the SFTP client's framer) implement it to spare a copy of every packet.
 *
 * <h2>Threading</h2>
 * A marker: nothing to call.
 */
public interface TakesDataInPlace {
}
