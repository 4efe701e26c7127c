package org.twisted4j.web.files;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Conditional requests (RFC 9110 section 13) against a file's validators: {@code If-Match},
 * {@code If-Unmodified-Since}, {@code If-None-Match}, {@code If-Modified-Since}, evaluated in the order of
 * section 13.2.2, and {@code If-Range}, which decides whether a {@code Range} header is honoured. Twisted's
 * {@code Request.setLastModified} and {@code setETag} do the first part for {@code static.File}.
 *
 * <pre>{@code
 * Conditional.Validators v = new Conditional.Validators(EntityTag.forFile(size, mtime, false), mtime);
 * switch (Conditional.evaluate(request.getMethod(), preconditions, v)) {
 *     case NOT_MODIFIED -> 304 with ETag and Last-Modified, no body;
 *     case PRECONDITION_FAILED -> 412;
 *     case PROCEED -> if (Conditional.rangeApplies(ifRange, v)) evaluate Range, else serve everything;
 * }
 * }</pre>
 *
 * <p>Evaluate only when the file exists. Dates compare to the whole second, since HTTP dates carry no
 * fraction. A date that does not parse is ignored, as RFC 9110 requires; an entity-tag list that does not
 * parse matches nothing. Stateless; any thread.
 */
public final class Conditional {

    private Conditional() {
    }

    /** What the preconditions say to do. */
    public enum Outcome {
        /** Go on: serve the file (subject to {@code Range}). */
        PROCEED,
        /** Answer 304 Not Modified (GET and HEAD only). */
        NOT_MODIFIED,
        /** Answer 412 Precondition Failed. */
        PRECONDITION_FAILED
    }

    /**
     * The file's current validators.
     *
     * @param etag its entity tag, or null if it has none
     * @param lastModified its modification time, or null if unknown
     */
    public record Validators(@Nullable EntityTag etag, @Nullable Instant lastModified) {
    }

    /**
     * The request's conditional header values, each null when absent; several occurrences of a header are
     * given joined by commas.
     *
     * @param ifMatch {@code If-Match}
     * @param ifNoneMatch {@code If-None-Match}
     * @param ifModifiedSince {@code If-Modified-Since}
     * @param ifUnmodifiedSince {@code If-Unmodified-Since}
     * @param ifRange {@code If-Range}
     */
    public record Preconditions(@Nullable String ifMatch, @Nullable String ifNoneMatch,
            @Nullable String ifModifiedSince, @Nullable String ifUnmodifiedSince, @Nullable String ifRange) {

        /** No conditional headers at all. */
        public static final Preconditions NONE = new Preconditions(null, null, null, null, null);
    }

    /**
     * Evaluates the preconditions in RFC 9110's order: {@code If-Match} (else {@code If-Unmodified-Since}),
     * then {@code If-None-Match} (else, for GET and HEAD, {@code If-Modified-Since}).
     *
     * @param method the request method, such as {@code GET}
     * @param p the request's conditional headers
     * @param v the file's validators
     * @return what to answer
     */
    public static Outcome evaluate(String method, Preconditions p, Validators v) {
        boolean getOrHead = method.equals("GET") || method.equals("HEAD");
        if (p.ifMatch() != null) {
            if (!matches(p.ifMatch(), v.etag(), true)) {
                return Outcome.PRECONDITION_FAILED;
            }
        } else if (p.ifUnmodifiedSince() != null && v.lastModified() != null) {
            Instant date = HttpDate.parse(p.ifUnmodifiedSince());
            if (date != null && seconds(v.lastModified()).isAfter(date)) {
                return Outcome.PRECONDITION_FAILED;
            }
        }
        if (p.ifNoneMatch() != null) {
            if (matches(p.ifNoneMatch(), v.etag(), false)) {
                return getOrHead ? Outcome.NOT_MODIFIED : Outcome.PRECONDITION_FAILED;
            }
        } else if (getOrHead && p.ifModifiedSince() != null && v.lastModified() != null) {
            Instant date = HttpDate.parse(p.ifModifiedSince());
            if (date != null && !seconds(v.lastModified()).isAfter(date)) {
                return Outcome.NOT_MODIFIED;
            }
        }
        return Outcome.PROCEED;
    }

    /**
     * Whether a {@code Range} header is to be honoured given {@code If-Range} (RFC 9110 section 13.1.5): yes
     * when {@code If-Range} is absent, or names the file's entity tag by strong comparison, or its exact
     * modification date; otherwise the whole file is served.
     *
     * @param ifRange the {@code If-Range} value, or null
     * @param v the file's validators
     * @return whether to evaluate {@code Range}
     */
    public static boolean rangeApplies(@Nullable String ifRange, Validators v) {
        if (ifRange == null) {
            return true;
        }
        String value = ifRange.strip();
        if (value.startsWith("\"") || value.startsWith("W/")) {
            EntityTag tag = EntityTag.parse(value);
            return tag != null && v.etag() != null && tag.strongMatches(v.etag());
        }
        Instant date = HttpDate.parse(value);
        return date != null && v.lastModified() != null && seconds(v.lastModified()).equals(date);
    }

    private static boolean matches(String header, @Nullable EntityTag current, boolean strong) {
        if (EntityTag.isWildcard(header)) {
            return true; // the file exists
        }
        List<EntityTag> tags = EntityTag.parseList(header);
        if (tags == null || current == null) {
            return false;
        }
        for (EntityTag tag : tags) {
            if (strong ? tag.strongMatches(current) : tag.weakMatches(current)) {
                return true;
            }
        }
        return false;
    }

    private static Instant seconds(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS);
    }
}
