package org.twisted4j.examples;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.internet.Address;
import org.twisted4j.internet.Factory;
import org.twisted4j.internet.ListeningPort;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.protocols.basic.LineReceiver;

/**
 * The chat server: each client first gives a name, then every line it sends goes to everyone else as
 * {@code <name> line}.
 *
 * <pre>
 * bin/run-example chat-server [ENDPOINT]      # ENDPOINT defaults to tcp:8000
 * </pre>
 */
public final class ChatServer {

    /** Who is in the room, by name; shared by all of the server's connections. */
    public static final class Room extends Factory {
        private final Map<String, Chat> members = new LinkedHashMap<>();

        /** Makes an empty room; {@link ChatServer#factory()} does. */
        public Room() {
        }

        @Override
        public Chat buildProtocol(Address peer) {
            return new Chat(members);
        }

        /** Returns the names of those in the room, in the order they came. */
        public List<String> names() {
            return List.copyOf(members.keySet());
        }
    }

    /** One client: asks for its name, then passes its lines on to the others. */
    public static final class Chat extends LineReceiver {
        private final Map<String, Chat> members;
        private @Nullable String name;

        Chat(Map<String, Chat> members) {
            this.members = members;
        }

        @Override
        public void connectionMade() {
            sendLine("Your name?");
        }

        @Override
        protected void lineReceived(byte[] line) {
            if (name == null) {
                join(new String(line, UTF_8).strip());
            } else {
                byte[] message = ("<" + name + "> " + new String(line, UTF_8)).getBytes(UTF_8);
                members.values().stream().filter(other -> other != this).forEach(other -> other.sendLine(message));
            }
        }

        private void join(String wanted) {
            if (wanted.isEmpty() || members.containsKey(wanted)) {
                sendLine("That name is taken or empty; another?");
                return;
            }
            name = wanted;
            members.put(wanted, this);
            sendLine("Welcome, " + wanted + "! In the room: " + String.join(", ", members.keySet()));
        }

        @Override
        public void connectionLost(Failure reason) {
            if (name != null) {
                members.remove(name);
            }
        }
    }

    private ChatServer() {
    }

    /** Returns a factory whose connections share one empty {@link Room}. */
    public static Room factory() {
        return new Room();
    }

    /**
     * Listens on the endpoint {@code description} with a new room and logs where. Reactor thread only.
     *
     * @return fires with the listening port
     * @throws IllegalArgumentException if {@code description} is malformed
     */
    public static Deferred<ListeningPort> start(NioReactor reactor, String description) {
        return ExampleMain.listen(reactor, "chat-server", description, factory());
    }

    /**
     * Runs the server until SIGINT or SIGTERM.
     *
     * @param args where to listen, an endpoint description such as {@code tcp:8000}
     */
    public static void main(String[] args) {
        ExampleMain.serve("chat-server", args, ExampleMain.DEFAULT_SERVER, ChatServer::start);
    }
}
