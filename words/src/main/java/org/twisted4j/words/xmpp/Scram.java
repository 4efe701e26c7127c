package org.twisted4j.words.xmpp;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The client side of SCRAM (RFC 5802, RFC 7677) without channel binding: {@code SCRAM-SHA-1} and
 * {@code SCRAM-SHA-256}. It proves the password without sending it and checks the server's signature, so a
 * server that does not know the password is caught.
 *
 * <pre>{@code
 * SaslMechanism scram = Scram.sha256("juliet", "r0m30myr0m30");
 * }</pre>
 *
 * <p>The user name is NFC-normalized with {@code =} and {@code ,} escaped; the password is NFKC-normalized
 * (an approximation of SASLprep that agrees with it on ASCII and ordinary text). Iteration counts above
 * {@link #MAX_ITERATIONS} are refused, so a server cannot make the client spin.
 *
 * <h2>Threading</h2>
 * One exchange, one thread.
 */
public final class Scram implements SaslMechanism {

    /** The largest iteration count accepted from a server: {@value}. */
    public static final int MAX_ITERATIONS = 1_000_000;

    private final String name;
    private final String hash;
    private final String hmac;
    private final int length;
    private final String user;
    private final String password;
    private final String clientNonce;
    private @Nullable String clientFirstBare;
    private byte @Nullable [] serverSignature;

    private Scram(String name, String hash, String hmac, int length, String user, String password,
            String clientNonce) {
        this.name = name;
        this.hash = hash;
        this.hmac = hmac;
        this.length = length;
        this.user = user;
        this.password = password;
        this.clientNonce = clientNonce;
    }

    /** SCRAM-SHA-1 with a random nonce. */
    public static Scram sha1(String user, String password) {
        return new Scram("SCRAM-SHA-1", "SHA-1", "HmacSHA1", 20, user, password, randomNonce());
    }

    /** SCRAM-SHA-256 with a random nonce. */
    public static Scram sha256(String user, String password) {
        return new Scram("SCRAM-SHA-256", "SHA-256", "HmacSHA256", 32, user, password, randomNonce());
    }

    /** SCRAM-SHA-1 with a given nonce, for the RFC's test vectors. */
    static Scram sha1(String user, String password, String nonce) {
        return new Scram("SCRAM-SHA-1", "SHA-1", "HmacSHA1", 20, user, password, nonce);
    }

    /** SCRAM-SHA-256 with a given nonce, for the RFC's test vectors. */
    static Scram sha256(String user, String password, String nonce) {
        return new Scram("SCRAM-SHA-256", "SHA-256", "HmacSHA256", 32, user, password, nonce);
    }

    private static String randomNonce() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public byte[] initialResponse() {
        String escaped = Normalizer.normalize(user, Normalizer.Form.NFC).replace("=", "=3D").replace(",", "=2C");
        clientFirstBare = "n=" + escaped + ",r=" + clientNonce;
        return ("n,," + clientFirstBare).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] respond(byte[] challenge) throws SaslException {
        if (clientFirstBare == null) {
            throw new SaslException("challenge before the initial response");
        }
        if (serverSignature != null) {
            // Some servers send the final message as a challenge; check it and answer empty.
            success(challenge);
            return new byte[0];
        }
        String serverFirst = new String(challenge, StandardCharsets.UTF_8);
        Map<Character, String> fields = parse(serverFirst);
        String nonce = fields.get('r');
        String salt = fields.get('s');
        String iterationText = fields.get('i');
        if (nonce == null || salt == null || iterationText == null || !nonce.startsWith(clientNonce)
                || nonce.length() == clientNonce.length()) {
            throw new SaslException("bad SCRAM server-first-message");
        }
        int iterations;
        byte[] saltBytes;
        try {
            iterations = Integer.parseInt(iterationText);
            saltBytes = Base64.getDecoder().decode(salt);
        } catch (IllegalArgumentException e) {
            throw new SaslException("bad SCRAM salt or iteration count");
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new SaslException("SCRAM iteration count out of range: " + iterations);
        }
        String withoutProof = "c=biws,r=" + nonce;
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        try {
            byte[] salted = hi(Normalizer.normalize(password, Normalizer.Form.NFKC), saltBytes, iterations);
            byte[] clientKey = hmac(salted, "Client Key".getBytes(StandardCharsets.UTF_8));
            byte[] storedKey = MessageDigest.getInstance(hash).digest(clientKey);
            byte[] clientSignature = hmac(storedKey, authMessage.getBytes(StandardCharsets.UTF_8));
            byte[] proof = new byte[clientKey.length];
            for (int i = 0; i < proof.length; i++) {
                proof[i] = (byte) (clientKey[i] ^ clientSignature[i]);
            }
            byte[] serverKey = hmac(salted, "Server Key".getBytes(StandardCharsets.UTF_8));
            serverSignature = hmac(serverKey, authMessage.getBytes(StandardCharsets.UTF_8));
            return (withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof)).getBytes(StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new SaslException("SCRAM: " + e.getMessage());
        }
    }

    @Override
    public void success(byte[] additional) throws SaslException {
        byte[] expected = serverSignature;
        if (expected == null) {
            throw new SaslException("SCRAM success before the exchange finished");
        }
        Map<Character, String> fields = parse(new String(additional, StandardCharsets.UTF_8));
        if (fields.containsKey('e')) {
            throw new SaslException("SCRAM server error: " + fields.get('e'));
        }
        String verifier = fields.get('v');
        byte[] got;
        try {
            got = verifier == null ? new byte[0] : Base64.getDecoder().decode(verifier);
        } catch (IllegalArgumentException e) {
            got = new byte[0];
        }
        if (!MessageDigest.isEqual(expected, got)) {
            throw new SaslException("SCRAM server signature does not verify");
        }
    }

    private static Map<Character, String> parse(String message) {
        Map<Character, String> fields = new HashMap<>();
        for (String part : message.split(",")) {
            if (part.length() >= 2 && part.charAt(1) == '=') {
                fields.putIfAbsent(part.charAt(0), part.substring(2));
            }
        }
        return fields;
    }

    private byte[] hi(String text, byte[] salt, int iterations) throws GeneralSecurityException {
        SecretKeyFactory factory = SecretKeyFactory.getInstance("PBKDF2With" + hmac);
        return factory.generateSecret(new PBEKeySpec(text.toCharArray(), salt, iterations, length * 8)).getEncoded();
    }

    private byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance(hmac);
        mac.init(new SecretKeySpec(key, hmac));
        return mac.doFinal(data);
    }
}
