package org.twisted4j.ftp;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.logger.Logger;

/** The command table of {@link FtpServer}: one method per command, errors as {@link FtpError}. */
final class Commands {

    private static final Logger log = new Logger("ftp");
    private static final String HELP = "ABOR ACCT ALLO APPE AUTH CDUP CWD DELE EPRT EPSV FEAT HELP LIST MDTM MFMT MKD "
            + "MLSD MLST MODE NLST NOOP OPTS PASS PASV PBSZ PORT PROT PWD QUIT REST RETR RMD RNFR RNTO SIZE STAT "
            + "STOR STOU STRU SYST TYPE USER";

    void dispatch(FtpServer s, String verb, String arg) throws FtpError {
        switch (verb) {
            case "USER" -> s.user(arg);
            case "PASS" -> s.pass(arg);
            case "ACCT" -> s.reply(202, "Command not implemented, superfluous at this site.");
            case "ALLO" -> s.reply(202, "No storage allocation necessary.");
            case "NOOP" -> s.reply(200, "NOOP ok.");
            case "SYST" -> s.reply(215, "UNIX Type: L8");
            case "QUIT" -> {
                s.reply(221, "Goodbye.");
                s.transport().loseConnection();
            }
            case "HELP" -> s.reply(new FtpReply(214, List.of("The following commands are recognized.", HELP,
                    "Help OK.")));
            case "FEAT" -> {
                List<String> lines = new ArrayList<>();
                lines.add("Features:");
                lines.addAll(s.features());
                lines.add("End");
                s.reply(new FtpReply(211, lines));
            }
            case "OPTS" -> opts(s, arg);
            case "AUTH" -> s.auth(arg);
            case "PBSZ" -> {
                if (!s.tls()) {
                    throw new FtpError(503, "PBSZ needs AUTH TLS first.");
                }
                s.setPbsz();
                s.reply(200, "PBSZ=0");
            }
            case "PROT" -> prot(s, arg);
            case "STAT" -> stat(s, arg);
            case "PWD", "XPWD" -> s.reply(257, FtpServer.quote(s.cwd()) + " is the current directory.");
            case "CWD", "XCWD" -> cwd(s, s.path(arg));
            case "CDUP", "XCUP" -> cwd(s, s.cwd().isEmpty() ? List.of() : s.cwd().subList(0, s.cwd().size() - 1));
            case "TYPE" -> type(s, arg);
            case "MODE" -> {
                if (!arg.equalsIgnoreCase("S")) {
                    throw new FtpError(504, "Only stream mode (S) is supported.");
                }
                s.reply(200, "Mode set to S.");
            }
            case "STRU" -> {
                if (!arg.equalsIgnoreCase("F")) {
                    throw new FtpError(504, "Only file structure (F) is supported.");
                }
                s.reply(200, "Structure set to F.");
            }
            case "PASV" -> pasv(s);
            case "EPSV" -> epsv(s, arg);
            case "PORT" -> port(s, arg);
            case "EPRT" -> eprt(s, arg);
            case "REST" -> rest(s, arg);
            case "RETR" -> retr(s, arg);
            case "STOR" -> store(s, arg, FtpShell.WriteMode.REPLACE);
            case "APPE" -> store(s, arg, FtpShell.WriteMode.APPEND);
            case "STOU" -> store(s, arg.isEmpty() ? "upload." + UUID.randomUUID() : arg + "." + UUID.randomUUID(),
                    FtpShell.WriteMode.CREATE_NEW);
            case "LIST" -> list(s, arg, Kind.LIST);
            case "NLST" -> list(s, arg, Kind.NLST);
            case "MLSD" -> list(s, arg, Kind.MLSD);
            case "MLST" -> mlst(s, arg);
            case "SIZE" -> size(s, arg);
            case "MDTM" -> mdtm(s, arg);
            case "MFMT" -> mfmt(s, arg);
            case "DELE" -> done(s, s.shell().removeFile(needPath(s, arg)), 250, "File deleted.");
            case "RMD", "XRMD" -> done(s, s.shell().removeDirectory(needPath(s, arg)), 250, "Directory removed.");
            case "MKD", "XMKD" -> {
                List<String> path = needPath(s, arg);
                done(s, s.shell().makeDirectory(path), 257, FtpServer.quote(path) + " created.");
            }
            case "RNFR" -> {
                List<String> path = needPath(s, arg);
                after(s, s.shell().stat(path), info -> {
                    s.setRenameFrom(path);
                    s.reply(350, "Ready for RNTO.");
                });
            }
            case "RNTO" -> {
                List<String> from = s.renameFrom();
                s.setRenameFrom(null);
                if (from == null) {
                    throw new FtpError(503, "Bad sequence of commands: RNFR required first.");
                }
                done(s, s.shell().rename(from, needPath(s, arg)), 250, "Rename successful.");
            }
            case "ABOR" -> s.abor();
            default -> throw new FtpError(502, "Command not implemented.");
        }
    }

