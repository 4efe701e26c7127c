package org.twisted4j.conch.transport;

import java.util.ArrayList;
import java.util.List;
import org.twisted4j.cred.SshWire;
import org.twisted4j.cred.SshWireWriter;

/** A service for tests: it records every packet (number and body) and sends whatever it is told. */
public final class RawService extends SshService {
    /** One packet received. */
    public record Packet(int number, byte[] body) {
        /** Returns the body for reading. */
        public SshWire wire() {
            return new SshWire(body);
        }
    }

    private final String name;
    /** The packets received, in order. */
    public final List<Packet> received = new ArrayList<>();
    /** Whether the service was stopped. */
    public boolean stopped;

    /** Makes a service with the given name. */
    public RawService(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void serviceStopped() {
        stopped = true;
    }

    @Override
    public void packetReceived(int messageNumber, SshWire payload) {
        received.add(new Packet(messageNumber, payload.rest()));
    }

    /** Sends a packet: the message number and what the writer holds. */
    public void send(int number, SshWireWriter body) {
        transport().sendPacket(new SshWireWriter().byteValue(number).raw(body.toByteArray()).toByteArray());
    }

    /** Returns the numbers of the packets received. */
    public List<Integer> numbers() {
        return received.stream().map(Packet::number).toList();
    }

    /** Returns the last packet received. */
    public Packet last() {
        return received.get(received.size() - 1);
    }
}
