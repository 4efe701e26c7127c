package org.twisted4j.conch.agent;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Consumer;
import org.twisted4j.cred.SshWireWriter;

/**
 * The agent protocol's framing and message numbers (draft-miller-ssh-agent section 3), shared by
 * {@link SshAgentClient} and {@link SshAgentServer}: each message is a {@code uint32} length, then a type octet
 * and its fields.
 *
 * <h2>Threading</h2>
 * The constants and {@link #frame} any thread; a {@link Reader} belongs to one connection's thread.
 */
final class AgentCodec {
    /** The longest message accepted: 256 KiB, as OpenSSH's {@code AGENT_MAX_LEN}. */
    static final int MAX_MESSAGE = 256 * 1024;

    static final int FAILURE = 5;
    static final int SUCCESS = 6;
    static final int REQUEST_IDENTITIES = 11;
    static final int IDENTITIES_ANSWER = 12;
    static final int SIGN_REQUEST = 13;
    static final int SIGN_RESPONSE = 14;
    static final int ADD_IDENTITY = 17;
    static final int REMOVE_IDENTITY = 18;
    static final int REMOVE_ALL_IDENTITIES = 19;
    static final int LOCK = 22;
    static final int UNLOCK = 23;
    static final int ADD_ID_CONSTRAINED = 25;
    static final int EXTENSION = 27;

    /** {@code SSH_AGENT_RSA_SHA2_256}. */
    static final int RSA_SHA2_256 = 2;
    /** {@code SSH_AGENT_RSA_SHA2_512}. */
    static final int RSA_SHA2_512 = 4;

    private AgentCodec() {
    }

    /** A message with its length in front, ready to write. */
    static ByteBuffer frame(SshWireWriter message) {
        byte[] body = message.toByteArray();
        return ByteBuffer.wrap(new SshWireWriter(body.length + 4).string(body).toByteArray());
    }

    /**
     * Cuts a stream into messages, however it arrives split; holds at most one message of {@link #MAX_MESSAGE}
     * and its length, growing its buffer by doubling so that a message arriving an octet at a time costs no more
     * than one arriving whole.
     */
    static final class Reader {
        private byte[] buffer = new byte[256];
        private int length;

        /**
         * Takes what arrived and hands each whole message it completes, without its length, to {@code handler},
         * in order.
         *
         * @throws AgentException if a message is empty or longer than {@link #MAX_MESSAGE} (after handing the
         *     messages before it); the reader is then empty and the connection should end
         */
        void read(ByteBuffer data, Consumer<byte[]> handler) {
            while (data.hasRemaining()) {
                int want = length < 4 ? 4 - length : 4 + announced() - length;
                int take = Math.min(want, data.remaining());
                if (buffer.length < length + take) {
                    buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + take));
                }
                data.get(buffer, length, take);
                length += take;
                if (length == 4) {
                    long announced = ((buffer[0] & 0xffL) << 24) | ((buffer[1] & 0xff) << 16)
                            | ((buffer[2] & 0xff) << 8) | (buffer[3] & 0xff);
                    if (announced < 1 || announced > MAX_MESSAGE) {
                        length = 0;
                        buffer = new byte[256];
                        data.position(data.limit());
                        throw new AgentException("an agent message of " + announced + " octets");
                    }
                }
                if (length > 4 && length == 4 + announced()) {
                    byte[] message = Arrays.copyOfRange(buffer, 4, length);
                    length = 0;
                    handler.accept(message);
                }
            }
        }

        private int announced() {
            return ((buffer[0] & 0xff) << 24) | ((buffer[1] & 0xff) << 16) | ((buffer[2] & 0xff) << 8)
                    | (buffer[3] & 0xff);
        }

        /** How many octets wait for the rest of their message. */
        int buffered() {
            return length;
        }
    }
}
