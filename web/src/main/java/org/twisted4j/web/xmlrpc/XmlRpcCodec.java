package org.twisted4j.web.xmlrpc;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;

/**
 * The XML-RPC wire format (the specification at xmlrpc.com, with the {@code nil} and {@code i8} extensions Python
 * reads): method calls and responses written and read.
 *
 * <h2>Values</h2>
 * <table>
 *   <caption>XML-RPC types and their Java values</caption>
 *   <tr><th>XML-RPC</th><th>read as</th><th>written from</th></tr>
 *   <tr><td>{@code int}, {@code i4}</td><td>{@link Integer}</td><td>{@code Integer}, {@code Short}, {@code Byte},
 *       a {@code Long} that fits</td></tr>
 *   <tr><td>{@code i8}</td><td>{@link Long}</td><td>a {@code Long} past 32 bits</td></tr>
 *   <tr><td>{@code boolean}</td><td>{@link Boolean}</td><td>{@code Boolean}</td></tr>
 *   <tr><td>{@code double}</td><td>{@link Double}</td><td>{@code Double}, {@code Float}</td></tr>
 *   <tr><td>{@code string} (or no type)</td><td>{@link String}</td><td>{@code String}</td></tr>
 *   <tr><td>{@code dateTime.iso8601}</td><td>{@link LocalDateTime}</td><td>{@code LocalDateTime} (to the
 *       second)</td></tr>
 *   <tr><td>{@code base64}</td><td>{@code byte[]}</td><td>{@code byte[]}</td></tr>
 *   <tr><td>{@code struct}</td><td>{@link LinkedHashMap} (member order kept)</td><td>any {@link Map}</td></tr>
 *   <tr><td>{@code array}</td><td>{@link ArrayList}</td><td>any {@link Collection} or {@code Object[]}</td></tr>
 *   <tr><td>{@code nil}</td><td>{@code null}</td><td>{@code null}, when allowed</td></tr>
 * </table>
 *
 * <h2>Reading safely</h2>
 * Input with a DTD is refused before anything in it is expanded (no external entities, no entity bombs);
 * nesting deeper than {@link #MAX_DEPTH} is refused. Every problem is one {@link XmlRpcFormatError}. The
 * caller bounds the input's size.
 *
 * <p>Stateless; any thread.
 */
public final class XmlRpcCodec {

    /** The deepest nesting of arrays and structs read. */
    public static final int MAX_DEPTH = 64;

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HH:mm:ss");
    private static final XMLInputFactory FACTORY = newFactory();

    private XmlRpcCodec() {
    }

    private static XMLInputFactory newFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

    /** A method call: the procedure's name and its arguments. */
    public record Call(String methodName, List<@Nullable Object> params) {
    }

    // ------------------------------------------------------------------ writing

