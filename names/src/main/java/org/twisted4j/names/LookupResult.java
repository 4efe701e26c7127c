package org.twisted4j.names;

import java.util.List;

/**
 * What a lookup gives, as Twisted's {@code lookup*} methods do: the answer, authority and additional sections of
 * the answer.
 *
 * <p>Immutable; any thread.
 *
 * @param answers the answer section
 * @param authority the authority section
 * @param additional the additional section, without the OPT record
 */
public record LookupResult(List<ResourceRecord> answers, List<ResourceRecord> authority,
        List<ResourceRecord> additional) {

    /** Copies the lists. */
    public LookupResult {
        answers = List.copyOf(answers);
        authority = List.copyOf(authority);
        additional = List.copyOf(additional);
    }

    /** The sections of {@code response}. */
    public static LookupResult of(Message response) {
        return new LookupResult(response.answers(), response.authority(), response.additional());
    }
}
