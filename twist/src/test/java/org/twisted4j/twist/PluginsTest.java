package org.twisted4j.twist;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginsTest {

    /** Every plugin the modules on the class path provide, as {@link Plugins#names()} lists them. */
    static final String ALL =
            "conch, dns, ftp, inetd, mail, manhole, news, portforward, procmon, socks, web, words, xmpp-router";

    @TempDir
    Path dir;

    @Test
    void pluginsAreFoundOnTheClassPathAndListedByName() {
        Plugins plugins = Plugins.load();
        assertThat(plugins.names()).isEqualTo(ALL);
        assertThat(plugins.named("portforward")).isInstanceOf(PortForwardPlugin.class);
        assertThat(plugins.named("nosuch")).isNull();
    }

    @Test
    void aProviderThatCannotBeLoadedIsLeftOutAndNamedInHelp() throws Exception {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve("org.twisted4j.application.ServiceMaker"), "com.example.Missing\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
                PluginsTest.class.getClassLoader())) {
            Plugins plugins = Plugins.load(loader);
            assertThat(plugins.names()).isEqualTo(ALL);
            assertThat(plugins.help()).contains("  portforward  A simple port-forwarder.\n")
                    .contains("(not loaded: ").contains("com.example.Missing");
        }
    }
}