    /**
     * Writes a method call.
     *
     * @throws IllegalArgumentException if a value has no XML-RPC form, or is null and {@code allowNone} is off
     */
    public static byte[] writeCall(String methodName, List<?> params, boolean allowNone) {
        StringBuilder out = new StringBuilder("<?xml version='1.0'?>\n<methodCall>\n<methodName>");
        escape(out, methodName);
        out.append("</methodName>\n<params>\n");
        for (Object param : params) {
            out.append("<param>\n");
            value(out, param, allowNone, 0);
            out.append("</param>\n");
        }
        out.append("</params>\n</methodCall>\n");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Writes a method response carrying one value.
     *
     * @throws IllegalArgumentException if the value has no XML-RPC form, or is null and {@code allowNone} is off
     */
    public static byte[] writeResponse(@Nullable Object result, boolean allowNone) {
        StringBuilder out = new StringBuilder("<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n");
        value(out, result, allowNone, 0);
        out.append("</param>\n</params>\n</methodResponse>\n");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Writes a method response carrying a fault. */
    public static byte[] writeFault(Fault fault) {
        StringBuilder out = new StringBuilder("<?xml version='1.0'?>\n<methodResponse>\n<fault>\n");
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("faultCode", fault.faultCode());
        members.put("faultString", fault.faultString());
        value(out, members, false, 0);
        out.append("</fault>\n</methodResponse>\n");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void value(StringBuilder out, @Nullable Object value, boolean allowNone, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("values nested deeper than " + MAX_DEPTH + " (a cycle?)");
        }
        out.append("<value>");
        switch (value) {
            case null -> {
                if (!allowNone) {
                    throw new IllegalArgumentException("cannot write null unless nil is allowed");
                }
                out.append("<nil/>");
            }
            case Boolean b -> out.append("<boolean>").append(b ? '1' : '0').append("</boolean>");
            case Integer i -> out.append("<int>").append(i).append("</int>");
            case Short s -> out.append("<int>").append(s).append("</int>");
            case Byte b -> out.append("<int>").append(b).append("</int>");
            case Long l when l == (int) (long) l -> out.append("<int>").append(l).append("</int>");
            case Long l -> out.append("<i8>").append(l).append("</i8>");
            case Double d -> number(out, d);
            case Float f -> number(out, f.doubleValue());
            case String s -> {
                out.append("<string>");
                escape(out, s);
                out.append("</string>");
            }
            case LocalDateTime t -> out.append("<dateTime.iso8601>").append(DATE_TIME.format(t))
                    .append("</dateTime.iso8601>");
            case byte[] bytes -> out.append("<base64>\n").append(Base64.getEncoder().encodeToString(bytes))
                    .append("\n</base64>");
            case Map<?, ?> map -> {
                out.append("<struct>\n");
                for (Map.Entry<?, ?> member : map.entrySet()) {
                    if (!(member.getKey() instanceof String name)) {
                        throw new IllegalArgumentException("struct member names must be strings, not "
                                + member.getKey());
                    }
                    out.append("<member>\n<name>");
                    escape(out, name);
                    out.append("</name>\n");
                    value(out, member.getValue(), allowNone, depth + 1);
                    out.append("</member>\n");
                }
                out.append("</struct>");
            }
            case Collection<?> items -> array(out, items, allowNone, depth);
            case Object[] items -> array(out, List.of(items), allowNone, depth);
            default -> throw new IllegalArgumentException("no XML-RPC form for " + value.getClass().getName());
        }
        out.append("</value>\n");
    }

    private static void number(StringBuilder out, double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("XML-RPC has no form for " + d);
        }
        out.append("<double>").append(d).append("</double>");
    }

    private static void array(StringBuilder out, Collection<?> items, boolean allowNone, int depth) {
        out.append("<array><data>\n");
        for (Object item : items) {
            value(out, item, allowNone, depth + 1);
        }
        out.append("</data></array>");
    }

    private static void escape(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\r' -> out.append("&#13;");
                default -> out.append(c);
            }
        }
    }

    // ------------------------------------------------------------------ reading

    /**
     * Reads a method call.
     *
     * @throws XmlRpcFormatError if it is not one, or not safe to read
     */
    public static Call readCall(byte[] xml) throws XmlRpcFormatError {
        return read(xml, reader -> {
            expectStart(reader, "methodCall");
            expectStart(reader, "methodName");
            String name = reader.getElementText().strip();
            if (name.isEmpty()) {
                throw new XmlRpcFormatError("empty methodName");
            }
            List<@Nullable Object> params = new ArrayList<>();
            int event = next(reader);
            if (event == XMLStreamConstants.START_ELEMENT) {
                expectName(reader, "params");
                while (next(reader) == XMLStreamConstants.START_ELEMENT) {
                    expectName(reader, "param");
                    expectStart(reader, "value");
                    params.add(readValue(reader, 0));
                    expectEnd(reader, "param");
                }
                expectEnd(reader, "methodCall");
            } else {
                expectName(reader, "methodCall");
            }
            return new Call(name, params);
        });
    }

    /**
     * Reads a method response: its value, or the fault it carries thrown.
     *
     * @throws Fault if the response is a fault
     * @throws XmlRpcFormatError if it is not a method response, or not safe to read
     */
    public static @Nullable Object readResponse(byte[] xml) throws Fault, XmlRpcFormatError {
        Object[] fault = new Object[1];
        Object value = read(xml, reader -> {
            expectStart(reader, "methodResponse");
            next(reader);
            if (reader.isStartElement() && reader.getLocalName().equals("fault")) {
                expectStart(reader, "value");
                Object members = readValue(reader, 0);
                if (!(members instanceof Map<?, ?> map) || !(map.get("faultCode") instanceof Integer code)
                        || !(map.get("faultString") instanceof String text)) {
                    throw new XmlRpcFormatError("a fault must be a struct of faultCode and faultString");
                }
                fault[0] = new Fault(code, text);
                expectEnd(reader, "fault");
                expectEnd(reader, "methodResponse");
                return null;
            }
            expectName(reader, "params");
            expectStart(reader, "param");
            expectStart(reader, "value");
            Object result = readValue(reader, 0);
            expectEnd(reader, "param");
            expectEnd(reader, "params");
            expectEnd(reader, "methodResponse");
            return result;
        });
        if (fault[0] != null) {
            throw (Fault) fault[0];
        }
        return value;
    }

    /** Reads what the reader is positioned at. */
    @FunctionalInterface
    private interface Body<T> {
        T read(XMLStreamReader reader) throws XMLStreamException, XmlRpcFormatError;
    }

    private static <T> T read(byte[] xml, Body<T> body) throws XmlRpcFormatError {
        XMLStreamReader reader = null;
        try {
            reader = FACTORY.createXMLStreamReader(new ByteArrayInputStream(xml));
            T result = body.read(reader);
            while (reader.hasNext()) {
                int event = next(reader);
                if (event != XMLStreamConstants.END_DOCUMENT) {
                    throw new XmlRpcFormatError("content after the document's element");
                }
            }
            return result;
        } catch (XMLStreamException | RuntimeException e) {
            throw new XmlRpcFormatError("not well-formed XML-RPC: " + e.getMessage());
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // nothing held
                }
            }
        }
    }

    /**
     * The next event that matters: start, end or text that is not blank; refuses a DTD and entity references.
     */
    private static int next(XMLStreamReader reader) throws XMLStreamException, XmlRpcFormatError {
        while (true) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE, XMLStreamConstants.ENTITY_DECLARATION ->
                        throw new XmlRpcFormatError("a DTD or an entity is not allowed in XML-RPC");
                case XMLStreamConstants.COMMENT, XMLStreamConstants.PROCESSING_INSTRUCTION, XMLStreamConstants.SPACE -> {
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                    if (!reader.isWhiteSpace()) {
                        return event;
                    }
                }
                default -> {
                    return event;
                }
            }
        }
    }

    private static void expectStart(XMLStreamReader reader, String name) throws XMLStreamException, XmlRpcFormatError {
        if (next(reader) != XMLStreamConstants.START_ELEMENT) {
            throw new XmlRpcFormatError("expected <" + name + ">");
        }
        expectName(reader, name);
    }

    private static void expectEnd(XMLStreamReader reader, String name) throws XMLStreamException, XmlRpcFormatError {
        if (next(reader) != XMLStreamConstants.END_ELEMENT) {
            throw new XmlRpcFormatError("expected </" + name + ">");
        }
        expectName(reader, name);
    }

    private static void expectName(XMLStreamReader reader, String name) throws XmlRpcFormatError {
        if (!reader.hasName() || !reader.getLocalName().equals(name)) {
            throw new XmlRpcFormatError("expected " + name + ", found "
                    + (reader.hasName() ? reader.getLocalName() : "text"));
        }
    }

    /** Reads a value whose {@code <value>} start tag was just read, through its end tag. */
    private static @Nullable Object readValue(XMLStreamReader reader, int depth)
            throws XMLStreamException, XmlRpcFormatError {
        if (depth > MAX_DEPTH) {
            throw new XmlRpcFormatError("values nested deeper than " + MAX_DEPTH);
        }
        StringBuilder text = new StringBuilder();
        int event = reader.next();
        while (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                || event == XMLStreamConstants.SPACE || event == XMLStreamConstants.COMMENT) {
            if (event != XMLStreamConstants.COMMENT) {
                text.append(reader.getText());
            }
            event = reader.next();
        }
        if (event == XMLStreamConstants.END_ELEMENT) {
            return text.toString();
        }
        if (event != XMLStreamConstants.START_ELEMENT) {
            throw new XmlRpcFormatError("a DTD or an entity is not allowed in XML-RPC");
        }
        String type = reader.getLocalName();
        Object value = switch (type) {
            case "int", "i4" -> integer(reader.getElementText(), type);
            case "i8" -> {
                try {
                    yield Long.parseLong(reader.getElementText().strip());
                } catch (NumberFormatException e) {
                    throw new XmlRpcFormatError("bad i8");
                }
            }
            case "boolean" -> switch (reader.getElementText().strip()) {
                case "0" -> false;
                case "1" -> true;
                default -> throw new XmlRpcFormatError("a boolean is 0 or 1");
            };
            case "double" -> {
                try {
                    yield Double.parseDouble(reader.getElementText().strip());
                } catch (NumberFormatException e) {
                    throw new XmlRpcFormatError("bad double");
                }
            }
            case "string" -> reader.getElementText();
            case "dateTime.iso8601" -> {
                try {
                    yield LocalDateTime.parse(reader.getElementText().strip(), DATE_TIME);
                } catch (DateTimeParseException e) {
                    throw new XmlRpcFormatError("bad dateTime.iso8601");
                }
            }
            case "base64" -> {
                try {
                    yield Base64.getDecoder().decode(reader.getElementText().replaceAll("\\s+", ""));
                } catch (IllegalArgumentException e) {
                    throw new XmlRpcFormatError("bad base64");
                }
            }
            case "nil" -> {
                if (next(reader) != XMLStreamConstants.END_ELEMENT) {
                    throw new XmlRpcFormatError("nil must be empty");
                }
                yield null;
            }
            case "struct" -> struct(reader, depth);
            case "array" -> array(reader, depth);
            default -> throw new XmlRpcFormatError("unknown value type " + type);
        };
        expectEnd(reader, "value");
        return value;
    }

    private static Integer integer(String text, String type) throws XmlRpcFormatError {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new XmlRpcFormatError("bad " + type);
        }
    }

    private static Map<String, @Nullable Object> struct(XMLStreamReader reader, int depth)
            throws XMLStreamException, XmlRpcFormatError {
        Map<String, @Nullable Object> members = new LinkedHashMap<>();
        while (next(reader) == XMLStreamConstants.START_ELEMENT) {
            expectName(reader, "member");
            expectStart(reader, "name");
            String name = reader.getElementText();
            expectStart(reader, "value");
            members.put(name, readValue(reader, depth + 1));
            expectEnd(reader, "member");
        }
        expectName(reader, "struct");
        return members;
    }

    private static List<@Nullable Object> array(XMLStreamReader reader, int depth)
            throws XMLStreamException, XmlRpcFormatError {
        expectStart(reader, "data");
        List<@Nullable Object> items = new ArrayList<>();
        while (next(reader) == XMLStreamConstants.START_ELEMENT) {
            expectName(reader, "value");
            items.add(readValue(reader, depth + 1));
        }
        expectName(reader, "data");
        expectEnd(reader, "array");
        return items;
    }
}
