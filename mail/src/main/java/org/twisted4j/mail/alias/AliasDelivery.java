package org.twisted4j.mail.alias;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.ReactorThreads;
import org.twisted4j.logger.Logger;
import org.twisted4j.mail.smtp.Helo;
import org.twisted4j.mail.smtp.MailAddress;
import org.twisted4j.mail.smtp.MessageDelivery;
import org.twisted4j.mail.smtp.MessageSink;
import org.twisted4j.mail.smtp.MessageSinkFactory;
import org.twisted4j.mail.smtp.SmtpRejection;
import org.twisted4j.mail.smtp.SmtpSyntaxException;
import org.twisted4j.mail.smtp.SmtpUser;

/**
 * A domain's aliases in front of another delivery, as Twisted's {@code AliasGroup} set on a domain: a recipient
 * of the domain whose local part is an alias gets the message at each of the alias's targets; every other
 * recipient goes to the delivery behind.
 *
 * <pre>{@code
 * AliasDelivery aliases = new AliasDelivery(reactor, domains, "example.com",
 *         AliasFile.parse(Files.readString(Path.of("/etc/aliases"))));
 * }</pre>
 *
 * <h2>Targets</h2>
 * <ul>
 *   <li>{@code user}: the same domain's user, itself perhaps an alias; {@code user@domain}: that address, through
 *   the delivery behind (which may relay it: an administrator's alias may forward anywhere);</li>
 *   <li>{@code /path}: the message is appended to the file under an exclusive {@link FileLock} and synced;</li>
 *   <li>{@code |command}: the command ({@code /bin/sh -c}) is run with the message on its standard input; a
 *   non-zero exit or no exit within {@linkplain #setCommandTimeout 60 seconds} fails the delivery (451);</li>
 *   <li>{@code :include:/path}: the targets listed in the file, read when the aliases are
 *   {@linkplain AliasFile#load loaded} (an include left unread fails the delivery);</li>
 *   <li>several targets: a group, every one of which gets the message.</li>
 * </ul>
 * Expansion follows aliases within aliases; an alias met again on the way (a loop) is expanded once, and one
 * that expands to nothing deliverable is refused with 550 5.4.6. At most {@value #MAX_TARGETS} targets.
 *
 * <p>Threading: the delivery methods run on the reactor thread; files, includes and commands go through
 * {@code deferToThread}, and the sink's Deferred fires once every target has the message.
 */
public final class AliasDelivery implements MessageDelivery {

    /** The most targets one recipient expands to. */
    public static final int MAX_TARGETS = 1000;
    /** How long a command may run, in seconds, by default. */
    public static final long DEFAULT_COMMAND_TIMEOUT = 60;

    private static final Logger log = new Logger("alias");

    private final ReactorThreads threads;
    private final MessageDelivery behind;
    private final MessageDelivery targets;
    private final String domain;
    private final Map<String, List<AliasFile.Target>> aliases;
    private long commandTimeout = DEFAULT_COMMAND_TIMEOUT;

    /**
     * Makes the delivery.
     *
     * @param threads runs the blocking work
     * @param behind the delivery of addresses that are not aliases
     * @param domain the domain the aliases belong to
     * @param aliases the aliases, names in lower case, as {@link AliasFile#parse} gives them
     */
    public AliasDelivery(ReactorThreads threads, MessageDelivery behind, String domain,
            Map<String, List<AliasFile.Target>> aliases) {
        this(threads, behind, behind, domain, aliases);
    }

    /**
     * Makes the delivery, with the aliases' addresses delivered apart from other recipients: an alias may forward
     * to another domain even when the client may not relay there itself.
     *
     * @param threads runs the blocking work
     * @param behind the delivery of addresses that are not aliases
     * @param targets the delivery of the addresses aliases expand to
     * @param domain the domain the aliases belong to
     * @param aliases the aliases, names in lower case, as {@link AliasFile#parse} gives them
     */
    public AliasDelivery(ReactorThreads threads, MessageDelivery behind, MessageDelivery targets, String domain,
            Map<String, List<AliasFile.Target>> aliases) {
        this.threads = Objects.requireNonNull(threads, "threads");
        this.behind = Objects.requireNonNull(behind, "behind");
        this.targets = Objects.requireNonNull(targets, "targets");
        this.domain = domain.toLowerCase(Locale.ROOT);
        this.aliases = Map.copyOf(aliases);
    }

    /** Sets how long a command may run, in seconds (default {@value #DEFAULT_COMMAND_TIMEOUT}). */
    public void setCommandTimeout(long seconds) {
        commandTimeout = seconds;
    }

    @Override
    public @Nullable String receivedHeader(Helo helo, MailAddress origin, List<SmtpUser> recipients) {
        return behind.receivedHeader(helo, origin, recipients);
    }

    @Override
    public Deferred<MailAddress> validateFrom(Helo helo, MailAddress origin) {
        return behind.validateFrom(helo, origin);
    }

    private @Nullable String aliasName(MailAddress address) {
        if (!address.domainLowerCase().equals(domain) && !address.domain().isEmpty()) {
            return null;
        }
        String name = address.localPart().toLowerCase(Locale.ROOT);
        return aliases.containsKey(name) ? name : null;
    }

