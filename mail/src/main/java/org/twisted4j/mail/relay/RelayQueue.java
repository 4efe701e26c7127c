package org.twisted4j.mail.relay;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.twisted4j.logger.Logger;
import org.twisted4j.mail.smtp.MailAddress;

/**
 * A durable queue of messages waiting to be relayed, as Twisted's {@code relaymanager.Queue}: one directory
 * holding, per message, its bytes ({@code ID.msg}) and its {@link Envelope} ({@code ID.env}).
 *
 * <pre>{@code
 * RelayQueue queue = RelayQueue.open(Path.of("/var/spool/twisted4j"));
 * Envelope queued = queue.add(from, recipients, messageBytes, nowSeconds);   // blocking: off the reactor
 * }</pre>
 *
 * <h2>Durability</h2>
 * Every file is written under a {@code .tmp} name, synced, and renamed into place, then the directory is synced:
 * the message first, the envelope last. So once {@link #add} returns (and only then may the SMTP server say 250)
 * both are on disk, and a crash at any earlier point leaves no envelope. {@link #load} — run when the relay
 * starts — deletes {@code .tmp} files and messages without an envelope (they never got their 250), and gives
 * back every envelope, so nothing acknowledged is lost across a restart. An envelope is rewritten the same way
 * after each attempt; removing a message deletes its envelope first.
 *
 * <p>Threading: any thread, but every method blocks on the disk: call them through {@code deferToThread}.
 * Messages with different ids may be handled from different threads at once.
 */
public final class RelayQueue {

    private static final Logger log = new Logger("relay");
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final String MESSAGE = ".msg";
    private static final String ENVELOPE = ".env";
    private static final String TMP = ".tmp";

    private final Path directory;

    private RelayQueue(Path directory) {
        this.directory = directory;
    }

    /**
     * Opens the queue in a directory, creating it if needed.
     *
     * @param directory the queue directory
     * @return the queue
     * @throws IOException if the directory cannot be made
     */
    public static RelayQueue open(Path directory) throws IOException {
        Files.createDirectories(Objects.requireNonNull(directory, "directory"));
        return new RelayQueue(directory);
    }

    /** Returns the queue's directory. */
    public Path directory() {
        return directory;
    }

    /**
     * Adds a message, durably: returns only once both files are synced.
     *
     * @param from the sender
     * @param recipients the recipients, at least one
     * @param message the message's bytes
     * @param now the time, in seconds since the epoch: its creation time and its first attempt's
     * @return the envelope as stored
     * @throws IOException if the files cannot be written (then nothing is left in the queue)
     */
    public Envelope add(MailAddress from, List<MailAddress> recipients, byte[] message, long now) throws IOException {
        String id = now + "." + ProcessHandle.current().pid() + "." + SEQUENCE.incrementAndGet() + "."
                + Integer.toHexString(ThreadLocalRandom.current().nextInt() & 0xfffff);
        Envelope envelope = new Envelope(id, from, recipients, now, 0, now, "");
        try {
            write(directory.resolve(id + MESSAGE), message);
            write(directory.resolve(id + ENVELOPE), envelope.toBytes());
            syncDirectory(directory);
        } catch (IOException e) {
            Files.deleteIfExists(directory.resolve(id + ENVELOPE));
            Files.deleteIfExists(directory.resolve(id + MESSAGE));
            throw e;
        }
        return envelope;
    }

    /**
     * Rewrites a message's envelope, atomically.
     *
     * @param envelope the new envelope
     * @throws IOException if it cannot be written (the old one is then still in place)
     */
    public void update(Envelope envelope) throws IOException {
        write(directory.resolve(envelope.id() + ENVELOPE), envelope.toBytes());
        syncDirectory(directory);
    }

    /**
     * Reads a message's bytes.
     *
     * @param id the message's id
     * @throws IOException if it is missing or cannot be read
     */
    public byte[] read(String id) throws IOException {
        return Files.readAllBytes(directory.resolve(id + MESSAGE));
    }

    /**
     * Removes a message once it is delivered or bounced: its envelope first, then its bytes.
     *
     * @param id the message's id
     * @throws IOException if the files cannot be deleted
     */
    public void remove(String id) throws IOException {
        Files.deleteIfExists(directory.resolve(id + ENVELOPE));
        syncDirectory(directory);
        Files.deleteIfExists(directory.resolve(id + MESSAGE));
    }

    /**
     * Reads the queue, as on start: deletes what a crash left half-written and returns every queued envelope.
     * An envelope that cannot be read is renamed to {@code ID.env.bad} and logged, not deleted.
     *
     * @return the envelopes, in no particular order
     * @throws IOException if the directory cannot be read
     */
    public List<Envelope> load() throws IOException {
        List<Envelope> envelopes = new ArrayList<>();
        List<Path> messages = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.endsWith(TMP)) {
                    Files.deleteIfExists(entry);
                } else if (name.endsWith(MESSAGE)) {
                    messages.add(entry);
                } else if (name.endsWith(ENVELOPE)) {
                    String id = name.substring(0, name.length() - ENVELOPE.length());
                    try {
                        Envelope envelope = Envelope.parse(id, Files.readAllBytes(entry));
                        if (Files.exists(directory.resolve(id + MESSAGE))) {
                            envelopes.add(envelope);
                        } else {
                            log.warn("queue envelope {id} has no message; set aside", "id", id);
                            Files.move(entry, directory.resolve(name + ".bad"), StandardCopyOption.REPLACE_EXISTING);
                        }
                    } catch (IllegalArgumentException e) {
                        log.warn("queue envelope {id} cannot be read ({why}); set aside", "id", id, "why", e.getMessage());
                        Files.move(entry, directory.resolve(name + ".bad"), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        for (Path message : messages) {
            String name = message.getFileName().toString();
            String id = name.substring(0, name.length() - MESSAGE.length());
            if (!Files.exists(directory.resolve(id + ENVELOPE)) && !Files.exists(directory.resolve(id + ENVELOPE + ".bad"))) {
                // Written before a crash that came before its envelope: the client never got a 250 for it.
                Files.deleteIfExists(message);
            }
        }
        syncDirectory(directory);
        return envelopes;
    }

    private static void write(Path target, byte[] bytes) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + TMP);
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (NoSuchFileException e) {
            throw new IOException("the queue directory vanished: " + target, e);
        }
    }

    private static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