    private static List<String> needPath(FtpServer s, String arg) throws FtpError {
        if (arg.isEmpty()) {
            throw new FtpError(501, "Syntax error: a path is required.");
        }
        return s.path(arg);
    }

    /** Replies {@code code text} once {@code action} succeeds, else its error. */
    private static void done(FtpServer s, Deferred<?> action, int code, String text) {
        after(s, action, ignored -> s.reply(code, text));
    }

    private interface Then<T> {
        void run(T value) throws FtpError;
    }

    private static <T extends @Nullable Object> void after(FtpServer s, Deferred<T> action, Then<T> then) {
        action.addCallbacks(value -> {
            try {
                then.run(value);
            } catch (FtpError e) {
                s.reply(e.replyCode(), e.getMessage());
            }
            return null;
        }, failure -> {
            error(s, failure);
            return null;
        });
    }

    static void error(FtpServer s, Failure failure) {
        if (failure.value() instanceof FtpError e) {
            s.reply(e.replyCode(), e.getMessage());
        } else {
            log.failure("FTP shell operation failed", failure);
            s.reply(550, "Requested action not taken.");
        }
    }

    private static void opts(FtpServer s, String arg) throws FtpError {
        String upper = arg.toUpperCase(Locale.ROOT);
        if (upper.equals("UTF8 ON") || upper.equals("UTF8") || upper.equals("UTF-8 ON")) {
            s.reply(200, "Always in UTF8 mode.");
        } else if (upper.startsWith("MLST")) {
            s.reply(200, "MLST OPTS type;size;modify;perm;UNIX.mode;");
        } else {
            throw new FtpError(501, "Option not understood.");
        }
    }

    private static void prot(FtpServer s, String arg) throws FtpError {
        if (!s.pbsz()) {
            throw new FtpError(503, "PROT needs PBSZ first.");
        }
        switch (arg.toUpperCase(Locale.ROOT)) {
            case "P" -> {
                s.setProtect(true);
                s.reply(200, "Protection level set to P.");
            }
            case "C" -> {
                if (s.config().requireTls()) {
                    throw new FtpError(534, "Data connections must be protected.");
                }
                s.setProtect(false);
                s.reply(200, "Protection level set to C.");
            }
            case "S", "E" -> throw new FtpError(536, "Protection level not supported.");
            default -> throw new FtpError(504, "Unknown protection level.");
        }
    }

    private static void stat(FtpServer s, String arg) throws FtpError {
        if (arg.isEmpty()) {
            Transfer t = s.transfer();
            List<String> lines = new ArrayList<>();
            lines.add("twisted4j FTP server status:");
            lines.add("TYPE: " + (s.binary() ? "BINARY" : "ASCII") + (s.tls() ? ", control protected" : "")
                    + (s.protect() ? ", data protected" : ""));
            if (t != null && t.connection() != null) {
                lines.add("Transfer in progress, " + t.connection().received() + " bytes received");
            }
            lines.add("End of status");
            s.reply(new FtpReply(211, lines));
            return;
        }
        if (s.transfer() != null) {
            throw new FtpError(450, "Transfer in progress.");
        }
        List<String> path = s.path(stripOptions(arg));
        after(s, s.shell().list(path), entries -> {
            List<String> lines = new ArrayList<>();
            lines.add("Status of " + FtpServer.quote(path) + ":");
            Instant now = Instant.now();
            for (FileInfo info : entries) {
                lines.add(Listings.longLine(info, now));
            }
            lines.add("End of status");
            s.reply(new FtpReply(213, lines));
        });
    }

