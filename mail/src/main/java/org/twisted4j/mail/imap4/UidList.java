package org.twisted4j.mail.imap4;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-folder file holding a Maildir folder's UIDVALIDITY, next UID, highest MODSEQ and each message's UID,
 * MODSEQ and last known flags, keyed by the message file's base name (before {@code :2,}). The layout follows
 * Dovecot's {@code dovecot-uidlist} version 3 (a header line of {@code KEYvalue} fields, then one line per message
 * ending in {@code :basename}) but the file is ours ({@value #FILE}), so a Dovecot sharing the folder keeps its own:
 *
 * <pre>
 * 3 V1733540000 N43 M97
 * 1 M12 FS :1733540001.M1P2Q3.host
 * 2 M97 F :1733540002.M4P2Q5.host
 * </pre>
 *
 * Written crash-safely: a temporary file is written, synced, renamed over the old one, and the directory synced,
 * so a reader sees the old list or the new one, never a partial one. Package-private.
 */
final class UidList {

    /** The file's name in the folder. */
    static final String FILE = "twisted4j-uidlist";

    /** One message's line. */
    record Line(long uid, long modseq, String flags, String base) {
    }

    long validity;
    long next = 1;
    long highestModseq = 1;
    final List<Line> lines = new ArrayList<>();

    /**
     * Reads the list of a folder.
     *
     * @return the list, or null if there is none or it cannot be understood (the folder then gets a new
     *     UIDVALIDITY, as IMAP requires when UIDs are lost)
     */
    static UidList read(Path folder) throws IOException {
        List<String> text;
        try {
            text = Files.readAllLines(folder.resolve(FILE), UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        }
        if (text.isEmpty()) {
            return null;
        }
        UidList list = new UidList();
        try {
            String[] header = text.get(0).split(" ");
            if (!header[0].equals("3")) {
                return null;
            }
            for (int i = 1; i < header.length; i++) {
                String field = header[i];
                if (field.isEmpty()) {
                    continue;
                }
                long value = Long.parseLong(field.substring(1));
                switch (field.charAt(0)) {
                    case 'V' -> list.validity = value;
                    case 'N' -> list.next = value;
                    case 'M' -> list.highestModseq = value;
                    default -> { }
                }
            }
            for (int i = 1; i < text.size(); i++) {
                String line = text.get(i);
                int colon = line.indexOf(" :");
                if (colon < 0) {
                    continue;
                }
                String[] fields = line.substring(0, colon).split(" ");
                long uid = Long.parseLong(fields[0]);
                long modseq = 1;
                String flags = "";
                for (int f = 1; f < fields.length; f++) {
                    if (fields[f].startsWith("M")) {
                        modseq = Long.parseLong(fields[f].substring(1));
                    } else if (fields[f].startsWith("F")) {
                        flags = fields[f].substring(1);
                    }
                }
                list.lines.add(new Line(uid, modseq, flags, line.substring(colon + 2)));
            }
        } catch (RuntimeException e) {
            return null;
        }
        return list.validity > 0 ? list : null;
    }

    /** Writes the list: temporary file, sync, atomic rename, directory sync. */
    void write(Path folder) throws IOException {
        StringBuilder out = new StringBuilder(64 + lines.size() * 48);
        out.append("3 V").append(validity).append(" N").append(next).append(" M").append(highestModseq).append('\n');
        for (Line line : lines) {
            out.append(line.uid()).append(" M").append(line.modseq()).append(" F").append(line.flags())
                    .append(" :").append(line.base()).append('\n');
        }
        Path tmp = folder.resolve(FILE + ".tmp");
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(out.toString().getBytes(UTF_8));
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(tmp, folder.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel directory = FileChannel.open(folder, StandardOpenOption.READ)) {
            directory.force(true);
        }
    }
}
