package org.twisted4j.cred;

import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An SSH client's proof that it holds a private key (Twisted's {@code ISSHPrivateKey}): the user name, the
 * public key algorithm and blob, and, once the client has signed, the signed data and the signature. Without a
 * signature it is the client's question "would this key do?"; {@link SSHPublicKeyChecker} then fails with
 * {@link ValidPublicKey} when it would.
 *
 * <h2>Threading</h2>
 * Any thread (immutable; the arrays are copied in and out).
 */
public interface SSHPrivateKey extends Credentials {

    /** Returns the user name. */
    String username();

    /** Returns the public key algorithm name, such as {@code ssh-ed25519} or {@code rsa-sha2-256}. */
    String algorithmName();

    /** Returns the public key in SSH wire form (RFC 4253 section 6.6). */
    byte[] blob();

    /** Returns the data the client signed (session id and request, RFC 4252 section 7), or null if it has not. */
    byte @Nullable [] sigData();

    /** Returns the signature in SSH wire form, or null if the client has not signed. */
    byte @Nullable [] signature();

    /**
     * Makes the credentials.
     *
     * @param sigData the signed data, or null
     * @param signature the signature, or null
     */
    static SSHPrivateKey of(String username, String algorithmName, byte[] blob, byte @Nullable [] sigData,
            byte @Nullable [] signature) {
        return new Offered(Objects.requireNonNull(username, "username"),
                Objects.requireNonNull(algorithmName, "algorithmName"), blob.clone(),
                sigData == null ? null : sigData.clone(), signature == null ? null : signature.clone());
    }

    /** The implementation of {@link #of}. */
    final class Offered implements SSHPrivateKey {
        private final String username;
        private final String algorithmName;
        private final byte[] blob;
        private final byte @Nullable [] sigData;
        private final byte @Nullable [] signature;

        Offered(String username, String algorithmName, byte[] blob, byte @Nullable [] sigData,
                byte @Nullable [] signature) {
            this.username = username;
            this.algorithmName = algorithmName;
            this.blob = blob;
            this.sigData = sigData;
            this.signature = signature;
        }

        @Override
        public String username() {
            return username;
        }

        @Override
        public String algorithmName() {
            return algorithmName;
        }

        @Override
        public byte[] blob() {
            return blob.clone();
        }

        @Override
        public byte @Nullable [] sigData() {
            return sigData == null ? null : sigData.clone();
        }

        @Override
        public byte @Nullable [] signature() {
            return signature == null ? null : signature.clone();
        }

        @Override
        public boolean equals(@Nullable Object other) {
            return other instanceof Offered o && username.equals(o.username) && algorithmName.equals(o.algorithmName)
                    && Arrays.equals(blob, o.blob) && Arrays.equals(sigData, o.sigData)
                    && Arrays.equals(signature, o.signature);
        }

        @Override
        public int hashCode() {
            return Objects.hash(username, algorithmName, Arrays.hashCode(blob));
        }

        @Override
        public String toString() {
            return "SSHPrivateKey[username=" + username + ", algorithm=" + algorithmName
                    + (signature == null ? ", unsigned]" : ", signed]");
        }
    }
}
