package org.twisted4j.testing.endpoints;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.endpoints.HostResolver;

/** A resolver whose lookups stay pending until the test answers them. */
final class ScriptedResolver implements HostResolver {
    final List<String> asked = new ArrayList<>();
    final List<Deferred<List<InetAddress>>> lookups = new ArrayList<>();
    boolean cancelled;

    @Override
    public Deferred<List<InetAddress>> resolve(String host) {
        asked.add(host);
        Deferred<List<InetAddress>> lookup = new Deferred<>(d -> cancelled = true);
        lookups.add(lookup);
        return lookup;
    }

    /** Answers the latest lookup with the given address literals. */
    void answer(String... literals) {
        List<InetAddress> addresses = new ArrayList<>();
        for (String literal : literals) {
            try {
                addresses.add(InetAddress.getByName(literal));
            } catch (UnknownHostException e) {
                throw new AssertionError(e);
            }
        }
        lookups.get(lookups.size() - 1).callback(addresses);
    }
}
