package org.twisted4j.names.authority;

import java.util.List;
import org.twisted4j.names.ResourceRecord;

/**
 * What an {@link Authority} says to a query: the response code, whether the answer is authoritative (the AA
 * bit; a referral is not), and the records of the answer, authority and additional sections.
 *
 * <p>Immutable; any thread.
 *
 * @param rcode the response code ({@link org.twisted4j.names.Rcode})
 * @param authoritative whether the AA bit is set
 * @param answers the answer section
 * @param authority the authority section: the SOA of a negative answer, or the NS records of a referral
 * @param additional addresses of the names the other sections point at
 */
public record Answer(int rcode, boolean authoritative, List<ResourceRecord> answers, List<ResourceRecord> authority,
        List<ResourceRecord> additional) {

    /** Copies the lists. */
    public Answer {
        answers = List.copyOf(answers);
        authority = List.copyOf(authority);
        additional = List.copyOf(additional);
    }
}
