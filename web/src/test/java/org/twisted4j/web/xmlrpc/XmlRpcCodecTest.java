package org.twisted4j.web.xmlrpc;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class XmlRpcCodecTest {

    private static Object roundTrip(Object value) throws Exception {
        return XmlRpcCodec.readResponse(XmlRpcCodec.writeResponse(value, true));
    }

    @Test
    void everyTypeComesBackAsWritten() throws Exception {
        Map<String, Object> struct = new LinkedHashMap<>();
        struct.put("z", 1);
        struct.put("a", Arrays.asList("x", null, 2.5, List.of()));
        List<Object> values = List.of(0, -2147483648, 2147483647, 1L << 40, true, false, 0.1, -1e300, "",
                "<tag> & ]]> \r\n\t héllo 🐍", LocalDateTime.of(1999, 12, 31, 23, 59, 59), struct, List.of(1, "two"));
        for (Object value : values) {
            assertThat(roundTrip(value)).as(String.valueOf(value)).isEqualTo(value);
        }
        assertThat((byte[]) roundTrip(new byte[] {0, -1, 127})).containsExactly(0, -1, 127);
        assertThat(roundTrip(5L)).isEqualTo(5);
        assertThat(XmlRpcCodec.readResponse(XmlRpcCodec.writeResponse(null, true))).isNull();
    }

    @Test
    void nullAndValuesWithoutAnXmlRpcFormAreRefusedWhenWriting() {
        assertThatThrownBy(() -> XmlRpcCodec.writeResponse(null, false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nil");
        assertThatThrownBy(() -> XmlRpcCodec.writeResponse(new Object(), true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> XmlRpcCodec.writeResponse(Double.NaN, true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> XmlRpcCodec.writeResponse(Map.of(1, 2), true))
                .isInstanceOf(IllegalArgumentException.class);
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        assertThatThrownBy(() -> XmlRpcCodec.writeResponse(cycle, true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void callsAndFaultsAsPythonWritesThem() throws Exception {
        byte[] call = """
                <?xml version='1.0'?>
                <methodCall>
                <methodName>examples.getStateName</methodName>
                <params>
                <param>
                <value><int>41</int></value>
                </param>
                <param><value>untyped text</value></param>
                <param><value><array><data>
                <value><i4>1</i4></value>
                </data></array></value></param>
                </params>
                </methodCall>
                """.getBytes(UTF_8);
        XmlRpcCodec.Call read = XmlRpcCodec.readCall(call);
        assertThat(read.methodName()).isEqualTo("examples.getStateName");
        assertThat(read.params()).containsExactly(41, "untyped text", List.of(1));
        assertThat(XmlRpcCodec.readCall("<methodCall><methodName>noArgs</methodName></methodCall>".getBytes(UTF_8))
                .params()).isEmpty();

        byte[] fault = XmlRpcCodec.writeFault(new Fault(4, "Too many parameters."));
        assertThatThrownBy(() -> XmlRpcCodec.readResponse(fault)).isInstanceOfSatisfying(Fault.class, f -> {
            assertThat(f.faultCode()).isEqualTo(4);
            assertThat(f.faultString()).isEqualTo("Too many parameters.");
        });
        XmlRpcCodec.Call again = XmlRpcCodec.readCall(XmlRpcCodec.writeCall("m", List.of(1, "a"), false));
        assertThat(again).isEqualTo(new XmlRpcCodec.Call("m", List.of(1, "a")));
    }

    @Test
    void dtdsEntitiesAndDeepNestingAreRefused() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE methodCall [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <methodCall><methodName>echo</methodName><params><param><value><string>&xxe;</string></value></param>
                </params></methodCall>""";
        String laughs = """
                <?xml version="1.0"?>
                <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
                <methodCall><methodName>&lol2;</methodName></methodCall>""";
        String undeclared = "<methodCall><methodName>&xxe;</methodName></methodCall>";
        String deep = "<methodCall><methodName>m</methodName><params><param><value>"
                + "<array><data><value>".repeat(XmlRpcCodec.MAX_DEPTH + 2) + "<int>1</int>"
                + "</value></data></array>".repeat(XmlRpcCodec.MAX_DEPTH + 2) + "</value></param></params></methodCall>";
        for (String hostile : List.of(xxe, laughs, undeclared, deep)) {
            assertThatThrownBy(() -> XmlRpcCodec.readCall(hostile.getBytes(UTF_8))).isInstanceOf(XmlRpcFormatError.class);
        }
    }

    @Test
    void malformedInputIsOneFormatError() {
        List<String> bad = List.of("", "<methodCall/>", "<methodCall><methodName></methodName></methodCall>",
                "<methodResponse><params><param><value><int>x</int></value></param></params></methodResponse>",
                "<methodResponse><params><param><value><boolean>2</boolean></value></param></params></methodResponse>",
                "<methodResponse><params><param><value><blob/></value></param></params></methodResponse>",
                "<methodResponse><params><param><value><int>1</int></value></param></params></methodResponse><x/>",
                "<methodResponse><fault><value><string>no</string></value></fault></methodResponse>",
                "<methodResponse><params><param><value><dateTime.iso8601>today</dateTime.iso8601></value></param>"
                        + "</params></methodResponse>",
                "<methodResponse><params><param><value><base64>!!!</base64></value></param></params></methodResponse>");
        for (String input : bad) {
            assertThatThrownBy(() -> XmlRpcCodec.readResponse(input.getBytes(UTF_8)))
                    .as(input).isInstanceOf(XmlRpcFormatError.class);
        }
    }
}