    private static void cwd(FtpServer s, List<String> path) {
        after(s, s.shell().access(path), ok -> {
            s.setCwd(path);
            s.reply(250, "Directory changed to " + FtpServer.quote(path) + ".");
        });
    }

    private static void type(FtpServer s, String arg) throws FtpError {
        String upper = arg.toUpperCase(Locale.ROOT).trim();
        switch (upper) {
            case "A", "A N" -> {
                s.setBinary(false);
                s.reply(200, "Type set to A.");
            }
            case "I", "L 8", "L8" -> {
                s.setBinary(true);
                s.reply(200, "Type set to I.");
            }
            default -> throw new FtpError(504, "Type " + arg + " not supported.");
        }
    }

    private static void pasv(FtpServer s) throws FtpError {
        if (s.epsvAll()) {
            throw new FtpError(503, "PASV not allowed after EPSV ALL.");
        }
        String local = DataChannel.hostOf(s.transport().getHost());
        if (local == null || local.contains(":")) {
            throw new FtpError(522, "PASV needs IPv4: use EPSV.");
        }
        int port = s.passive();
        s.reply(227, "Entering Passive Mode (" + local.replace('.', ',') + "," + (port >> 8) + "," + (port & 0xff) + ").");
    }

    private static void epsv(FtpServer s, String arg) throws FtpError {
        if (arg.equalsIgnoreCase("ALL")) {
            s.setEpsvAll();
            s.reply(200, "EPSV ALL ok.");
            return;
        }
        if (!arg.isEmpty() && !arg.equals("1") && !arg.equals("2")) {
            throw new FtpError(522, "Network protocol not supported, use (1,2).");
        }
        int port = s.passive();
        s.reply(229, "Entering Extended Passive Mode (|||" + port + "|).");
    }

    private static void port(FtpServer s, String arg) throws FtpError {
        if (s.epsvAll()) {
            throw new FtpError(503, "PORT not allowed after EPSV ALL.");
        }
        String[] parts = arg.split(",", -1);
        if (parts.length != 6) {
            throw new FtpError(501, "Syntax error in PORT arguments.");
        }
        int[] n = new int[6];
        for (int i = 0; i < 6; i++) {
            n[i] = number(parts[i].trim(), 255);
        }
        s.active(n[0] + "." + n[1] + "." + n[2] + "." + n[3], n[4] * 256 + n[5]);
        s.reply(200, "PORT command successful.");
    }

    private static void eprt(FtpServer s, String arg) throws FtpError {
        if (s.epsvAll()) {
            throw new FtpError(503, "EPRT not allowed after EPSV ALL.");
        }
        if (arg.length() < 7) {
            throw new FtpError(501, "Syntax error in EPRT arguments.");
        }
        char d = arg.charAt(0);
        String[] parts = arg.substring(1).split(java.util.regex.Pattern.quote(String.valueOf(d)), -1);
        if (parts.length != 4 || !parts[3].isEmpty()) {
            throw new FtpError(501, "Syntax error in EPRT arguments.");
        }
        if (!parts[0].equals("1") && !parts[0].equals("2")) {
            throw new FtpError(522, "Network protocol not supported, use (1,2).");
        }
        String address = parts[1];
        if (!(parts[0].equals("1") ? address.matches("\\d{1,3}(\\.\\d{1,3}){3}") : address.matches("[0-9a-fA-F:.]+"))) {
            throw new FtpError(501, "Syntax error in EPRT address.");
        }
        s.active(address, number(parts[2], 65535));
        s.reply(200, "EPRT command successful.");
    }

