package org.twisted4j.internet.ssl;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes PEM: certificates (several in one file, such as a chain) and private keys.
 *
 * <p>Private keys are read in every form OpenSSL writes them: PKCS#8 ({@code PRIVATE KEY}), encrypted
 * PKCS#8 ({@code ENCRYPTED PRIVATE KEY}, PBES2 as {@code openssl pkcs8 -topk8 -v2 aes-256-cbc} makes it, or
 * the older PBES1 schemes the JDK knows), PKCS#1 RSA ({@code RSA PRIVATE KEY}) and SEC1 EC
 * ({@code EC PRIVATE KEY}, named curves only). OpenSSL's legacy encryption of the last two (a
 * {@code Proc-Type: 4,ENCRYPTED} header) is not supported; {@code openssl pkcs8 -topk8} converts such a key.
 * Text around the PEM blocks (such as OpenSSL's "Bag Attributes") is ignored. Certificates may also be given
 * as one DER certificate.
 * <pre>{@code
 * List<X509Certificate> chain = Pem.readCertificates(Path.of("server.pem"));
 * PrivateKey key = Pem.readPrivateKey(Path.of("server.key"), null);
 * Files.writeString(Path.of("copy.pem"), Pem.encodeCertificates(chain));
 * }</pre>
 *
 * <h2>Threading</h2>
 * Any thread; the methods are static and keep no state.
 */
public final class Pem {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\R?(.*?)-----END \\1-----", Pattern.DOTALL);
    private static final Pattern HEADER = Pattern.compile("^([A-Za-z-]+):\\s*(.*)$", Pattern.MULTILINE);

    private Pem() {
    }

    /**
     * One PEM block: its label (such as {@code CERTIFICATE}), its RFC 1421 headers if any, and its DER bytes.
     */
    record Block(String label, Map<String, String> headers, byte[] der) {
    }

    /**
     * Reads every certificate in a PEM file, in the order they appear (for a chain: the end entity first).
     *
     * @param file a PEM file with one or more {@code CERTIFICATE} blocks, or a DER certificate
     * @return the certificates, never empty
     * @throws CertificateError if the file cannot be read, holds no certificate, or one is damaged
     */
    public static List<X509Certificate> readCertificates(Path file) {
        return parseCertificates(read(file), file.toString());
    }

    /**
     * Reads every certificate in PEM text or DER bytes given in memory.
     *
     * @param data the PEM text (as bytes) or one DER certificate
     * @param source how to name the data in error messages, such as a file name
     * @return the certificates, never empty
     * @throws CertificateError if the data holds no certificate or one is damaged
     */
    public static List<X509Certificate> parseCertificates(byte[] data, String source) {
        String text = new String(data, StandardCharsets.ISO_8859_1);
        List<Block> blocks = blocks(text, source);
        List<X509Certificate> certificates = new ArrayList<>();
        if (blocks.isEmpty()) {
            try {
                certificates.add(certificate(data));
                return List.copyOf(certificates);
            } catch (CertificateException | RuntimeException e) {
                throw new CertificateError(CertificateError.Kind.NOT_PEM, source,
                        "not PEM (no -----BEGIN CERTIFICATE----- line) and not a DER certificate", e);
            }
        }
        for (Block block : blocks) {
            if (block.label().equals("CERTIFICATE") || block.label().equals("X509 CERTIFICATE")) {
                try {
                    certificates.add(certificate(block.der()));
                } catch (CertificateException e) {
                    throw new CertificateError(CertificateError.Kind.MALFORMED, source,
                            "certificate " + (certificates.size() + 1) + " is damaged: " + e.getMessage(), e);
                }
            }
        }
        if (certificates.isEmpty()) {
            throw new CertificateError(CertificateError.Kind.NO_CERTIFICATE, source,
                    "no CERTIFICATE block among the PEM blocks " + labels(blocks));
        }
        return List.copyOf(certificates);
    }

    /**
     * Reads the first private key in a PEM file.
     *
     * @param file a PEM file with a private key block, possibly among certificates
     * @param password the password for an encrypted key, or {@code null} if it is not encrypted
     * @return the key
     * @throws CertificateError if the file cannot be read, holds no key, the key's kind is not supported, the
     *     key is encrypted and no password or the wrong one was given, or the key is damaged
     */
    public static PrivateKey readPrivateKey(Path file, char @Nullable [] password) {
        return parsePrivateKey(read(file), file.toString(), password);
    }

    /**
     * Reads the first private key in PEM data given in memory.
     *
     * @param data PEM text as bytes
     * @param source how to name the data in error messages, such as a file name
     * @param password the password for an encrypted key, or {@code null} if it is not encrypted
     * @return the key
     * @throws CertificateError as {@link #readPrivateKey(Path, char[])}
     */
    public static PrivateKey parsePrivateKey(byte[] data, String source, char @Nullable [] password) {
        List<Block> blocks = blocks(new String(data, StandardCharsets.ISO_8859_1), source);
        if (blocks.isEmpty()) {
            throw new CertificateError(CertificateError.Kind.NOT_PEM, source,
                    "not PEM: no -----BEGIN ... PRIVATE KEY----- line", null);
        }
        for (Block block : blocks) {
            if (block.label().endsWith("PRIVATE KEY")) {
                return PrivateKeys.decode(block, source, password);
            }
        }
        throw new CertificateError(CertificateError.Kind.NO_KEY, source,
                "no PRIVATE KEY block among the PEM blocks " + labels(blocks));
    }

    /**
     * Returns certificates as PEM text, one {@code CERTIFICATE} block each, in the order given.
     *
     * @throws IllegalArgumentException if a certificate cannot be encoded
     */
    public static String encodeCertificates(List<X509Certificate> certificates) {
        StringBuilder text = new StringBuilder();
        for (X509Certificate certificate : certificates) {
            try {
                text.append(encode("CERTIFICATE", certificate.getEncoded()));
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IllegalArgumentException("cannot encode certificate " + certificate.getSubjectX500Principal(), e);
            }
        }
        return text.toString();
    }

    /**
     * Returns a private key as unencrypted PKCS#8 PEM text ({@code PRIVATE KEY}), which OpenSSL and this
     * class read back.
     *
     * @throws IllegalArgumentException if the key cannot be exported (such as a key in a hardware token)
     */
    public static String encodePrivateKey(PrivateKey key) {
        byte[] encoded = key.getEncoded();
        if (encoded == null || !"PKCS#8".equals(key.getFormat())) {
            throw new IllegalArgumentException("the " + key.getAlgorithm() + " key cannot be exported as PKCS#8");
        }
        return encode("PRIVATE KEY", encoded);
    }

    /**
     * Writes a private key as PKCS#8 PEM to a new file that only its owner may read (where the file system
     * has POSIX permissions).
     *
     * @throws IOException if the file exists already or cannot be written
     * @throws IllegalArgumentException if the key cannot be exported
     */
    public static void writePrivateKey(Path file, PrivateKey key) throws IOException {
        byte[] text = encodePrivateKey(key).getBytes(StandardCharsets.US_ASCII);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                && file.getFileSystem().equals(FileSystems.getDefault())) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(file, text, StandardOpenOption.TRUNCATE_EXISTING);
        } else {
            Files.write(file, text, StandardOpenOption.CREATE_NEW);
        }
    }

    static String encode(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    static List<Block> blocks(String text, String source) {
        List<Block> blocks = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(text.replace("\r\n", "\n"));
        while (matcher.find()) {
            String body = matcher.group(2);
            Map<String, String> headers = new LinkedHashMap<>();
            int blank = body.indexOf("\n\n");
            if (body.contains(":") && blank >= 0) {
                Matcher header = HEADER.matcher(body.substring(0, blank));
                while (header.find()) {
                    headers.put(header.group(1), header.group(2).trim());
                }
                body = body.substring(blank + 2);
            }
            try {
                blocks.add(new Block(matcher.group(1), Map.copyOf(headers), Base64.getMimeDecoder().decode(body)));
            } catch (IllegalArgumentException e) {
                throw new CertificateError(CertificateError.Kind.MALFORMED, source,
                        "the PEM block " + matcher.group(1) + " is not valid base64", e);
            }
        }
        return blocks;
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CertificateError(CertificateError.Kind.UNREADABLE, file.toString(),
                    "cannot read: " + e, e);
        }
    }

    /**
     * Parses one DER certificate. The JDK's parser throws runtime exceptions (such as an
     * ArrayIndexOutOfBoundsException) on some damaged encodings: they become a CertificateException like any
     * other damage.
     */
    static X509Certificate certificate(byte[] der) throws CertificateException {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (RuntimeException e) {
            throw new CertificateException("damaged certificate encoding (" + e + ")", e);
        }
    }

    private static List<String> labels(List<Block> blocks) {
        return blocks.stream().map(Block::label).toList();
    }
}
