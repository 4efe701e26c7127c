package org.twisted4j.internet;

import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;

/**
 * A UDP port that can send to and receive from multicast groups, as Twisted's
 * {@code IMulticastTransport}. Every UDP port of a {@link NioReactor} is one; cast the protocol's
 * transport to use it.
 *
 * <pre>{@code
 * public void startProtocol() {
 *     MulticastTransport multicast = (MulticastTransport) transport();
 *     multicast.setTTL(2);                                   // at most one router away
 *     multicast.joinGroup("228.0.0.5").addErrback(failure -> { log.failure("join", failure); return null; });
 * }
 * }</pre>
 *
 * <p>Interfaces are named by one of their addresses, as in Twisted; an empty string means the system's
 * choice: the {@linkplain #setOutgoingInterface outgoing interface} if one is set, otherwise the first
 * interface that is up and multicast-capable (the loopback interface when there is no other).
 *
 * <h2>Threading</h2>
 * Reactor thread only.
 */
public interface MulticastTransport extends DatagramTransport {

    /**
     * Returns the address of the interface multicast datagrams are sent from, or the wildcard address
     * ({@code "0.0.0.0"} or {@code "::"}) when the system chooses.
     */
    String getOutgoingInterface();

    /**
     * Sends multicast datagrams from the interface that has {@code address} (IP_MULTICAST_IF).
     *
     * @param address an address of the interface, or a name that resolves to one
     * @return fires with null once set, or fails if no interface has that address or it cannot be used
     */
    Deferred<@Nullable Void> setOutgoingInterface(String address);

    /** Returns whether multicast datagrams this port sends are looped back to this host's members. */
    boolean getLoopbackMode();

    /**
     * Sets whether multicast datagrams this port sends are also delivered to group members on this host
     * (IP_MULTICAST_LOOP; on by default).
     *
     * @param enabled true to loop them back
     */
    void setLoopbackMode(boolean enabled);

    /** Returns how many hops multicast datagrams this port sends may travel (IP_MULTICAST_TTL). */
    int getTTL();

    /**
     * Sets how many hops multicast datagrams this port sends may travel (IP_MULTICAST_TTL; 1 by default:
     * the local network only).
     *
     * @param ttl from 0 (this host only) to 255
     * @throws IllegalArgumentException if {@code ttl} is outside 0 to 255
     */
    void setTTL(int ttl);

    /**
     * Joins a multicast group on an interface, so that this port receives the group's datagrams.
     *
     * @param group the group's address, or a name that resolves to one
     * @param bindInterface an address of the interface to join on; empty for the system's choice
     * @return fires with null once joined, or fails with {@link MulticastJoinError}
     */
    Deferred<@Nullable Void> joinGroup(String group, String bindInterface);

    /**
     * Joins a multicast group on the interface the system chooses.
     *
     * @param group the group's address, or a name that resolves to one
     * @return fires with null once joined, or fails with {@link MulticastJoinError}
     */
    default Deferred<@Nullable Void> joinGroup(String group) {
        return joinGroup(group, "");
    }

    /**
     * Leaves a multicast group joined with {@link #joinGroup(String, String)} on the same interface.
     *
     * @param group the group's address, or a name that resolves to one
     * @param bindInterface the interface it was joined on, as given then; empty for the system's choice
     * @return fires with null once left, or fails with {@link MulticastJoinError}, for example when the
     *     port is not a member
     */
    Deferred<@Nullable Void> leaveGroup(String group, String bindInterface);

    /**
     * Leaves a multicast group joined on the interface the system chose.
     *
     * @param group the group's address, or a name that resolves to one
     * @return fires with null once left, or fails with {@link MulticastJoinError}
     */
    default Deferred<@Nullable Void> leaveGroup(String group) {
        return leaveGroup(group, "");
    }
}
