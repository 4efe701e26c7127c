package org.twisted4j.web.xmlrpc;

import org.jspecify.annotations.Nullable;
import org.twisted4j.defer.Deferred;
import org.twisted4j.internet.ReactorTime;
import org.twisted4j.internet.task.Tasks;

/** The procedures the XML-RPC tests call. */
public final class Calculator extends XmlRpcResource {
    private final ReactorTime clock;

    Calculator(ReactorTime clock) {
        this.clock = clock;
    }

    /** Adds. */
    @Procedure(help = "The sum of two integers.")
    public int add(int a, int b) {
        return a + b;
    }

    /** Gives the value back. */
    @Procedure
    public @Nullable Object echo(@Nullable Object value) {
        return value;
    }

    /** Divides, answering fault 123 for a zero divisor. */
    @Procedure(help = "a / b, or fault 123 when b is 0.")
    public double divide(double a, double b) throws Fault {
        if (b == 0) {
            throw new Fault(123, "division by zero");
        }
        return a / b;
    }

    /** Answers later, through a Deferred. */
    @Procedure
    public Deferred<String> later(String text) {
        return Tasks.deferLater(clock, 0.01, () -> text + "!");
    }

    /** Fails with an exception whose details must stay on the server. */
    @Procedure
    public String boom() {
        throw new IllegalStateException("a secret detail");
    }
}
