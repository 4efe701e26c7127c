package org.twisted4j.conch.keys;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * PEM armour (RFC 7468, and OpenSSL's older form with headers): the label and the base 64 body between the
 * {@code -----BEGIN label-----} and {@code -----END label-----} lines.
 *
 * <h2>Threading</h2>
 * Any thread (stateless).
 */
final class Pem {

    /** A decoded block: its label, whether it had OpenSSL's encryption headers, and its body. */
    record Block(String label, boolean encryptedHeaders, byte[] body) {
    }

    private Pem() {
    }

    /** Whether the text holds a PEM block. */
    static boolean looksLikePem(String text) {
        return text.contains("-----BEGIN ");
    }

    /** Decodes the first PEM block in the text. */
    static Block decode(String text) throws BadKeyException {
        int begin = text.indexOf("-----BEGIN ");
        int labelEnd = begin < 0 ? -1 : text.indexOf("-----", begin + 11);
        if (labelEnd < 0 || labelEnd - begin - 11 > 40) {
            throw new BadKeyException("no PEM block (-----BEGIN ...-----)");
        }
        String label = text.substring(begin + 11, labelEnd);
        int end = label.isEmpty() ? -1 : text.indexOf("-----END " + label + "-----", labelEnd + 5);
        if (end < 0) {
            throw new BadKeyException("PEM block " + label + " has no END line");
        }
        String body = text.substring(labelEnd + 5, end);
        boolean encrypted = false;
        StringBuilder base64 = new StringBuilder();
        for (String line : body.split("\\r?\\n")) {
            if (line.contains(":")) {
                encrypted |= line.startsWith("Proc-Type:") && line.contains("ENCRYPTED");
                continue;
            }
            base64.append(line.strip());
        }
        try {
            return new Block(label, encrypted, Base64.getDecoder().decode(base64.toString()));
        } catch (IllegalArgumentException e) {
            throw new BadKeyException("PEM body is not base 64", e);
        }
    }

    /** Encodes a block with lines of 64 characters (70 for OpenSSH's own format, as ssh-keygen writes it). */
    static String encode(String label, byte[] body) {
        int width = label.equals("OPENSSH PRIVATE KEY") ? 70 : 64;
        String base64 = Base64.getEncoder().encodeToString(body);
        StringBuilder out = new StringBuilder("-----BEGIN ").append(label).append("-----\n");
        for (int i = 0; i < base64.length(); i += width) {
            out.append(base64, i, Math.min(base64.length(), i + width)).append('\n');
        }
        return out.append("-----END ").append(label).append("-----\n").toString();
    }

    /** The text of a key file's octets. */
    static String text(byte[] data) {
        return new String(data, StandardCharsets.ISO_8859_1);
    }
}
