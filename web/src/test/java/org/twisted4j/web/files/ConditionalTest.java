package org.twisted4j.web.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twisted4j.web.files.Conditional.Outcome.NOT_MODIFIED;
import static org.twisted4j.web.files.Conditional.Outcome.PRECONDITION_FAILED;
import static org.twisted4j.web.files.Conditional.Outcome.PROCEED;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.twisted4j.web.files.Conditional.Preconditions;
import org.twisted4j.web.files.Conditional.Validators;

class ConditionalTest {

    private static final Instant MTIME = Instant.parse("2024-05-01T10:00:00.750Z");
    private static final String MTIME_DATE = "Wed, 01 May 2024 10:00:00 GMT";
    private static final String EARLIER = "Wed, 01 May 2024 09:59:59 GMT";
    private static final String LATER = "Wed, 01 May 2024 10:00:01 GMT";
    private static final EntityTag TAG = new EntityTag("v1", false);
    private static final Validators FILE = new Validators(TAG, MTIME);

    private static Preconditions ifMatch(String v) {
        return new Preconditions(v, null, null, null, null);
    }

    private static Preconditions ifNoneMatch(String v) {
        return new Preconditions(null, v, null, null, null);
    }

    private static Preconditions ifModifiedSince(String v) {
        return new Preconditions(null, null, v, null, null);
    }

    private static Preconditions ifUnmodifiedSince(String v) {
        return new Preconditions(null, null, null, v, null);
    }

    @Test
    void noPreconditionsProceed() {
        assertThat(Conditional.evaluate("GET", Preconditions.NONE, FILE)).isEqualTo(PROCEED);
    }

    @Test
    void ifMatchNeedsStrongMatch() {
        assertThat(Conditional.evaluate("GET", ifMatch("\"v1\""), FILE)).isEqualTo(PROCEED);
        assertThat(Conditional.evaluate("PUT", ifMatch("\"x\", \"v1\""), FILE)).isEqualTo(PROCEED);
        assertThat(Conditional.evaluate("GET", ifMatch("\"v2\""), FILE)).isEqualTo(PRECONDITION_FAILED);
        assertThat(Conditional.evaluate("GET", ifMatch("W/\"v1\""), FILE)).isEqualTo(PRECONDITION_FAILED);
        Validators weakFile = new Validators(new EntityTag("v1", true), MTIME);
        assertThat(Conditional.evaluate("GET", ifMatch("W/\"v1\""), weakFile)).isEqualTo(PRECONDITION_FAILED);
    }

    @Test
    void ifMatchWildcardMatchesAnExistingFile() {
        assertThat(Conditional.evaluate("GET", ifMatch("*"), new Validators(null, null))).isEqualTo(PROCEED);
    }

    @Test
    void ifMatchWithoutFileTagOrMalformedFails() {
        assertThat(Conditional.evaluate("GET", ifMatch("\"v1\""), new Validators(null, MTIME))).isEqualTo(PRECONDITION_FAILED);
        assertThat(Conditional.evaluate("GET", ifMatch("v1"), FILE)).isEqualTo(PRECONDITION_FAILED);
    }

    @Test
    void ifUnmodifiedSinceFailsWhenModifiedLater() {
        assertThat(Conditional.evaluate("GET", ifUnmodifiedSince(EARLIER), FILE)).isEqualTo(PRECONDITION_FAILED);
        assertThat(Conditional.evaluate("GET", ifUnmodifiedSince(MTIME_DATE), FILE)).isEqualTo(PROCEED);
        assertThat(Conditional.evaluate("GET", ifUnmodifiedSince(LATER), FILE)).isEqualTo(PROCEED);
    }

    @Test
    void ifUnmodifiedSinceIsIgnoredWhenInvalidOrWhenIfMatchPresent() {
        assertThat(Conditional.evaluate("GET", ifUnmodifiedSince("garbage"), FILE)).isEqualTo(PROCEED);
        Preconditions both = new Preconditions("\"v1\"", null, null, EARLIER, null);
        assertThat(Conditional.evaluate("GET", both, FILE)).isEqualTo(PROCEED);
    }

    @Test
    void ifNoneMatchUsesWeakComparisonAndAnswers304ForGetAndHead() {
        assertThat(Conditional.evaluate("GET", ifNoneMatch("W/\"v1\""), FILE)).isEqualTo(NOT_MODIFIED);
        assertThat(Conditional.evaluate("HEAD", ifNoneMatch("\"a\", \"v1\""), FILE)).isEqualTo(NOT_MODIFIED);
        assertThat(Conditional.evaluate("GET", ifNoneMatch("\"v2\""), FILE)).isEqualTo(PROCEED);
    }

