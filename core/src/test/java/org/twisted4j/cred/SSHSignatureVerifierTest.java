package org.twisted4j.cred;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link SSHSignatureVerifier} on keys made here, in the SSH wire form written by hand; the interop test
 * checks signatures Twisted's conch made.
 */
class SSHSignatureVerifierTest {

    private static final byte[] DATA = "session id and userauth request".getBytes(UTF_8);
    private final SSHSignatureVerifier verifier = new SSHSignatureVerifier();

    @Test
    void rsaSha256SignatureVerifiesAndNothingElseDoes() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        RSAPublicKey key = (RSAPublicKey) pair.getPublic();
        byte[] blob = wire(string("ssh-rsa"), mpint(key.getPublicExponent()), mpint(key.getModulus()));
        byte[] raw = sign("SHA256withRSA", pair, DATA);
        byte[] signature = wire(string("rsa-sha2-256"), string(raw));

        assertThat(verifier.verify("rsa-sha2-256", blob, DATA, signature)).isTrue();
        assertThat(verifier.verify("rsa-sha2-256", blob, "other data".getBytes(UTF_8), signature)).isFalse();
        assertThat(verifier.verify("rsa-sha2-512", blob, DATA, signature)).as("named otherwise").isFalse();
        assertThat(verifier.verify("rsa-sha2-256", blob, DATA, wire(string("rsa-sha2-512"), string(raw))))
                .as("signed with another hash").isFalse();
        assertThat(verifier.verify("rsa-sha2-256", blob, DATA, Arrays.copyOf(signature, signature.length - 1)))
                .as("cut short").isFalse();
        assertThat(verifier.verify("rsa-sha2-256", blob, DATA, wire(string("rsa-sha2-256"), string(raw), string(""))))
                .as("trailing data").isFalse();
    }

    @Test
    void rsaSignatureMissingItsLeadingZeroStillVerifies() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        for (int attempt = 0; attempt < 2000; attempt++) {
            KeyPair pair = generator.generateKeyPair();
            byte[] data = ("attempt " + attempt).getBytes(UTF_8);
            byte[] raw = sign("SHA512withRSA", pair, data);
            if (raw[0] == 0) {
                RSAPublicKey key = (RSAPublicKey) pair.getPublic();
                byte[] blob = wire(string("ssh-rsa"), mpint(key.getPublicExponent()), mpint(key.getModulus()));
                byte[] shortened = Arrays.copyOfRange(raw, 1, raw.length);
                assertThat(verifier.verify("rsa-sha2-512", blob, data, wire(string("rsa-sha2-512"), string(shortened))))
                        .isTrue();
                return;
            }
        }
        throw new AssertionError("no signature with a leading zero octet in 2000 tries");
    }

    @Test
    void ed25519SignatureVerifies() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] encoded = ((EdECPublicKey) pair.getPublic()).getEncoded();
        byte[] point = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
        byte[] blob = wire(string("ssh-ed25519"), string(point));
        byte[] signature = wire(string("ssh-ed25519"), string(sign("Ed25519", pair, DATA)));

        assertThat(verifier.verify("ssh-ed25519", blob, DATA, signature)).isTrue();
        assertThat(verifier.verify("ssh-ed25519", blob, Arrays.copyOf(DATA, 3), signature)).isFalse();
        assertThat(verifier.verify("ssh-ed25519", wire(string("ssh-ed25519"), string(Arrays.copyOf(point, 31))),
                DATA, signature)).as("a short key").isFalse();
    }

    @Test
    void unknownAndSecurityKeyTypesAreRefused() {
        byte[] blob = wire(string("sk-ssh-ed25519@openssh.com"), string(new byte[32]), string("ssh:"));
        byte[] signature = wire(string("sk-ssh-ed25519@openssh.com"), string(new byte[64]));
        assertThat(verifier.verify("sk-ssh-ed25519@openssh.com", blob, DATA, signature)).isFalse();
        assertThat(verifier.verify("ssh-ed25519", new byte[0], DATA, new byte[0])).isFalse();
        assertThat(verifier.verify("ssh-ed25519", new byte[] {0, 0, 0, 99, 's'}, DATA, new byte[] {(byte) 0xff, 0, 0, 0}))
                .isFalse();
    }

    private static byte[] sign(String algorithm, KeyPair pair, byte[] data) throws Exception {
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(pair.getPrivate());
        signer.update(data);
        return signer.sign();
    }

    private static byte[] wire(byte[]... fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] field : fields) {
            out.writeBytes(field);
        }
        return out.toByteArray();
    }

    private static byte[] string(String text) {
        return string(text.getBytes(UTF_8));
    }

    private static byte[] string(byte[] octets) {
        byte[] out = new byte[4 + octets.length];
        out[0] = (byte) (octets.length >>> 24);
        out[1] = (byte) (octets.length >>> 16);
        out[2] = (byte) (octets.length >>> 8);
        out[3] = (byte) octets.length;
        System.arraycopy(octets, 0, out, 4, octets.length);
        return out;
    }

    private static byte[] mpint(BigInteger value) {
        return string(value.toByteArray());
    }
}