    private static int number(String text, int max) throws FtpError {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(Character::isDigit)) {
            throw new FtpError(501, "Syntax error in parameters or arguments.");
        }
        int value = Integer.parseInt(text);
        if (value > max) {
            throw new FtpError(501, "Syntax error in parameters or arguments.");
        }
        return value;
    }

    private static void rest(FtpServer s, String arg) throws FtpError {
        if (arg.isEmpty() || arg.length() > 18 || !arg.chars().allMatch(Character::isDigit)) {
            throw new FtpError(501, "REST needs a byte offset.");
        }
        long offset = Long.parseLong(arg);
        s.setRest(offset);
        s.reply(350, "Restarting at " + offset + ". Send STORE or RETRIEVE.");
    }

    private static void retr(FtpServer s, String arg) throws FtpError {
        List<String> path = needPath(s, arg);
        long offset = s.takeRest();
        after(s, s.shell().openForReading(path), file -> {
            try {
                s.transfer("Opening " + (s.binary() ? "BINARY" : "ASCII") + " mode data connection for "
                        + FtpServer.quote(path) + ".", t -> t.sendFile(file, offset));
            } catch (FtpError e) {
                file.close();
                throw e;
            }
        });
    }

    private static void store(FtpServer s, String arg, FtpShell.WriteMode mode) throws FtpError {
        List<String> path = needPath(s, arg);
        long offset = s.takeRest();
        if (s.transfer() != null) {
            throw new FtpError(450, "A transfer is already in progress.");
        }
        String what = mode == FtpShell.WriteMode.CREATE_NEW ? "FILE: " + path.get(path.size() - 1)
                : "Ok to send data.";
        after(s, s.shell().openForWriting(path, mode, offset), file -> {
            try {
                s.transfer(what, t -> t.receive(file, s.binary(), s.config().dataTimeout()));
            } catch (FtpError e) {
                file.abort();
                throw e;
            }
        });
    }

    private enum Kind { LIST, NLST, MLSD }

    private static String stripOptions(String arg) {
        String rest = arg.trim();
        while (rest.startsWith("-")) {
            int space = rest.indexOf(' ');
            rest = space < 0 ? "" : rest.substring(space + 1).trim();
        }
        return rest;
    }

    private static void list(FtpServer s, String arg, Kind kind) throws FtpError {
        List<String> path = s.path(kind == Kind.MLSD ? arg : stripOptions(arg));
        if (s.transfer() != null) {
            throw new FtpError(450, "A transfer is already in progress.");
        }
        Deferred<List<FileInfo>> entries = kind == Kind.MLSD
                ? s.shell().stat(path).addCallbackDeferred(info -> {
                    if (!info.directory()) {
                        return Deferred.<List<FileInfo>>fail(FtpError.notADirectory(FtpServer.quote(path)));
                    }
                    return s.shell().list(path);
                })
                : s.shell().list(path);
        after(s, entries, infos -> {
            Instant now = Instant.now();
            List<String> lines = new ArrayList<>(infos.size());
            for (FileInfo info : infos) {
                lines.add(switch (kind) {
                    case LIST -> Listings.longLine(info, now);
                    case NLST -> info.name();
                    case MLSD -> Listings.facts(info, info.name());
                });
            }
            s.transfer("Here comes the directory listing.", t -> s.sendListing(t, lines));
        });
    }

    private static void mlst(FtpServer s, String arg) throws FtpError {
        List<String> path = s.path(arg);
        after(s, s.shell().stat(path), info -> s.reply(new FtpReply(250, List.of("Listing " + FtpServer.quote(path),
                Listings.facts(info, "/" + String.join("/", path)), "End"))));
    }

    private static void size(FtpServer s, String arg) throws FtpError {
        List<String> path = needPath(s, arg);
        after(s, s.shell().stat(path), info -> {
            if (info.directory()) {
                throw FtpError.isADirectory(FtpServer.quote(path));
            }
            s.reply(213, Long.toString(info.size()));
        });
    }

    private static void mdtm(FtpServer s, String arg) throws FtpError {
        List<String> path = needPath(s, arg);
        after(s, s.shell().stat(path), info -> s.reply(213, Listings.MDTM.format(info.modified())));
    }

    private static void mfmt(FtpServer s, String arg) throws FtpError {
        int space = arg.indexOf(' ');
        if (space < 0) {
            throw new FtpError(501, "Syntax: MFMT YYYYMMDDHHMMSS path.");
        }
        Instant when = FtpServer.parseTime(arg.substring(0, space));
        List<String> path = needPath(s, arg.substring(space + 1));
        done(s, s.shell().setModificationTime(path, when), 213,
                "Modify=" + arg.substring(0, space) + "; " + FtpServer.quote(path).replaceAll("^\"|\"$", ""));
    }
}
