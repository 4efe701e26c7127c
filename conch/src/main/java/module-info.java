/**
 * twisted4j's conch, in the manner of twisted.conch: the SSH transport, user authentication through cred, the connection protocol with sessions and forwarding, SFTP, and {@code twist conch}.
 */
module org.twisted4j.conch {
    requires transitive org.twisted4j.core;
    requires jdk.jshell;
    requires com.sun.jna; // openpty, TIOCSWINSZ, tcsetattr and kill for terminals; posix_spawn and waitpid for sessions

    exports org.twisted4j.conch;
    exports org.twisted4j.conch.connection;
    exports org.twisted4j.conch.transport;
    exports org.twisted4j.conch.userauth;
    exports org.twisted4j.conch.client;
    exports org.twisted4j.conch.agent;
    exports org.twisted4j.conch.keys;
    exports org.twisted4j.conch.sftp;
    exports org.twisted4j.conch.tap;
    exports org.twisted4j.conch.telnet;
    exports org.twisted4j.conch.insults;
    exports org.twisted4j.conch.recvline;
    exports org.twisted4j.conch.manhole;

    provides org.twisted4j.application.ServiceMaker with org.twisted4j.conch.tap.ConchPlugin,
            org.twisted4j.conch.tap.ManholePlugin;
}
