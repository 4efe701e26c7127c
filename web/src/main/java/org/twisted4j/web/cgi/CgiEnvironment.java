package org.twisted4j.web.cgi;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.IPv4Address;
import org.twisted4j.internet.IPv6Address;
import org.twisted4j.web.Request;
import org.twisted4j.web.Site;

/**
 * Builds a CGI script's environment, the meta-variables of RFC 3875 section 4.1, from what a request says.
 * Pure: {@link #of(Request)} takes what is needed from the request, {@link #build} does the rest.
 */
final class CgiEnvironment {

    /** The value of {@code SERVER_SOFTWARE}. */
    static final String SERVER_SOFTWARE = Site.DEFAULT_SERVER_NAME;

    /** Request headers not passed as {@code HTTP_*}: the two the CGI names itself, and httpoxy's. */
    private static final Set<String> NOT_PASSED = Set.of("CONTENT_TYPE", "CONTENT_LENGTH", "PROXY");

    /** Names this server defines; the server's own environment never supplies them. */
    private static final Set<String> DEFINED = Set.of("SERVER_SOFTWARE", "SERVER_NAME", "GATEWAY_INTERFACE",
            "SERVER_PROTOCOL", "SERVER_PORT", "REQUEST_METHOD", "SCRIPT_NAME", "SCRIPT_FILENAME", "REQUEST_URI",
            "PATH_INFO", "PATH_TRANSLATED", "QUERY_STRING", "REMOTE_ADDR", "REMOTE_HOST", "CONTENT_TYPE",
            "CONTENT_LENGTH", "HTTPS", "AUTH_TYPE", "REMOTE_USER", "REMOTE_IDENT");

    /**
     * What the environment is made from.
     *
     * @param method the request method
     * @param uri the request target as sent
     * @param protocol {@code HTTP/1.1} or {@code HTTP/1.0}
     * @param prepath the decoded segments up to and including the script's name
     * @param postpath the decoded segments after it
     * @param serverName the host name the client asked for, or "" if none
     * @param serverHost the server's address on the connection
     * @param serverPort the server's port on the connection
     * @param remoteAddr the client's address, or "" if it has none (a UNIX socket)
     * @param secure whether the connection is TLS
     * @param headers the request headers, each {name, value}, in order
     * @param contentLength the length of the request body
     */
    record Input(String method, String uri, String protocol, List<String> prepath, List<String> postpath,
            String serverName, String serverHost, int serverPort, String remoteAddr, boolean secure,
            List<String[]> headers, long contentLength) {
    }

    private CgiEnvironment() {
    }

    /** Takes what the environment needs from a request whose body is {@code contentLength} bytes long. */
    static Input of(Request request, long contentLength) {
        List<String[]> headers = new ArrayList<>();
        request.getRequestHeaders().forEach((name, value) -> headers.add(new String[] {name, value}));
        Address host = request.getHost();
        return new Input(request.getMethod(), request.getUri(), request.getClientProto(),
                List.copyOf(request.prepath()), List.copyOf(request.postpath()), request.getRequestHostname(),
                hostOf(host), portOf(host), hostOf(request.getClientAddress()), request.isSecure(), headers,
                contentLength);
    }

    /**
     * Builds the environment.
     *
     * @param in what the request said
     * @param script the script file
     * @param inherited the server's own environment, passed on under the names not defined here
     * @return the environment, in a stable order
     */
    static Map<String, String> build(Input in, Path script, Map<String, String> inherited) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SERVER_SOFTWARE", SERVER_SOFTWARE);
        env.put("SERVER_NAME", in.serverName().isEmpty() ? in.serverHost() : in.serverName());
        env.put("GATEWAY_INTERFACE", "CGI/1.1");
        env.put("SERVER_PROTOCOL", in.protocol());
        env.put("SERVER_PORT", Integer.toString(in.serverPort()));
        env.put("REQUEST_METHOD", in.method());
        env.put("SCRIPT_NAME", "/" + String.join("/", in.prepath()));
        env.put("SCRIPT_FILENAME", script.toString());
        env.put("REQUEST_URI", in.uri());
        if (!in.postpath().isEmpty()) {
            String pathInfo = "/" + String.join("/", in.postpath());
            env.put("PATH_INFO", pathInfo);
            Path directory = script.toAbsolutePath().getParent();
            env.put("PATH_TRANSLATED", directory == null ? pathInfo : directory + pathInfo);
        }
        int q = in.uri().indexOf('?');
        env.put("QUERY_STRING", q < 0 ? "" : in.uri().substring(q + 1));
        env.put("REMOTE_ADDR", in.remoteAddr());
        env.put("REMOTE_HOST", in.remoteAddr());
        if (in.contentLength() > 0 || hasBody(in)) {
            env.put("CONTENT_LENGTH", Long.toString(in.contentLength()));
        }
        if (in.secure()) {
            env.put("HTTPS", "on");
        }
        for (String[] header : in.headers()) {
            String name = header[0].toUpperCase(Locale.ROOT).replace('-', '_');
            if (name.equals("CONTENT_TYPE")) {
                env.put("CONTENT_TYPE", header[1]);
                continue;
            }
            if (NOT_PASSED.contains(name)) {
                continue;
            }
            String key = "HTTP_" + name;
            String before = env.get(key);
            String separator = name.equals("COOKIE") ? "; " : ", ";
            env.put(key, before == null ? header[1] : before + separator + header[1]);
        }
        inherited.forEach((name, value) -> {
            if (!DEFINED.contains(name) && !name.startsWith("HTTP_")) {
                env.putIfAbsent(name, value);
            }
        });
        return env;
    }

    /**
     * The arguments of a query with no {@code =} (RFC 3875 section 4.4's search string): split at {@code +},
     * each %-decoded; none otherwise.
     */
    static List<String> searchArguments(String uri) {
        int q = uri.indexOf('?');
        if (q < 0 || q == uri.length() - 1 || uri.indexOf('=', q) >= 0) {
            return List.of();
        }
        List<String> args = new ArrayList<>();
        for (String word : uri.substring(q + 1).split("\\+", -1)) {
            try {
                args.add(URLDecoder.decode(word, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                return List.of(); // a malformed escape: pass no arguments rather than a guess
            }
        }
        return args;
    }

    private static boolean hasBody(Input in) {
        for (String[] header : in.headers()) {
            if (header[0].equalsIgnoreCase("Content-Length") || header[0].equalsIgnoreCase("Transfer-Encoding")) {
                return true;
            }
        }
        return false;
    }

    private static String hostOf(Address address) {
        return switch (address) {
            case IPv4Address a -> a.host();
            case IPv6Address a -> a.host();
            default -> "";
        };
    }

    private static int portOf(Address address) {
        return switch (address) {
            case IPv4Address a -> a.port();
            case IPv6Address a -> a.port();
            default -> 0;
        };
    }
}