    @Test
    void ifNoneMatchAnswers412ForOtherMethods() {
        assertThat(Conditional.evaluate("PUT", ifNoneMatch("\"v1\""), FILE)).isEqualTo(PRECONDITION_FAILED);
        assertThat(Conditional.evaluate("POST", ifNoneMatch("*"), FILE)).isEqualTo(PRECONDITION_FAILED);
    }

    @Test
    void ifNoneMatchWildcardMatchesAnExistingFile() {
        assertThat(Conditional.evaluate("GET", ifNoneMatch("*"), FILE)).isEqualTo(NOT_MODIFIED);
    }

    @Test
    void malformedIfNoneMatchMatchesNothing() {
        assertThat(Conditional.evaluate("GET", ifNoneMatch("v1"), FILE)).isEqualTo(PROCEED);
    }

    @Test
    void ifModifiedSinceAnswers304UnlessModifiedLater() {
        assertThat(Conditional.evaluate("GET", ifModifiedSince(MTIME_DATE), FILE)).isEqualTo(NOT_MODIFIED);
        assertThat(Conditional.evaluate("GET", ifModifiedSince(LATER), FILE)).isEqualTo(NOT_MODIFIED);
        assertThat(Conditional.evaluate("GET", ifModifiedSince(EARLIER), FILE)).isEqualTo(PROCEED);
    }

    @Test
    void ifModifiedSinceAcceptsObsoleteDateForms() {
        assertThat(Conditional.evaluate("GET", ifModifiedSince("Wed May  1 10:00:00 2024"), FILE)).isEqualTo(NOT_MODIFIED);
    }

    @Test
    void ifModifiedSinceIsIgnoredForOtherMethodsInvalidDatesAndUnknownTimes() {
        assertThat(Conditional.evaluate("POST", ifModifiedSince(LATER), FILE)).isEqualTo(PROCEED);
        assertThat(Conditional.evaluate("GET", ifModifiedSince("not a date"), FILE)).isEqualTo(PROCEED);
        assertThat(Conditional.evaluate("GET", ifModifiedSince(LATER), new Validators(TAG, null))).isEqualTo(PROCEED);
    }

    @Test
    void ifNoneMatchTakesPrecedenceOverIfModifiedSince() {
        Preconditions p = new Preconditions(null, "\"v2\"", LATER, null, null);
        assertThat(Conditional.evaluate("GET", p, FILE)).isEqualTo(PROCEED);
        Preconditions q = new Preconditions(null, "\"v1\"", EARLIER, null, null);
        assertThat(Conditional.evaluate("GET", q, FILE)).isEqualTo(NOT_MODIFIED);
    }

    @Test
    void failedIfMatchWinsOverIfNoneMatch() {
        Preconditions p = new Preconditions("\"v2\"", "\"v1\"", null, null, null);
        assertThat(Conditional.evaluate("GET", p, FILE)).isEqualTo(PRECONDITION_FAILED);
    }

    @Test
    void rangeAppliesWithoutIfRange() {
        assertThat(Conditional.rangeApplies(null, FILE)).isTrue();
    }

    @Test
    void ifRangeWithEntityTagNeedsStrongMatch() {
        assertThat(Conditional.rangeApplies("\"v1\"", FILE)).isTrue();
        assertThat(Conditional.rangeApplies("\"v2\"", FILE)).isFalse();
        assertThat(Conditional.rangeApplies("W/\"v1\"", FILE)).isFalse();
        assertThat(Conditional.rangeApplies("\"v1\"", new Validators(new EntityTag("v1", true), MTIME))).isFalse();
        assertThat(Conditional.rangeApplies("\"v1\"", new Validators(null, MTIME))).isFalse();
    }

    @Test
    void ifRangeWithDateNeedsExactModificationTime() {
        assertThat(Conditional.rangeApplies(MTIME_DATE, FILE)).isTrue();
        assertThat(Conditional.rangeApplies(LATER, FILE)).isFalse();
        assertThat(Conditional.rangeApplies(EARLIER, FILE)).isFalse();
        assertThat(Conditional.rangeApplies(MTIME_DATE, new Validators(TAG, null))).isFalse();
    }

    @Test
    void invalidIfRangeDisablesRange() {
        assertThat(Conditional.rangeApplies("garbage", FILE)).isFalse();
        assertThat(Conditional.rangeApplies("\"unterminated", FILE)).isFalse();
    }
}
