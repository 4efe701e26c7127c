package org.twisted4j.mail.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.DNSLookupError;
import org.twisted4j.internet.task.Clock;
import org.twisted4j.mail.smtp.SmtpRejection;
import org.twisted4j.names.ARecord;
import org.twisted4j.names.AaaaRecord;
import org.twisted4j.names.CnameRecord;
import org.twisted4j.names.DnsNameError;
import org.twisted4j.names.DnsQueryTimeoutError;
import org.twisted4j.names.LookupResult;
import org.twisted4j.names.Message;
import org.twisted4j.names.MxRecord;
import org.twisted4j.names.Name;
import org.twisted4j.names.Query;
import org.twisted4j.names.RecordData;
import org.twisted4j.names.RecordType;
import org.twisted4j.names.ResourceRecord;
import org.twisted4j.names.Resolver;

class MXCalculatorTest {

    /** A resolver answering from a table; unknown questions get an empty answer. */
    static final class FakeResolver implements Resolver {
        final Map<String, List<ResourceRecord>> answers = new HashMap<>();
        final Map<String, Throwable> failures = new HashMap<>();
        final List<String> asked = new ArrayList<>();

        void add(String name, RecordData data) {
            answers.computeIfAbsent(name + "/" + data.type(), k -> new ArrayList<>())
                    .add(ResourceRecord.of(Name.of(name), 60, data));
        }

        @Override
        public Deferred<LookupResult> lookup(Query query) {
            String key = query.name().toString().replaceAll("\\.$", "") + "/" + query.type();
            asked.add(key);
            Throwable failure = failures.get(key);
            if (failure != null) {
                return Deferred.fail(failure);
            }
            List<ResourceRecord> found = new ArrayList<>(answers.getOrDefault(key, List.of()));
            if (query.type() != RecordType.CNAME) {
                // As a server does, a name's CNAME answers any question about it.
                found.addAll(answers.getOrDefault(key.replaceAll("/\\d+$", "/" + RecordType.CNAME), List.of()));
            }
            return Deferred.succeed(new LookupResult(found, List.of(), List.of()));
        }
    }

    private final FakeResolver resolver = new FakeResolver();
    private final Clock clock = new Clock();
    private final MXCalculator mx = new MXCalculator(resolver, clock);

    private static Object result(Deferred<?> deferred) {
        List<Object> out = new ArrayList<>();
        deferred.addCallbacks(value -> out.add(value), failure -> out.add(failure.value()));
        return out.get(0);
    }

    @Test
    void lowestPreferenceFirstSkippingBadExchangesForAnHour() {
        resolver.add("example.com", new MxRecord(20, Name.of("mx2.example.com")));
        resolver.add("example.com", new MxRecord(10, Name.of("MX1.example.com")));
        resolver.add("example.com", new MxRecord(30, Name.of("mx3.example.com")));
        assertThat(result(mx.exchanges("example.com"))).isEqualTo(List.of("mx1.example.com", "mx2.example.com",
                "mx3.example.com"));
        assertThat(result(mx.getMX("example.com"))).isEqualTo("mx1.example.com");

        mx.markBad("mx1.example.com.");
        assertThat(result(mx.getMX("example.com"))).isEqualTo("mx2.example.com");
        mx.markBad("mx2.example.com");
        clock.advance(1800);
        assertThat(result(mx.getMX("example.com"))).isEqualTo("mx3.example.com");
        mx.markBad("mx3.example.com");
        assertThat(result(mx.getMX("example.com"))).as("all bad: the best anyway").isEqualTo("mx1.example.com");

        clock.advance(1800);
        assertThat(result(mx.getMX("example.com"))).as("an hour later mx1 is forgiven").isEqualTo("mx1.example.com");
        mx.markGood("mx2.example.com");
        mx.markBad("mx1.example.com");
        assertThat(result(mx.getMX("example.com"))).isEqualTo("mx2.example.com");
    }

    @Test
    void withoutMxTheDomainItselfIfItHasAnAddress() {
        resolver.add("a.test", ARecord.of("192.0.2.1"));
        resolver.add("six.test", AaaaRecord.of("2001:db8::1"));
        assertThat(result(mx.getMX("a.test"))).isEqualTo("a.test");
        assertThat(result(mx.getMX("six.test"))).isEqualTo("six.test");
        assertThat(result(mx.getMX("nothing.test"))).isInstanceOf(DNSLookupError.class);
        assertThat(resolver.asked).contains("nothing.test/" + RecordType.MX, "nothing.test/" + RecordType.A,
                "nothing.test/" + RecordType.AAAA);
    }

    @Test
    void nullMxIsAPermanentRefusal() {
        resolver.add("nomail.test", new MxRecord(0, Name.ROOT));
        assertThat(result(mx.getMX("nomail.test"))).isInstanceOfSatisfying(SmtpRejection.class,
                r -> assertThat(r.code()).isEqualTo(550));
    }

    @Test
    void cnamesAreFollowedWithinTheAnswerAndByAskingAgain() {
        resolver.answers.put("alias.test/" + RecordType.MX, List.of(
                ResourceRecord.of(Name.of("alias.test"), 60, new CnameRecord(Name.of("real.test"))),
                ResourceRecord.of(Name.of("real.test"), 60, new MxRecord(5, Name.of("mx.real.test")))));
        assertThat(result(mx.getMX("alias.test"))).isEqualTo("mx.real.test");

        resolver.add("far.test", new CnameRecord(Name.of("other.test")));
        resolver.add("other.test", new MxRecord(1, Name.of("mx.other.test")));
        assertThat(result(mx.getMX("far.test"))).isEqualTo("mx.other.test");

        resolver.add("loop.test", new CnameRecord(Name.of("loop2.test")));
        resolver.add("loop2.test", new CnameRecord(Name.of("loop.test")));
        assertThat(result(mx.getMX("loop.test"))).isInstanceOf(DNSLookupError.class);
    }

    @Test
    void lookupErrorsPassThroughButNoSuchDomainIsALookupError() {
        Query query = new Query(Name.of("slow.test"), RecordType.MX, 1);
        resolver.failures.put("slow.test/" + RecordType.MX, new DnsQueryTimeoutError(query));
        assertThat(result(mx.getMX("slow.test"))).isInstanceOf(DnsQueryTimeoutError.class);
        resolver.failures.put("gone.test/" + RecordType.MX, new DnsNameError(Message.builder().response(true).build()));
        assertThat(result(mx.getMX("gone.test"))).isInstanceOf(DNSLookupError.class);
    }
}
