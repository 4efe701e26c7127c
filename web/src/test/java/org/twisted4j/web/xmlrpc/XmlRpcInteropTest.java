package org.twisted4j.web.xmlrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twisted4j.defer.Coroutine;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.peers.ExternalServer;
import org.twisted4j.peers.Peer;
import org.twisted4j.trial.Trial;
import org.twisted4j.trial.TrialExtension;
import org.twisted4j.web.HttpPeers;
import org.twisted4j.web.Resource;
import org.twisted4j.web.Site;
import org.twisted4j.web.client.Agent;
import org.twisted4j.web.client.HTTPConnectionPool;

/**
 * XML-RPC against Python's: its {@code xmlrpc.client} calling our server ({@code xmlrpc_client.py}), and our
 * {@link Proxy} calling Python's {@code SimpleXMLRPCServer} and Python Twisted's {@code XMLRPC}
 * ({@code xmlrpc_server.py}), with every value type and faults.
 */
@ExtendWith(TrialExtension.class)
class XmlRpcInteropTest {

    private static Path script(String name) throws Exception {
        return Path.of(Objects.requireNonNull(XmlRpcInteropTest.class.getResource(name)).toURI());
    }

    @Test
    void pythonsClientCallsOurServer(NioReactor reactor, Trial trial) throws Exception {
        Calculator calculator = new Calculator(reactor);
        calculator.setAllowNone(true);
        calculator.addIntrospection();
        Resource root = new Resource();
        root.putChild("RPC2", calculator);
        ListeningPort port = reactor.listenTCP(0, new Site(root, reactor), 50, "127.0.0.1");
        try {
            String url = "http://127.0.0.1:" + ((IPv4Address) port.getHost()).port() + "/RPC2";
            HttpPeers.Run run = HttpPeers.run(reactor, Peer.PYTHON, script("xmlrpc_client.py").toString(), url);
            assertThat(run.exitCode()).as(run.stderr()).isZero();
            assertThat(run.stdout().lines()).containsExactly(
                    "add 5",
                    "int -2147483648",
                    "bool True",
                    "double 2.5",
                    "string 'h\\xe9llo <&> ]]> \"q\" \\'a\\''",
                    "datetime datetime.datetime(2024, 2, 29, 23, 59, 58)",
                    "bytes b'\\x00\\x01\\x02\\x03\\x04\\x05\\x06\\x07\\x08\\t\\n\\x0b\\x0c\\r\\x0e\\x0f\\x10\\x11\\x12\\x13'",
                    "struct {'b': 1, 'a': [1, 'x', {'n': None}]}",
                    "array [1, 2.0, 'three', False, []]",
                    "nil None",
                    "later 'soon!'",
                    "divide 3.5",
                    "fault Fault 123 division by zero",
                    "missing Fault 8001 procedure nothere not found",
                    "arity Fault 8002 add takes 2 arguments, not 1",
                    "type Fault 8002 argument 1 of add must be int, not string",
                    "boom Fault 8002 error",
                    "list ['add', 'boom', 'divide', 'echo', 'later', 'system.listMethods', 'system.methodHelp', "
                            + "'system.methodSignature']",
                    "help 'a / b, or fault 123 when b is 0.'",
                    "signature [['int', 'int', 'int']]");
            assertThat(trial.flushLoggedErrors(IllegalStateException.class)).singleElement()
                    .satisfies(f -> assertThat(f.value()).hasMessage("a secret detail"));

            String xxe = "<?xml version=\"1.0\"?><!DOCTYPE m [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                    + "<methodCall><methodName>echo</methodName><params><param><value>&x;</value></param>"
                    + "</params></methodCall>";
            HttpPeers.Run refused = HttpPeers.curl(reactor, "-H", "Content-Type: text/xml", "--data-binary", xxe, url);
            assertThat(refused.stdout()).contains("<int>8002</int>").contains("Can't deserialize input")
                    .doesNotContain("root:");
            calculator.setMaxRequestBytes(100);
            HttpPeers.Run large = HttpPeers.curl(reactor, "-H", "Content-Type: text/xml", "--data-binary",
                    "<methodCall><methodName>echo</methodName>" + " ".repeat(200) + "</methodCall>", url);
            assertThat(large.stdout()).contains("<int>8002</int>").contains("over 100 bytes");
            HttpPeers.Run get = HttpPeers.curl(reactor, "-o", "/dev/null", "-w", "%{http_code}", url);
            assertThat(get.stdout()).isEqualTo("405");
        } finally {
            Coroutine.await(port.stopListening());
        }
    }

    @Test
    void ourProxyCallsPythonsSimpleXmlRpcServer(NioReactor reactor) throws Exception {
        proxyCalls(reactor, "simple");
    }

    @Test
    void ourProxyCallsPythonTwistedsXmlRpcServer(NioReactor reactor) throws Exception {
        proxyCalls(reactor, "twisted");
    }

    private void proxyCalls(NioReactor reactor, String kind) throws Exception {
        ExternalServer server = ExternalServer.startAnnouncing(reactor, "XML-RPC " + kind,
                List.of(Peer.PYTHON_TWISTED.require().toString(), script("xmlrpc_server.py").toString(), kind),
                Pattern.compile("listening on (\\d+)"));
        HTTPConnectionPool pool = HTTPConnectionPool.create(reactor);
        try {
            Proxy proxy = new Proxy(Agent.builder(reactor).pool(pool).build(),
                    URI.create("http://127.0.0.1:" + server.port() + "/RPC2")).setAllowNone(true);
            assertThat(Coroutine.await(proxy.callRemote("add", 2, 3))).isEqualTo(5);
            Map<String, Object> struct = new LinkedHashMap<>();
            struct.put("name", "héllo <&>");
            struct.put("list", Arrays.asList(1, 2.5, true, null, List.of()));
            struct.put("when", LocalDateTime.of(2024, 2, 29, 23, 59, 58));
            List<Object> values = new ArrayList<>(List.of(-7, 2.25, false, "text", struct));
            for (Object value : values) {
                assertThat(Coroutine.await(proxy.callRemote("echo", value))).isEqualTo(value);
            }
            assertThat((byte[]) Coroutine.await(proxy.callRemote("echo", (Object) new byte[] {0, 1, -1})))
                    .containsExactly(0, 1, -1);
            assertThat(Coroutine.await(proxy.callRemote("echo", (Object) null))).isNull();
            assertThatThrownBy(() -> Coroutine.await(proxy.callRemote("fail", 42, "the answer")))
                    .isInstanceOfSatisfying(Fault.class, fault -> {
                        assertThat(fault.faultCode()).isEqualTo(42);
                        assertThat(fault.faultString()).isEqualTo("the answer");
                    });
        } finally {
            Coroutine.await(pool.closeCachedConnections());
            server.stop(reactor);
        }
    }
}
