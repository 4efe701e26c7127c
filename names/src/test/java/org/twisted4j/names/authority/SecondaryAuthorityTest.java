package org.twisted4j.names.authority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.task.Clock;
import org.twisted4j.names.ARecord;
import org.twisted4j.names.Name;
import org.twisted4j.names.Rcode;
import org.twisted4j.names.RecordType;
import org.twisted4j.names.ResourceRecord;
import org.twisted4j.names.SoaRecord;

class SecondaryAuthorityTest {

    private static final Name DOMAIN = Name.of("example.test");
    private static final long REFRESH = 100;
    private static final long RETRY = 10;
    private static final long EXPIRE = 1000;

    /** A primary whose answers the test gives one by one. */
    private static final class FakePrimary implements SecondaryAuthority.Primary {
        final Deque<Deferred<SoaRecord>> soas = new ArrayDeque<>();
        final Deque<Deferred<List<ResourceRecord>>> transfers = new ArrayDeque<>();

        @Override
        public Deferred<SoaRecord> soa(Name zone) {
            Deferred<SoaRecord> d = new Deferred<>();
            soas.add(d);
            return d;
        }

        @Override
        public Deferred<List<ResourceRecord>> transfer(Name zone) {
            Deferred<List<ResourceRecord>> d = new Deferred<>();
            transfers.add(d);
            return d;
        }
    }

    private final Clock clock = new Clock();
    private final FakePrimary primary = new FakePrimary();
    private final SecondaryAuthority secondary = new SecondaryAuthority(clock, DOMAIN, primary);

    private static SoaRecord soa(long serial) {
        return new SoaRecord(Name.of("ns.example.test"), Name.of("admin.example.test"), serial, REFRESH, RETRY,
                EXPIRE, 60);
    }

    private static List<ResourceRecord> axfr(long serial, String address) {
        ResourceRecord soa = ResourceRecord.of(DOMAIN, 3600, soa(serial));
        return List.of(soa, ResourceRecord.of(Name.of("www.example.test"), 3600, ARecord.of(address)), soa);
    }

    private String www() {
        Authority authority = secondary.authority();
        assertThat(authority).isNotNull();
        Answer answer = authority.lookup(Name.of("www.example.test"), RecordType.A, false);
        assertThat(answer.rcode()).isEqualTo(Rcode.NOERROR);
        return answer.answers().get(0).toText();
    }

    private void firstTransfer() {
        secondary.start();
        primary.soas.remove().callback(soa(1));
        primary.transfers.remove().callback(axfr(1, "192.0.2.1"));
    }

    @Test
    void nothingIsServedBeforeTheFirstTransfer() {
        secondary.start();
        assertThat(secondary.authority()).isNull();
        assertThat(secondary.covers(Name.of("www.example.test"))).isTrue();
        primary.soas.remove().errback(new RuntimeException("down"));
        assertThat(secondary.authority()).isNull();
        clock.advance(SecondaryAuthority.INITIAL_RETRY - 1);
        assertThat(primary.soas).isEmpty();
        clock.advance(1);
        assertThat(primary.soas).hasSize(1);
    }

    @Test
    void theTransferredZoneIsServed() {
        firstTransfer();
        assertThat(www()).contains("192.0.2.1");
        assertThat(secondary.transfers()).isEqualTo(1);
    }

    @Test
    void refreshWithTheSameSerialDoesNotTransfer() {
        firstTransfer();
        clock.advance(REFRESH - 1);
        assertThat(primary.soas).isEmpty();
        clock.advance(1);
        primary.soas.remove().callback(soa(1));
        assertThat(primary.transfers).isEmpty();
        assertThat(www()).contains("192.0.2.1");
    }

    @Test
    void refreshWithAGreaterSerialTransfersAgain() {
        firstTransfer();
        clock.advance(REFRESH);
        primary.soas.remove().callback(soa(2));
        primary.transfers.remove().callback(axfr(2, "192.0.2.2"));
        assertThat(www()).contains("192.0.2.2");
        assertThat(secondary.transfers()).isEqualTo(2);
    }

    @Test
    void aLowerSerialIsNotTransferred() {
        firstTransfer();
        clock.advance(REFRESH);
        primary.soas.remove().callback(soa(0));
        assertThat(primary.transfers).isEmpty();
    }

    @Test
    void failedCheckIsRetriedAfterTheRetryInterval() {
        firstTransfer();
        clock.advance(REFRESH);
        primary.soas.remove().errback(new RuntimeException("timeout"));
        clock.advance(RETRY - 1);
        assertThat(primary.soas).isEmpty();
        clock.advance(1);
        assertThat(primary.soas).hasSize(1);
        assertThat(www()).contains("192.0.2.1");
    }

