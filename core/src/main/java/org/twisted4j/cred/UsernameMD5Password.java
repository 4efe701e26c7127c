package org.twisted4j.cred;

/**
 * Credentials a checker can verify with the MD5 digest of the password as well as with the password
 * (Twisted's {@code IUsernameMD5Password}), as Perspective Broker's challenge allows.
 *
 * <h2>Threading</h2>
 * As the implementation says.
 */
public interface UsernameMD5Password extends UsernameHashedPassword {

    /**
     * Whether the client's response matches the password whose MD5 digest is given.
     *
     * @param md5Password the 16 octets of MD5(password)
     * @return whether it matches
     */
    boolean checkMD5Password(byte[] md5Password);
}
