package org.twisted4j.trial;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How long, in seconds, each test of a class, or one test method, may take under {@link TrialExtension},
 * as the {@code timeout} attribute of a trial test; the method's annotation wins over the class's. Without
 * it, the limit is {@link TrialExtension#DEFAULT_TIMEOUT_SECONDS}. A set-up or tear-down method has the
 * limit of the test it runs for.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface TrialTimeout {
    /** The limit in seconds. */
    double value();
}
