package org.twisted4j.examples;

import java.io.IOException;
import org.twisted4j.defer.Deferred;

/**
 * A Deferred chain, as in Twisted's "Deferred Reference": a value goes through callbacks, one callback
 * waits on another Deferred, and an error is recovered by an errback further down.
 */
public final class DeferredChain {
    private DeferredChain() {
    }

    /**
     * Fires two chains, one succeeding and one failing, and prints what each step sees.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        for (String user : new String[] {"alice", "mallory"}) {
            Deferred<String> lookup = new Deferred<>();
            Deferred<String> greeting = lookup
                    .addCallback(name -> {
                        System.out.println("looked up " + name);
                        if (name.equals("mallory")) {
                            throw new IOException("no such user: " + name);
                        }
                        return name;
                    })
                    .addCallbackDeferred(DeferredChain::fetchDisplayName)
                    .addCallback(displayName -> "Hello, " + displayName + "!")
                    .addErrback(failure -> {
                        failure.trap(IOException.class);
                        return "Sorry: " + failure.value().getMessage();
                    });
            greeting.addCallback(text -> {
                System.out.println(text);
                return null;
            });
            lookup.callback(user);
        }
    }

    /** Stands in for a lookup on the network: returns a Deferred that has its result already. */
    private static Deferred<String> fetchDisplayName(String name) {
        return Deferred.succeed(Character.toUpperCase(name.charAt(0)) + name.substring(1));
    }
}
