package org.twisted4j.names;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.twisted4j.defer.Deferred;

/** A resolver answering from a map, failing with the given error otherwise, and noting what it was asked. */
final class FixedResolver implements Resolver {
    final Map<Query, LookupResult> answers;
    final Exception otherwise;
    final List<Query> asked = new ArrayList<>();

    FixedResolver(Map<Query, LookupResult> answers, Exception otherwise) {
        this.answers = answers;
        this.otherwise = otherwise;
    }

    @Override
    public Deferred<LookupResult> lookup(Query query) {
        asked.add(query);
        LookupResult result = answers.get(query);
        return result != null ? Deferred.succeed(result) : Deferred.fail(otherwise);
    }
}
