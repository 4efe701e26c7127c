/**
 * Relaying, as Twisted's {@code twisted.mail.relay} and {@code relaymanager}: a durable directory
 * {@link org.twisted4j.mail.relay.RelayQueue}, the {@link org.twisted4j.mail.relay.RelayManager} that delivers
 * queued messages to a smarthost or to each domain's mail exchanges (found by the
 * {@link org.twisted4j.mail.relay.MXCalculator} through the names module's resolver), retries them on a
 * {@link org.twisted4j.mail.relay.RetrySchedule}, and returns RFC 3464 delivery status notifications
 * ({@link org.twisted4j.mail.relay.Dsn}) to the sender when it gives up; and the
 * {@link org.twisted4j.mail.relay.RelayingDelivery} that puts the SMTP server's non-local mail into the queue
 * when relaying is allowed.
 */
@NullMarked
package org.twisted4j.mail.relay;

import org.jspecify.annotations.NullMarked;
