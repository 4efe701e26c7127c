package org.twisted4j.cred;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One key of an OpenSSH {@code authorized_keys} file (sshd(8), "AUTHORIZED_KEYS FILE FORMAT"): the options
 * before it as written (unparsed, possibly empty), the key type, the public key blob and the comment.
 *
 * <h2>Threading</h2>
 * Any thread (immutable; the blob is copied in and out).
 *
 * @param options the options field as written, such as {@code from="10.0.0.0/8",no-pty}, or empty
 * @param keyType the key type, such as {@code ssh-ed25519}
 * @param blob the public key in SSH wire form
 * @param comment the comment after the key, or empty
 */
public record AuthorizedKey(String options, String keyType, byte[] blob, String comment) {

    /** Copies the blob. */
    public AuthorizedKey {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(keyType, "keyType");
        blob = blob.clone();
        Objects.requireNonNull(comment, "comment");
    }

    /** Returns a copy of the blob. */
    @Override
    public byte[] blob() {
        return blob.clone();
    }

    /** Whether this key's blob is {@code other}. */
    public boolean matches(byte[] other) {
        return Arrays.equals(blob, other);
    }

    /** Returns the line as OpenSSH writes it: options (if any), type, base 64 blob, comment (if any). */
    public String toLine() {
        String key = keyType + " " + Base64.getEncoder().encodeToString(blob);
        return (options.isEmpty() ? "" : options + " ") + key + (comment.isEmpty() ? "" : " " + comment);
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof AuthorizedKey k && options.equals(k.options) && keyType.equals(k.keyType)
                && Arrays.equals(blob, k.blob) && comment.equals(k.comment);
    }

    @Override
    public int hashCode() {
        return Objects.hash(options, keyType, Arrays.hashCode(blob), comment);
    }

    @Override
    public String toString() {
        return "AuthorizedKey[" + keyType + (comment.isEmpty() ? "" : " " + comment) + "]";
    }
}