    @Test
    void aBadTransferKeepsTheLastGoodCopy() {
        firstTransfer();
        clock.advance(REFRESH);
        primary.soas.remove().callback(soa(2));
        List<ResourceRecord> bad = new ArrayList<>(axfr(2, "192.0.2.2"));
        bad.remove(bad.size() - 1);
        primary.transfers.remove().callback(bad);
        assertThat(www()).contains("192.0.2.1");
        clock.advance(RETRY);
        assertThat(primary.soas).hasSize(1);
    }

    @Test
    void theCopyExpiresWhenThePrimaryStaysUnreachable() {
        firstTransfer();
        double elapsed = 0;
        while (elapsed < EXPIRE - RETRY) {
            double step = clock.getDelayedCalls().stream().mapToDouble(c -> c.getTime()).min().orElseThrow()
                    - clock.seconds();
            clock.advance(step);
            elapsed += step;
            if (!primary.soas.isEmpty()) {
                primary.soas.remove().errback(new RuntimeException("down"));
            }
            if (elapsed < EXPIRE) {
                assertThat(secondary.authority()).isNotNull();
            }
        }
        clock.advance(EXPIRE - elapsed);
        assertThat(secondary.authority()).isNull();
    }

    @Test
    void aSuccessfulCheckPushesTheExpiryBack() {
        firstTransfer();
        clock.advance(REFRESH);
        primary.soas.remove().callback(soa(1));
        clock.advance(EXPIRE - 1);
        assertThat(secondary.authority()).isNotNull();
    }

    @Test
    void notifyChecksAtOnce() {
        firstTransfer();
        secondary.notified();
        primary.soas.remove().callback(soa(5));
        primary.transfers.remove().callback(axfr(5, "192.0.2.5"));
        assertThat(www()).contains("192.0.2.5");
        clock.advance(REFRESH - 1);
        assertThat(primary.soas).isEmpty();
        clock.advance(1);
        assertThat(primary.soas).hasSize(1);
    }

    @Test
    void notifyDuringACheckChecksAgainAfterIt() {
        firstTransfer();
        clock.advance(REFRESH);
        secondary.notified();
        assertThat(primary.soas).hasSize(1);
        primary.soas.remove().callback(soa(1));
        assertThat(primary.soas).hasSize(1);
    }

    @Test
    void serialsCompareInSerialNumberArithmetic() {
        assertThat(SecondaryAuthority.serialGreater(2, 1)).isTrue();
        assertThat(SecondaryAuthority.serialGreater(1, 2)).isFalse();
        assertThat(SecondaryAuthority.serialGreater(1, 1)).isFalse();
        assertThat(SecondaryAuthority.serialGreater(0, 0xFFFFFFFFL)).isTrue();
        assertThat(SecondaryAuthority.serialGreater(5, 0xFFFFFFF0L)).isTrue();
        assertThat(SecondaryAuthority.serialGreater(0xFFFFFFF0L, 5)).isFalse();
        assertThat(SecondaryAuthority.serialGreater(1L << 31, 0)).isFalse();
        assertThat(SecondaryAuthority.serialGreater(0, 1L << 31)).isFalse();
    }

    @Test
    void aWrappedSerialIsTransferred() {
        secondary.start();
        primary.soas.remove().callback(soa(0xFFFFFFFFL));
        primary.transfers.remove().callback(axfr(0xFFFFFFFFL, "192.0.2.1"));
        clock.advance(REFRESH);
        primary.soas.remove().callback(soa(3));
        primary.transfers.remove().callback(axfr(3, "192.0.2.3"));
        assertThat(www()).contains("192.0.2.3");
    }

    @Test
    void aTransferMustBeBracketedByTheZonesSoa() {
        List<ResourceRecord> good = axfr(1, "192.0.2.1");
        assertThat(SecondaryAuthority.fromTransfer(DOMAIN, good).records()).hasSize(2);
        assertThatThrownBy(() -> SecondaryAuthority.fromTransfer(DOMAIN, good.subList(1, 3)))
                .isInstanceOf(ZoneFileError.class);
        assertThatThrownBy(() -> SecondaryAuthority.fromTransfer(Name.of("other.test"), good))
                .isInstanceOf(ZoneFileError.class);
        List<ResourceRecord> mismatched = List.of(good.get(0), good.get(1),
                ResourceRecord.of(DOMAIN, 3600, soa(2)));
        assertThatThrownBy(() -> SecondaryAuthority.fromTransfer(DOMAIN, mismatched))
                .isInstanceOf(ZoneFileError.class);
    }

    @Test
    void stopCancelsTheChecks() {
        firstTransfer();
        secondary.stop();
        assertThat(clock.getDelayedCalls()).isEmpty();
        secondary.notified();
        assertThat(primary.soas).isEmpty();
    }
}