    @Override
    public Deferred<MessageSinkFactory> validateTo(SmtpUser user) {
        String name = aliasName(user.dest());
        if (name == null) {
            return behind.validateTo(user);
        }
        Set<String> seen = new HashSet<>();
        Set<MailAddress> addresses = new LinkedHashSet<>();
        List<AliasFile.Target> others = new ArrayList<>();
        try {
            expand(name, seen, addresses, others);
        } catch (IllegalArgumentException e) {
            log.warn("alias {name}: {why}", "name", name, "why", e.getMessage());
            return Deferred.fail(new SmtpRejection(550, "5.4.6", "Alias cannot be expanded"));
        }
        if (addresses.isEmpty() && others.isEmpty()) {
            return Deferred.fail(new SmtpRejection(550, "5.4.6", "Alias loop or empty alias"));
        }
        List<Deferred<MessageSinkFactory>> factories = new ArrayList<>();
        for (MailAddress address : addresses) {
            factories.add(targets.validateTo(new SmtpUser(address, user.helo(), user.origin(), user.protocolName()))
                    .addErrback(failure -> {
                        log.warn("alias {name}: target {target} refused: {why}", "name", name, "target", address,
                                "why", failure.getErrorMessage());
                        return null;
                    }));
        }
        return Deferred.gatherResults(factories).addCallbackDeferred(made -> {
            List<MessageSinkFactory> accepted = made.stream().filter(Objects::nonNull).toList();
            if (accepted.isEmpty() && others.isEmpty()) {
                return Deferred.fail(new SmtpRejection(550, "5.1.1", "No target of this alias accepts mail"));
            }
            MailAddress sender = user.origin();
            return Deferred.succeed((MessageSinkFactory) () -> new GroupSink(accepted, others, sender));
        });
    }

    private void expand(String name, Set<String> seen, Set<MailAddress> addresses, List<AliasFile.Target> others) {
        if (!seen.add(name)) {
            return;
        }
        for (AliasFile.Target target : aliases.get(name)) {
            if (addresses.size() + others.size() >= MAX_TARGETS) {
                throw new IllegalArgumentException("more than " + MAX_TARGETS + " targets");
            }
            switch (target.kind()) {
                case ADDRESS -> {
                    MailAddress address;
                    try {
                        address = target.value().contains("@") ? MailAddress.parseMailbox(target.value(), true)
                                : new MailAddress(target.value(), domain);
                    } catch (SmtpSyntaxException e) {
                        throw new IllegalArgumentException("bad address " + target.value(), e);
                    }
                    String inner = aliasName(address);
                    if (inner != null) {
                        expand(inner, seen, addresses, others);
                    } else {
                        addresses.add(address);
                    }
                }
                case FILE, COMMAND, INCLUDE -> others.add(target);
            }
        }
    }

    /** Every target's copy of one message. */
    private final class GroupSink implements MessageSink {
        private final List<MessageSink> sinks = new ArrayList<>();
        private final List<AliasFile.Target> others;
        private final MailAddress sender;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        GroupSink(List<MessageSinkFactory> factories, List<AliasFile.Target> others, MailAddress sender) {
            for (MessageSinkFactory factory : factories) {
                sinks.add(factory.newSink());
            }
            this.others = others;
            this.sender = sender;
        }

        @Override
        public void write(byte[] data) {
            for (MessageSink sink : sinks) {
                sink.write(data.clone());
            }
            if (!others.isEmpty()) {
                bytes.writeBytes(data);
            }
        }

        @Override
        public Deferred<?> eomReceived() {
            List<Deferred<?>> stored = new ArrayList<>();
            for (MessageSink sink : sinks) {
                stored.add(sink.eomReceived());
            }
            byte[] message = bytes.toByteArray();
            for (AliasFile.Target target : others) {
                stored.add(threads.deferToThread(() -> {
                    deliver(target, message, sender);
                    return null;
                }));
            }
            return Deferred.gatherResults(stored, true).addErrback(failure -> {
                log.warn("alias delivery failed: {why}", "why", failure.getErrorMessage());
                throw new SmtpRejection(451, "4.3.0", "Alias delivery failed; try again later");
            });
        }

        @Override
        public void connectionLost() {
            for (MessageSink sink : sinks) {
                sink.connectionLost();
            }
            bytes.reset();
        }
    }

    /** Delivers to a file or a command; blocking. */
    private void deliver(AliasFile.Target target, byte[] message, MailAddress sender) throws IOException,
            InterruptedException {
        switch (target.kind()) {
            case FILE -> appendToFile(Path.of(target.value()), message);
            case COMMAND -> pipeToCommand(target.value(), message, sender);
            case INCLUDE -> throw new IOException(":include: " + target.value() + " was not loaded (use AliasFile.load)");
            case ADDRESS -> throw new IllegalStateException("addresses are delivered through the delivery behind");
        }
    }

    /** Appends a message to a file (and a newline if it lacks one), under an exclusive lock, then syncs it. */
    static void appendToFile(Path file, byte[] message) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            FileLock lock = channel.lock();
            ByteBuffer buffer = ByteBuffer.wrap(message);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            if (message.length > 0 && message[message.length - 1] != '\n') {
                channel.write(ByteBuffer.wrap(new byte[] {'\n'}));
            }
            channel.force(true);
            lock.release();
        }
    }

    private void pipeToCommand(String command, byte[] message, MailAddress sender) throws IOException,
            InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true);
        builder.environment().put("SENDER", sender.toString());
        Process process = builder.start();
        Thread drain = Thread.ofVirtual().start(() -> {
            try (InputStream out = process.getInputStream()) {
                out.transferTo(OutputStream.nullOutputStream());
            } catch (IOException ignored) {
                // The process is gone; its exit status says what happened.
            }
        });
        try (OutputStream in = process.getOutputStream()) {
            in.write(message);
        } catch (IOException e) {
            // The command closed its input early; its exit status decides.
        }
        if (!process.waitFor(commandTimeout, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("|" + command + " did not finish within " + commandTimeout + " s");
        }
        drain.join();
        if (process.exitValue() != 0) {
            throw new IOException("|" + command + " exited with " + process.exitValue());
        }
    }
}
