package org.twisted4j.ftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twisted4j.ftp.FtpFixture.run;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.peers.Peer;
import org.twisted4j.trial.TrialExtension;

/** Python's ftplib (FTP and FTP_TLS) and Python Twisted's FTPClient against our server. */
@ExtendWith(TrialExtension.class)
class FtpPythonInteropTest {

    @TempDir
    Path dir;

    private static String script(String name) throws Exception {
        return Path.of(FtpPythonInteropTest.class.getResource(name).toURI()).toString();
    }

    @Test
    void ftplibSession(NioReactor reactor) throws Exception {
        Path python = Peer.PYTHON.require();
        FtpFixture ftp = new FtpFixture(reactor, dir, false);
        String[] got = run(reactor, List.of(python.toString(), script("ftplib_session.py"),
                Integer.toString(ftp.port()), "plain"));
        assertThat(got[0]).as(got[1]).isEqualTo("0");
        assertThat(got[1]).contains("welcome 220 twisted4j FTP server ready.\n", "login 230 User logged in, proceed.\n",
                "pwd /\n", "mkd /docs\n", "cwd 250 Directory changed to \"/docs\".\n", "stor 226 Transfer complete.\n",
                "size 4194304\n", "mdtm 213 \n", "nlst ['blob.bin']\n", "mlsd ['blob.bin'] file 4194304\n",
                "retr 226 Transfer complete. True\n", "rest 226 Transfer complete. True\n", "list 226 Transfer complete. 1\n",
                "rename 250 Rename successful.\n", "delete 250 File deleted.\n", "rmd 250 Directory removed.\n",
                "rnto 503 Bad sequence of commands: RNFR required first.\n", "escape 550 ../..: Invalid path.\n",
                "quit 221 Goodbye.\n");
        ftp.stop();
    }

    @Test
    void ftplibTlsWithoutSessionReuseIsRefusedUnlessAllowed(NioReactor reactor) throws Exception {
        Path python = Peer.PYTHON.require();
        FtpFixture ftp = new FtpFixture(reactor, dir.resolve("strict"), false);
        String[] got = run(reactor, List.of(python.toString(), script("ftplib_session.py"),
                Integer.toString(ftp.port()), "tls"));
        assertThat(got[0]).as(got[1]).isEqualTo("0");
        assertThat(got[1]).contains("prot 200 Protection level set to P.\n")
                .contains("stor-refused ");
        assertThat(ftp.home.resolve("docs/blob.bin")).hasSize(0);
        String[] after = run(reactor, List.of(Peer.CURL.require().toString(), "-sS", "-k", "--ssl-reqd", "--user",
                "alice:secret", "ftp://127.0.0.1:" + ftp.port() + "/docs/blob.bin"));
        assertThat(after[0]).as("the same server serves a client that reuses its session: " + after[1]).isEqualTo("0");
        ftp.stop();

        FtpFixture lenient = new FtpFixture(reactor, dir.resolve("lenient"), false);
        lenient.factory.setRequireTlsSessionReuse(false);
        got = run(reactor, List.of(python.toString(), script("ftplib_session.py"),
                Integer.toString(lenient.port()), "tls"));
        assertThat(got[0]).as(got[1]).isEqualTo("0");
        assertThat(got[1]).contains("stor 226 Transfer complete.\n", "retr 226 Transfer complete. True\n",
                "quit 221 Goodbye.\n");
        lenient.stop();
    }

    @Test
    void twistedFtpClientSession(NioReactor reactor) throws Exception {
        Path python = Peer.PYTHON_TWISTED.require();
        FtpFixture ftp = new FtpFixture(reactor, dir, false);
        String[] got = run(reactor, List.of(python.toString(), script("twisted_client.py"), Integer.toString(ftp.port())));
        assertThat(got[0]).as(got[1]).isEqualTo("0");
        assertThat(got[1]).contains("pwd ['257 \"/\" is the current directory.']\n", "mkd ['257 \"/tw\" created.']\n",
                "stor [(True, [(True, ['150 Ok to send data.', '226 Transfer complete.'])])",
                "list [('hello.txt', 19000)]\n", "retr True\n", "rest b'hello from twisted\\n'\n",
                "rename (['350 Ready for RNTO.'], ['250 Rename successful.'])\n", "remove ['250 File deleted.']\n",
                "cdup ['250 Directory changed to \"/\".']\n", "rmd ['250 Directory removed.']\n", "quit ['221 Goodbye.']\n");
        ftp.stop();
    }
}
