package org.twisted4j.conch.transport;

import java.security.GeneralSecurityException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Has the JIT compile the JDK's AES-GCM before a connection's bulk data needs it: once per JVM, when the first
 * connection takes AES-GCM keys, a daemon thread seals and opens {@link #ROUNDS} small packets with a throwaway
 * key.
 *
 * <p>Until the JIT's optimising compiler has compiled the JDK's GCM code, which it does after some thousands of
 * calls, the JDK runs GHASH and the counter mode apart, at a tenth of the compiled speed or less. Called once
 * per packet, that takes a connection's first hundred-odd MiB, which then move at about 200 MiB/s; the small
 * packets here make the calls for a fraction of that work, mostly while the connection still authenticates.
 *
 * <h2>Threading</h2>
 * Any thread; the work runs on its own thread, and nothing waits for it.
 */
final class GcmWarmUp {
    /** The packets sealed and opened: twice the calls after which the JIT compiles a method fully. */
    static final int ROUNDS = 10_000;
    /** Each packet's size in octets. */
    static final int SIZE = 256;

    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private GcmWarmUp() {
    }

    /** Starts the warm-up, the first time only. */
    static void start() {
        if (STARTED.compareAndSet(false, true)) {
            Thread.ofPlatform().daemon().name("ssh-aes-gcm-warm-up").start(GcmWarmUp::run);
        }
    }

    /** Seals and opens the packets, as {@link PacketWriter} and {@link PacketReader} do; true if all opened. */
    static boolean run() {
        try {
            Cipher seal = Cipher.getInstance("AES/GCM/NoPadding");
            Cipher open = Cipher.getInstance("AES/GCM/NoPadding");
            SecretKeySpec key = new SecretKeySpec(new byte[16], "AES");
            byte[] iv = new byte[12];
            byte[] packet = new byte[4 + SIZE + 16];
            for (int i = 0; i < ROUNDS; i++) {
                iv[8] = (byte) (i >>> 24);
                iv[9] = (byte) (i >>> 16);
                iv[10] = (byte) (i >>> 8);
                iv[11] = (byte) i;
                seal.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
                seal.updateAAD(packet, 0, 4);
                seal.doFinal(packet, 4, SIZE, packet, 4);
                open.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, iv));
                open.updateAAD(packet, 0, 4);
                open.doFinal(packet, 4, SIZE + 16, packet, 4);
            }
            return true;
        } catch (GeneralSecurityException e) {
            return false; // no AES-GCM here: nothing to warm up, and connections will not negotiate it
        }
    }
}
