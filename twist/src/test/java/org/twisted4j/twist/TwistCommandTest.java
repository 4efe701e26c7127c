package org.twisted4j.twist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The runners' help and usage errors, run in this JVM through their testable entry points. */
class TwistCommandTest {

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    private int twist(String... args) {
        return Twist.run(List.of(args), out, err);
    }

    private int twistd(String... args) {
        return Twistd.run(List.of(args), out, err, false);
    }

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsTheRunnerOptionsWithDefaultsAndEveryPluginWithItsDescription() {
        assertThat(twist("--help")).isZero();
        assertThat(out()).startsWith("Usage: twist [options] PLUGIN [plugin options]\n");
        assertThat(out()).containsPattern("--log-format=FORMAT .*\\[default: text\\]");
        assertThat(out()).containsPattern("--log-level=LEVEL .*\\[default: info\\]");
        assertThat(out()).containsPattern("--reactor=NAME .*\\(known: nio, epoll, io_uring;");
        assertThat(out()).contains("Plugins:\n").containsPattern("\n  portforward +A simple port-forwarder\\.\n");
        assertThat(err()).isEmpty();
    }

    @Test
    void pluginHelpListsThePluginsOptionsWithDefaults() {
        assertThat(twist("portforward", "--help")).isZero();
        assertThat(out()).startsWith("Usage: twist portforward [options]\n");
        assertThat(out()).containsPattern("-p, --port=ENDPOINT .*\\[default: 6666\\]");
        assertThat(out()).containsPattern("-h, --host=HOST .*\\[default: localhost\\]");
        assertThat(out()).containsPattern("-d, --dest_port=PORT .*\\[default: 6665\\]");
        assertThat(out()).doesNotContain("Plugins:");
    }

    @Test
    void webHelpAuthListsTheAuthTypesAndExitsWithoutServing() {
        assertThat(twist("web", "--help-auth")).isZero();
        assertThat(out()).startsWith("Available types for --auth:\n").contains("  file ").doesNotContain("sshkey");
        outBytes.reset();
        assertThat(twist("web", "--help-auth-type=memory")).isZero();
        assertThat(out()).startsWith("Usage: --auth memory:ARGUMENT\n");
        assertThat(twist("web", "--help-auth-type=nosuch")).isEqualTo(2);
        assertThat(err()).startsWith("twist web: --help-auth-type: unknown auth type 'nosuch'");
    }

    @Test
    void socksTakesTheStrcredTypesThatCheckPasswords() {
        assertThat(twist("socks", "--help-auth")).isZero();
        assertThat(out()).startsWith("Available types for --auth:\n").contains("  file ").contains("  memory ")
                .contains("  unix ").doesNotContain("anonymous").doesNotContain("sshkey");
        assertThat(twist("socks", "--auth", "anonymous", "--port", "0")).isEqualTo(2);
        assertThat(err()).startsWith("twist socks: --auth 'anonymous': auth type 'anonymous' is not supported here");
    }

    @Test
    void anUnknownRunnerOptionIsOneLineNamingItAndStatus2() {
        assertThat(twist("--prot", "portforward")).isEqualTo(2);
        assertThat(err()).isEqualTo("twist: unknown option --prot (see 'twist --help')\n");
        assertThat(out()).isEmpty();
    }

    @Test
    void pluginOptionErrorsNameThePluginAndTheOption() {
        assertThat(twist("portforward", "--port")).isEqualTo(2);
        assertThat(twist("portforward", "--dest_port", "abc")).isEqualTo(2);
        assertThat(twist("portforward", "--prot=1")).isEqualTo(2);
        assertThat(err().lines()).containsExactly(
                "twist portforward: option --port needs a value (see 'twist portforward --help')",
                "twist portforward: --dest_port: 'abc' is not a number (see 'twist portforward --help')",
                "twist portforward: unknown option --prot (see 'twist portforward --help')");
    }

    @Test
    void reactorsIsListedWithItsDefaultAndTakesOnlyAPositiveNumber() {
        assertThat(twist("--help")).isZero();
        assertThat(out()).containsPattern("--reactors=N .*\\[default: 1\\]");
        assertThat(twist("--reactors", "0", "portforward")).isEqualTo(2);
        assertThat(twistd("--reactors", "many", "portforward")).isEqualTo(2);
        assertThat(err().lines()).containsExactly(
                "twist: --reactors: '0' is not a number of reactors, 1 or more (see 'twist --help')",
                "twistd: --reactors: 'many' is not a number of reactors, 1 or more (see 'twistd --help')");
    }

