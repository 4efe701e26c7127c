package org.twisted4j.conch.scripts;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.twisted4j.conch.sftp.FileAttributes;
import org.twisted4j.conch.sftp.NameEntry;
import org.twisted4j.conch.sftp.SftpClient;
import org.twisted4j.conch.sftp.SftpConstants;
import org.twisted4j.conch.sftp.SftpException;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.NioReactor;

/**
 * The commands of {@code cftp}, run one line at a time in a coroutine: each awaits the SFTP client's Deferreds, and
 * local work that blocks (listing with {@code ls}, a shell command) runs off the reactor thread.
 *
 * <p>Remote paths are taken relative to the remote working directory ({@code cd}, {@code pwd}); local ones relative
 * to the local working directory ({@code lcd}, {@code lpwd}), which starts as the process's. A name whose last part
 * has {@code *} or {@code ?} is a glob for {@code ls}, {@code get} and {@code put}.
 *
 * <h2>Threading</h2>
 * In a coroutine driven by the reactor thread ({@link Coroutine#start}).
 */
final class CFtpShell {
    /** The prompt, as Twisted's. */
    static final String PROMPT = "cftp> ";

    /** What a command came to. */
    enum Outcome {
        /** It did what it was asked. */
        OK,
        /** It failed and said why. */
        FAILED,
        /** It asked to end the session. */
        EXIT
    }

    private static final String HELP = """
            Available commands:
            cd path                         Change remote directory to 'path'.
            chgrp gid path                  Change gid of 'path' to 'gid'.
            chmod mode path                 Change mode of 'path' to 'mode'.
            chown uid path                  Change uid of 'path' to 'uid'.
            exit                            Disconnect from the server.
            get remote-path [local-path]    Get remote file.
            help                            Get a list of available commands.
            lcd path                        Change local directory to 'path'.
            lls [ls-options] [path]         Display local directory listing.
            lmkdir path                     Create local directory.
            ln linkpath targetpath          Symlink remote file.
            lpwd                            Print the local working directory.
            ls [-l] [-a] [path]             Display remote directory listing.
            mkdir path                      Create remote directory.
            put local-path [remote-path]    Put local file.
            pwd                             Print the remote working directory.
            quit                            Disconnect from the server.
            rename oldpath newpath          Rename remote file.
            rmdir path                      Remove remote directory.
            rm path                         Remove remote file.
            version                         Print the SFTP version.
            !command, exec command          Run a local shell command.
            ?                               Synonym for 'help'.""";

    private final NioReactor reactor;
    private final SftpClient sftp;
    private final PrintStream out;
    private String remoteDir = "/";
    private Path localDir = Path.of("").toAbsolutePath();

    CFtpShell(NioReactor reactor, SftpClient sftp, PrintStream out) {
        this.reactor = reactor;
        this.sftp = sftp;
        this.out = out;
    }

    /** Runs one command line, printing its output or why it failed. */
    Outcome execute(String line) {
        try {
            if (line.startsWith("!")) {
                exec(line.substring(1).strip());
                return Outcome.OK;
            }
            List<String> words = CommandWords.split(line);
            if (words.isEmpty()) {
                return Outcome.OK;
            }
            String command = words.get(0).toLowerCase(Locale.ROOT);
            List<String> args = words.subList(1, words.size());
            return dispatch(command, args, line);
        } catch (SftpException e) {
            out.println("remote error " + e.code() + ": " + e.getMessage());
        } catch (IOException e) {
            out.println("local error: " + describe(e));
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
        } catch (Exception e) {
            out.println("error: " + describe(e));
        }
        return Outcome.FAILED;
    }

