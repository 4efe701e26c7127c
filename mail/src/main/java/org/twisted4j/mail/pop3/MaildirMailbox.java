package org.twisted4j.mail.pop3;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A {@link Mailbox} over a Maildir: the messages of {@code new/} and {@code cur/} when it is opened, oldest name
 * first; the unique id is the file's base name (before {@code :}), as Maildir names are unique.
 */
public final class MaildirMailbox implements Mailbox {

    private final List<Path> files;
    private final List<Long> sizes;
    private final boolean[] deleted;

    private MaildirMailbox(List<Path> files, List<Long> sizes) {
        this.files = files;
        this.sizes = sizes;
        this.deleted = new boolean[files.size()];
    }

    /**
     * Lists a Maildir's messages.
     *
     * @param root the Maildir (a missing one is an empty mailbox)
     * @return the mailbox
     * @throws IOException if it cannot be read
     */
    public static MaildirMailbox open(Path root) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String sub : new String[] {"cur", "new"}) {
            Path dir = root.resolve(sub);
            if (Files.isDirectory(dir)) {
                try (var entries = Files.list(dir)) {
                    entries.filter(p -> !p.getFileName().toString().startsWith(".")).forEach(files::add);
                }
            }
        }
        files.sort(Comparator.comparing(p -> p.getFileName().toString()));
        List<Long> sizes = new ArrayList<>();
        for (Path file : files) {
            sizes.add(Files.size(file));
        }
        return new MaildirMailbox(files, sizes);
    }

    @Override
    public List<Long> listMessages() {
        List<Long> out = new ArrayList<>(sizes.size());
        for (int i = 0; i < sizes.size(); i++) {
            out.add(deleted[i] ? 0L : sizes.get(i));
        }
        return out;
    }

    @Override
    public byte[] getMessage(int index) throws IOException {
        return Files.readAllBytes(files.get(index));
    }

    @Override
    public String getUidl(int index) {
        String name = files.get(index).getFileName().toString();
        int colon = name.indexOf(':');
        String base = colon < 0 ? name : name.substring(0, colon);
        StringBuilder uid = new StringBuilder();
        for (int i = 0; i < base.length() && uid.length() < 70; i++) {
            char c = base.charAt(i);
            uid.append(c > 0x20 && c < 0x7f ? c : '_');
        }
        return uid.toString();
    }

    @Override
    public void deleteMessage(int index) {
        deleted[index] = true;
    }

    @Override
    public void undeleteMessages() {
        java.util.Arrays.fill(deleted, false);
    }

    @Override
    public void sync() throws IOException {
        for (int i = 0; i < deleted.length; i++) {
            if (deleted[i]) {
                try {
                    Files.delete(files.get(i));
                } catch (NoSuchFileException gone) {
                    // another client removed it first: the end is the same
                }
            }
        }
    }
}
