/**
 * The {@code twist} and {@code twistd} command-line runners: they find plugins
 * ({@link org.twisted4j.application.ServiceMaker}s) with {@link java.util.ServiceLoader}, parse their options, and
 * run the service they make on a reactor, in the foreground or as a daemon.
 */
module org.twisted4j.twist {
    requires transitive org.twisted4j.core;
    requires java.management; // the JVM options, to start the same JVM again in --rundir
    requires com.sun.jna; // setuid and friends for --uid/--gid; dup2 for systemd:, datagrams for sd_notify,
    // chroot, chdir and execve for --chroot and --rundir

    exports org.twisted4j.twist;

    uses org.twisted4j.application.ServiceMaker;

    provides org.twisted4j.internet.endpoints.ServerEndpointParser with org.twisted4j.twist.SystemdEndpointParser;

    provides org.twisted4j.application.ServiceMaker with org.twisted4j.twist.InetdPlugin,
            org.twisted4j.twist.PortForwardPlugin, org.twisted4j.twist.ProcmonPlugin, org.twisted4j.twist.SocksPlugin;
}
