package org.twisted4j.internet;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;

/**
 * The multicast options of one UDP socket, as a reactor backend reaches them: what an {@link AbstractUdpPort}'s
 * {@link MulticastTransport} methods read and set, with the interfaces named by their addresses, the memberships
 * kept and the errors worded the same on every backend. Reactor thread only.
 */
public interface MulticastOptions {

    /**
     * Returns the interface multicast datagrams leave by, or null if the system chooses.
     *
     * @throws IOException if the option cannot be read
     */
    @Nullable NetworkInterface getInterface() throws IOException;

    /**
     * Sets the interface multicast datagrams leave by.
     *
     * @throws IOException if the option cannot be set
     */
    void setInterface(NetworkInterface chosen) throws IOException;

    /**
     * Returns whether multicast datagrams sent are looped back to this host's members.
     *
     * @throws IOException if the option cannot be read
     */
    boolean getLoopback() throws IOException;

    /**
     * Sets whether multicast datagrams sent are looped back to this host's members.
     *
     * @throws IOException if the option cannot be set
     */
    void setLoopback(boolean enabled) throws IOException;

    /**
     * Returns the time to live of multicast datagrams sent.
     *
     * @throws IOException if the option cannot be read
     */
    int getTimeToLive() throws IOException;

    /**
     * Sets the time to live of multicast datagrams sent, 0 to 255.
     *
     * @throws IOException if the option cannot be set
     */
    void setTimeToLive(int ttl) throws IOException;

    /**
     * Joins ({@code join} true) or leaves {@code group} on {@code on}; the caller keeps the memberships and asks
     * only for a change that makes sense (no second join, no leave without a join).
     *
     * @return a Deferred that fires once the change is made, or fails with the socket's error
     */
    Deferred<@Nullable Void> change(InetAddress group, NetworkInterface on, boolean join);
}