    @Test
    void anUnknownReactorListsTheKnownOnes() {
        assertThat(twist("--reactor", "kqueue", "portforward")).isEqualTo(2);
        assertThat(err()).isEqualTo("twist: --reactor: 'kqueue' is not one of nio, epoll, io_uring (see 'twist --help')\n");
    }

    @Test
    void aBadLogLevelOrFormatIsAUsageError() {
        assertThat(twist("--log-level", "loud", "portforward")).isEqualTo(2);
        assertThat(twist("--log-format=xml", "portforward")).isEqualTo(2);
        assertThat(err().lines()).containsExactly(
                "twist: --log-level: 'loud' is not one of debug, info, warn, error, critical (see 'twist --help')",
                "twist: --log-format: 'xml' is not one of text, json (see 'twist --help')");
    }

    @Test
    void aMissingOrUnknownPluginIsAUsageErrorListingThePlugins() {
        assertThat(twist()).isEqualTo(2);
        assertThat(twist("nosuch")).isEqualTo(2);
        assertThat(err().lines()).containsExactly(
                "twist: no plugin named; known plugins: " + PluginsTest.ALL + " (see 'twist --help')",
                "twist: unknown plugin 'nosuch'; known plugins: " + PluginsTest.ALL + " (see 'twist --help')");
    }

    @Test
    void aBadEndpointIsAUsageErrorFromThePlugin() {
        assertThat(twistd("-n", "--pidfile=", "portforward", "--port", "bogus:1")).isEqualTo(2);
        assertThat(err()).startsWith("twistd portforward: --port: ").endsWith("(see 'twistd portforward --help')\n");
    }

    @Test
    void aLogFileThatCannotBeOpenedIsOneLineAndStatus1() {
        assertThat(twist("--log-file", "/nonexistent-dir/twist.log", "portforward")).isEqualTo(1);
        assertThat(err()).startsWith("twist: cannot open the log file /nonexistent-dir/twist.log: ")
                .doesNotContain("\tat ");
    }

    @Test
    void twistdHelpListsItsOptionsWithTheTwistedDefaults() {
        assertThat(twistd("--help")).isZero();
        assertThat(out()).startsWith("Usage: twistd [options] (PLUGIN [plugin options] | -y CLASS)\n");
        assertThat(out()).containsPattern("-n, --nodaemon ");
        assertThat(out()).containsPattern("--pidfile=FILE .*\\[default: twistd.pid\\]");
        assertThat(out()).containsPattern("-l, --logfile=FILE ");
        assertThat(out()).containsPattern("--umask=MODE ");
        assertThat(out()).containsPattern("-y, --application=CLASS ");
        assertThat(out()).contains("portforward");
    }

    @Test
    void twistdUsageErrorsAreStatus2() {
        assertThat(twistd("--umask", "999", "portforward")).isEqualTo(2);
        assertThat(twistd("-y", "no.such.Factory")).isEqualTo(2);
        assertThat(twistd("-y", "java.lang.String")).isEqualTo(2);
        assertThat(twistd("-y", EchoApplicationFactory.class.getName(), "portforward")).isEqualTo(2);
        assertThat(err().lines()).containsExactly(
                "twistd: --umask: '999' is not an octal number (see 'twistd --help')",
                "twistd: --application: no class 'no.such.Factory' on the class path (see 'twistd --help')",
                "twistd: --application: java.lang.String does not implement"
                        + " org.twisted4j.application.ApplicationFactory (see 'twistd --help')",
                "twistd: -y/--application and a plugin ('portforward') cannot both be given (see 'twistd --help')");
    }

    @Test
    void theDaemonIsStartedThroughAShellThatSetsTheUmaskAndANewSession() {
        List<String> command = Daemon.command(List.of("portforward", "--port", "a b'c"), 063);
        assertThat(command.subList(0, 2)).containsExactly("/bin/sh", "-c");
        assertThat(command.get(2)).contains("umask \"$1\"").contains("exec setsid \"$@\"");
        assertThat(command.subList(3, 5)).containsExactly("twistd", "0063");
        assertThat(command.get(5)).endsWith("/bin/java");
        assertThat(command).endsWith(Twistd.class.getName(), "portforward", "--port", "a b'c");
        assertThat(Daemon.command(List.of(), null).get(4)).isEqualTo("-");
    }
}