    private static String describe(Exception e) {
        if (e instanceof NoSuchFileException missing) {
            return "no such file: " + missing.getFile();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private Outcome dispatch(String command, List<String> args, String line) throws Exception {
        switch (command) {
            case "cd" -> changeDirectory(arg(args, 0, "cd path"));
            case "pwd" -> out.println(remoteDir);
            case "lcd" -> {
                Path next = localDir.resolve(arg(args, 0, "lcd path")).normalize();
                if (!Files.isDirectory(next)) {
                    throw new NoSuchFileException(next.toString());
                }
                localDir = next;
            }
            case "lpwd" -> out.println(localDir);
            case "ls" -> list(args);
            case "lls" -> exec("ls " + line.substring(line.indexOf("lls") + 3).strip());
            case "lmkdir" -> Files.createDirectory(local(arg(args, 0, "lmkdir path")));
            case "get" -> get(arg(args, 0, "get remote-path [local-path]"), args.size() > 1 ? args.get(1) : null);
            case "put" -> put(arg(args, 0, "put local-path [remote-path]"), args.size() > 1 ? args.get(1) : null);
            case "rename" -> Coroutine.await(sftp.rename(remote(arg(args, 0, "rename oldpath newpath")),
                    remote(arg(args, 1, "rename oldpath newpath"))));
            case "rm" -> Coroutine.await(sftp.remove(remote(arg(args, 0, "rm path"))));
            case "mkdir" -> Coroutine.await(sftp.mkdir(remote(arg(args, 0, "mkdir path")), FileAttributes.EMPTY));
            case "rmdir" -> Coroutine.await(sftp.rmdir(remote(arg(args, 0, "rmdir path"))));
            case "chmod" -> {
                int mode = number(arg(args, 0, "chmod mode path"), 8);
                Coroutine.await(sftp.setstat(remote(arg(args, 1, "chmod mode path")),
                        FileAttributes.ofPermissions(mode)));
            }
            case "chown", "chgrp" -> {
                String usage = command + (command.equals("chown") ? " uid path" : " gid path");
                int id = number(arg(args, 0, usage), 10);
                String path = remote(arg(args, 1, usage));
                FileAttributes now = Coroutine.await(sftp.stat(path));
                if (now.uid() == null) {
                    throw new SftpException(SftpConstants.FX_FAILURE, "the server did not say who owns " + path);
                }
                boolean owner = command.equals("chown");
                Coroutine.await(sftp.setstat(path, new FileAttributes(null, owner ? id : now.uid(),
                        owner ? now.gid() : id, null, null, null, List.of())));
            }
            case "ln" -> Coroutine.await(sftp.symlink(remote(arg(args, 0, "ln linkpath targetpath")),
                    remote(arg(args, 1, "ln linkpath targetpath"))));
            case "version" -> out.println("SFTP version " + SftpConstants.VERSION);
            case "exec" -> exec(line.substring(4).strip());
            case "help", "?" -> out.println(HELP);
            case "exit", "quit" -> {
                return Outcome.EXIT;
            }
            default -> {
                out.println("No command called `" + command + "'");
                out.println(HELP);
                return Outcome.FAILED;
            }
        }
        return Outcome.OK;
    }

    private static String arg(List<String> args, int index, String usage) {
        if (index >= args.size()) {
            throw new IllegalArgumentException("usage: " + usage);
        }
        return args.get(index);
    }

    private static int number(String text, int radix) {
        try {
            return Integer.parseInt(text, radix);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: " + text);
        }
    }

    /** Changes the remote working directory, checked to be a directory. */
    void changeDirectory(String path) throws Exception {
        String target = remote(path);
        FileAttributes attrs = Coroutine.await(sftp.stat(target));
        if (!attrs.isDirectory()) {
            throw new SftpException(SftpConstants.FX_NO_SUCH_FILE, target + " is not a directory");
        }
        remoteDir = Coroutine.await(sftp.realpath(target));
    }

    private String remote(String path) {
        if (path.startsWith("/")) {
            return path;
        }
        return remoteDir.endsWith("/") ? remoteDir + path : remoteDir + "/" + path;
    }

    private Path local(String path) {
        return localDir.resolve(path).normalize();
    }

    private static boolean isGlob(String name) {
        return name.contains("*") || name.contains("?");
    }

    private static PathMatcher matcher(String pattern) {
        try {
            return FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("bad pattern: " + pattern);
        }
    }

    /** The entries of a remote directory whose names match a glob, sorted. */
    private List<NameEntry> remoteGlob(String fullPath) throws Exception {
        int slash = fullPath.lastIndexOf('/');
        String dir = slash <= 0 ? "/" : fullPath.substring(0, slash);
        PathMatcher match = matcher(fullPath.substring(slash + 1));
        List<NameEntry> found = new ArrayList<>();
        for (NameEntry entry : Coroutine.await(sftp.listdir(dir))) {
            if (!entry.filename().equals(".") && !entry.filename().equals("..")
                    && match.matches(Path.of(entry.filename()))) {
                found.add(entry);
            }
        }
        found.sort(Comparator.comparing(NameEntry::filename));
        return found;
    }

    private void list(List<String> args) throws Exception {
        boolean verbose = false;
        boolean all = false;
        List<String> rest = new ArrayList<>(args);
        while (!rest.isEmpty() && rest.get(0).startsWith("-")) {
            String flags = rest.remove(0);
            verbose |= flags.contains("l");
            all |= flags.contains("a");
        }
        String path = rest.isEmpty() ? remoteDir : remote(rest.get(0));
        List<NameEntry> entries;
        if (isGlob(path.substring(path.lastIndexOf('/') + 1))) {
            entries = remoteGlob(path);
        } else {
            FileAttributes attrs = Coroutine.await(sftp.stat(path));
            if (attrs.isDirectory()) {
                entries = new ArrayList<>(Coroutine.await(sftp.listdir(path)));
                entries.sort(Comparator.comparing(NameEntry::filename));
            } else {
                // The parent's listing has the file's long name (ls -l's line); stat alone has none.
                String name = path.substring(path.lastIndexOf('/') + 1);
                String parent = path.lastIndexOf('/') <= 0 ? "/" : path.substring(0, path.lastIndexOf('/'));
                entries = new ArrayList<>();
                for (NameEntry entry : Coroutine.await(sftp.listdir(parent))) {
                    if (entry.filename().equals(name)) {
                        entries.add(entry);
                    }
                }
                if (entries.isEmpty()) {
                    entries.add(new NameEntry(name, name, attrs));
                }
            }
        }
        for (NameEntry entry : entries) {
            if (all || !entry.filename().startsWith(".")) {
                out.println(verbose && !entry.longname().isEmpty() ? entry.longname() : entry.filename());
            }
        }
    }

    private void get(String remotePath, @Nullable String localPath) throws Exception {
        String full = remote(remotePath);
        String name = full.substring(full.lastIndexOf('/') + 1);
        if (isGlob(name)) {
            Path target = localPath == null ? localDir : local(localPath);
            if (!Files.isDirectory(target)) {
                throw new IllegalArgumentException("Wildcard get with non-directory target.");
            }
            String dir = full.substring(0, Math.max(full.lastIndexOf('/'), 1));
            for (NameEntry entry : remoteGlob(full)) {
                if (!entry.attrs().isDirectory()) {
                    getOne(dir.endsWith("/") ? dir + entry.filename() : dir + "/" + entry.filename(),
                            target.resolve(entry.filename()));
                }
            }
            return;
        }
        Path target = localPath == null ? localDir.resolve(name) : local(localPath);
        if (Files.isDirectory(target)) {
            target = target.resolve(name);
        }
        getOne(full, target);
    }

    private void getOne(String remotePath, Path target) throws Exception {
        FileAttributes attrs = Coroutine.await(sftp.stat(remotePath));
        if (attrs.isDirectory()) {
            throw new IllegalArgumentException("Can't get non-regular file: " + remotePath);
        }
        Coroutine.await(sftp.get(remotePath, target));
        out.println("Transferred " + remotePath + " to " + target);
    }

    private void put(String localPath, @Nullable String remotePath) throws Exception {
        Path source = local(localPath);
        String name = source.getFileName() == null ? "" : source.getFileName().toString();
        if (isGlob(name)) {
            String dir = remotePath == null ? remoteDir : remote(remotePath);
            PathMatcher match = matcher(name);
            List<Path> files;
            try (Stream<Path> listing = Files.list(source.getParent())) {
                files = listing.filter(p -> match.matches(p.getFileName()) && Files.isRegularFile(p)).sorted()
                        .toList();
            }
            for (Path file : files) {
                putOne(file, dir.endsWith("/") ? dir + file.getFileName() : dir + "/" + file.getFileName());
            }
            return;
        }
        if (!Files.isRegularFile(source)) {
            throw new NoSuchFileException(source.toString());
        }
        putOne(source, remotePath == null ? remote(name) : remote(remotePath));
    }

    private void putOne(Path source, String target) throws Exception {
        Coroutine.await(sftp.put(source, target));
        out.println("Transferred " + source + " to " + target);
    }

    /** Runs a shell command in the local working directory and prints what it printed. */
    private void exec(String command) throws Exception {
        Path dir = localDir;
        String printed = Coroutine.await(reactor.deferToThread(() -> {
            String shell = System.getenv("SHELL");
            Process process = new ProcessBuilder(shell == null || shell.isEmpty() ? "/bin/sh" : shell, "-c",
                    command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            String text = new String(process.getInputStream().readAllBytes(), UTF_8);
            process.waitFor();
            return text;
        }));
        out.print(printed);
    }
}
