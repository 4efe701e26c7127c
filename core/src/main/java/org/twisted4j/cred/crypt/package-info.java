/**
 * Password hashes in pure Java, for the password files and system accounts of {@link org.twisted4j.cred}:
 * {@link org.twisted4j.cred.crypt.BCrypt}, {@link org.twisted4j.cred.crypt.Sha512Crypt},
 * {@link org.twisted4j.cred.crypt.Sha256Crypt}, {@link org.twisted4j.cred.crypt.Yescrypt} (also scrypt) and
 * {@link org.twisted4j.cred.crypt.Ssha}, recognised by prefix through {@link org.twisted4j.cred.crypt.CryptHashes}.
 * Each makes hashes (to write a password file) and verifies them in constant time; a malformed stored value is a
 * {@link org.twisted4j.cred.crypt.MalformedHashException}.
 *
 * <p>Everything here is stateless and may be used from any thread; the slow hashes (bcrypt and yescrypt above all)
 * are better run off the reactor thread when many logins arrive.
 */
@NullMarked
package org.twisted4j.cred.crypt;

import org.jspecify.annotations.NullMarked;
