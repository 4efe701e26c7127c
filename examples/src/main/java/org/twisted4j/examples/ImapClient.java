package org.twisted4j.examples;

import java.util.Map;
import java.util.Set;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.NioReactor;
import org.twisted4j.internet.endpoints.Endpoints;
import org.twisted4j.mail.imap4.IMAP4Client;
import org.twisted4j.mail.imap4.ImapFetched;

/**
 * An IMAP client, as Twisted's {@code imap4client.py} example: logs in, lists a mailbox (each message's flags,
 * sender and subject), then waits in IDLE and prints what the server tells (new messages, expunges, flag changes)
 * until the connection ends or the program is stopped.
 *
 * <pre>
 * bin/run-example imap-client [ENDPOINT [USER [PASSWORD [MAILBOX]]]]
 * </pre>
 *
 * <p>{@code ENDPOINT} defaults to {@code tcp:host=127.0.0.1:port=8143}, {@code MAILBOX} to {@code INBOX};
 * try it against {@code bin/twist mail ... --imap tcp:8143}.
 */
public final class ImapClient {

    private ImapClient() {
    }

    /**
     * Lists the mailbox and idles; reactor thread only.
     *
     * @return a Deferred that fires when the connection ends
     */
    static Deferred<?> listAndIdle(NioReactor reactor, String where, String user, String password, String mailbox) {
        IMAP4Client client = new IMAP4Client();
        Deferred<Object> ended = new Deferred<>();
        client.setUpdates(new IMAP4Client.Updates() {
            @Override
            public void exists(long count) {
                System.out.println("* " + count + " messages now");
            }

            @Override
            public void expunged(long seq) {
                System.out.println("* message " + seq + " expunged");
            }

            @Override
            public void flagsChanged(long seq, Set<String> flags) {
                System.out.println("* message " + seq + " flags " + flags);
            }
        });
        Endpoints.connectProtocol(Endpoints.clientFromString(reactor, where), client)
                .addCallbackDeferred(p -> client.greeting())
                .addCallbackDeferred(caps -> client.login(user, password))
                .addCallbackDeferred(ok -> client.select(mailbox))
                .addCallbackDeferred(info -> {
                    System.out.println(mailbox + ": " + info.exists() + " messages, UIDVALIDITY " + info.uidValidity());
                    return info.exists() == 0 ? Deferred.succeed(Map.<Long, ImapFetched>of())
                            : client.fetch("1:*", "(FLAGS ENVELOPE)", false);
                })
                .addCallbackDeferred(messages -> {
                    messages.forEach((seq, m) -> {
                        ImapFetched.Envelope e = m.envelope();
                        String from = e == null || e.from().isEmpty() ? "?"
                                : e.from().get(0).mailbox() + "@" + e.from().get(0).host();
                        System.out.println(seq + " " + m.flags() + " " + from + " " + (e == null ? "" : e.subject()));
                    });
                    System.out.println("idling; new mail is printed as it arrives");
                    return client.idle().ended();
                })
                .addCallbacks(done -> {
                    ended.callback(null);
                    return null;
                }, failure -> {
                    ended.errback(failure);
                    return null;
                });
        return ended;
    }

    /**
     * Runs the example.
     *
     * @param args where to connect, the user, the password, the mailbox
     */
    public static void main(String[] args) {
        String where = args.length > 0 ? args[0] : "tcp:host=127.0.0.1:port=8143";
        String user = args.length > 1 ? args[1] : "bob";
        String password = args.length > 2 ? args[2] : "secret";
        String mailbox = args.length > 3 ? args[3] : "INBOX";
        ExampleMain.react("imap-client", reactor -> listAndIdle(reactor, where, user, password, mailbox));
    }
}
