package org.twisted4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.peers.Peer;
import org.twisted4j.trial.TrialExtension;

@ExtendWith(TrialExtension.class)
class WebExtendedTest {

    @TempDir
    Path dir;

    @Test
    void servesFilesPerlScriptsTheCgiDirectoryAndTheDocs(NioReactor reactor) throws Exception {
        Peer.PERL.require();
        Path htdocs = Files.createDirectory(dir.resolve("htdocs"));
        Path cgiBin = Files.createDirectory(dir.resolve("cgi-bin"));
        Path docs = Files.createDirectory(dir.resolve("docs"));
        Files.writeString(htdocs.resolve("index.pl"),
                "print \"Content-Type: text/plain\\n\\nindex by perl, method $ENV{REQUEST_METHOD}\\n\";\n");
        Files.writeString(htdocs.resolve("style.css"), "body {}\n");
        Path hello = Files.writeString(cgiBin.resolve("hello.sh"),
                "#!/bin/sh\nprintf 'Content-Type: text/plain\\n\\n'\necho \"cgi-bin says hi to $QUERY_STRING\"\n");
        Files.setPosixFilePermissions(hello, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(docs.resolve("readme.txt"), "the docs\n");

        ListeningPort port = Coroutine.await(WebExtended.start(reactor, "tcp:0:interface=127.0.0.1", htdocs, cgiBin,
                docs));

        assertThat(WebHelloTest.curl(reactor, WebHelloTest.url(port, "/"))).isEqualTo("index by perl, method GET\n");
        assertThat(WebHelloTest.curl(reactor, "-d", "x=1", WebHelloTest.url(port, "/index.pl")))
                .isEqualTo("index by perl, method POST\n");
        assertThat(WebHelloTest.curl(reactor, "-i", WebHelloTest.url(port, "/style.css")))
                .contains("\r\nContent-Type: text/css").endsWith("\r\n\r\nbody {}\n");
        assertThat(WebHelloTest.curl(reactor, WebHelloTest.url(port, "/cgi-bin/hello.sh?you")))
                .isEqualTo("cgi-bin says hi to you\n");
        assertThat(WebHelloTest.curl(reactor, WebHelloTest.url(port, "/docs/readme.txt"))).isEqualTo("the docs\n");
        assertThat(WebHelloTest.curl(reactor, "-i", WebHelloTest.url(port, "/cgi-bin/"))).startsWith("HTTP/1.1 403 ");
        Coroutine.await(port.stopListening());
    }
}
