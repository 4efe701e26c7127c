/**
 * SSH keys, as Twisted's {@code twisted.conch.ssh.keys}: OpenSSH public key lines, {@code openssh-key-v1} private
 * key files (unencrypted, or encrypted with bcrypt-pbkdf and aes256-ctr or aes256-gcm@openssh.com), PEM
 * (PKCS#1, SEC1, PKCS#8), fingerprints as {@code ssh-keygen -l} prints them, signatures, and host keys made on
 * first start.
 *
 * <pre>{@code
 * Key key = Key.fromPrivate(Files.readAllBytes(path), passphrase);   // any private key format
 * String line = key.publicLine("user@host");                        // "ssh-ed25519 AAAA... user@host"
 * String fingerprint = key.fingerprintSha256();                     // "SHA256:..."
 * List<Key> hostKeys = HostKeys.loadOrGenerate(dataDirectory, HostKeys.DEFAULT_TYPES);
 * }</pre>
 *
 * <p>The cryptography is the JDK's (Ed25519, ECDSA on the NIST curves, RSA, AES); bcrypt-pbkdf is core's
 * {@link org.twisted4j.cred.crypt.BCryptPbkdf}. Key types: ssh-ed25519, ecdsa-sha2-nistp256/384/521, ssh-rsa.
 * The one parse error is {@link org.twisted4j.conch.keys.BadKeyException}.
 */
@NullMarked
package org.twisted4j.conch.keys;

import org.jspecify.annotations.NullMarked;
