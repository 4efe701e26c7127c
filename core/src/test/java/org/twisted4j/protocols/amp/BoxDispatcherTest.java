package org.twisted4j.protocols.amp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twisted4j.protocols.amp.calculator.Calculator.BOOM;
import static org.twisted4j.protocols.amp.calculator.Calculator.BYE;
import static org.twisted4j.protocols.amp.calculator.Calculator.DIVIDE;
import static org.twisted4j.protocols.amp.calculator.Calculator.EVERYTHING;
import static org.twisted4j.protocols.amp.calculator.Calculator.NOPE;
import static org.twisted4j.protocols.amp.calculator.Calculator.NOTE;
import static org.twisted4j.protocols.amp.calculator.Calculator.SUM;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.protocols.amp.calculator.Calculator;
import org.twisted4j.protocols.amp.calculator.Calculator.Division;
import org.twisted4j.protocols.amp.calculator.Calculator.Nothing;
import org.twisted4j.protocols.amp.calculator.Calculator.Operands;
import org.twisted4j.protocols.amp.calculator.Calculator.Text;
import org.twisted4j.protocols.amp.calculator.Calculator.Total;
import org.twisted4j.protocols.amp.calculator.Calculator.ZeroDivisionError;

class BoxDispatcherTest {
    private final RecordingSender sender = new RecordingSender();
    private final BoxDispatcher dispatcher = new BoxDispatcher();

    /** What a Deferred ended with: its value, or its failure's throwable. */
    static final class Outcome {
        final List<@Nullable Object> values = new ArrayList<>();
        final List<Throwable> errors = new ArrayList<>();

        static <T> Outcome of(Deferred<T> deferred) {
            Outcome outcome = new Outcome();
            deferred.addCallbacks(value -> {
                outcome.values.add(value);
                return null;
            }, failure -> {
                outcome.errors.add(failure.value());
                return null;
            });
            return outcome;
        }

        boolean fired() {
            return !values.isEmpty() || !errors.isEmpty();
        }
    }

    @BeforeEach
    void start() {
        dispatcher.startReceivingBoxes(sender);
    }

    @Test
    void callSendsItsArgumentsWithCommandAndAskAndFiresWithTheAnswer() {
        Outcome outcome = Outcome.of(dispatcher.callRemote(SUM, new Operands(13, 81)));
        assertThat(sender.sent).containsExactly(
                new AmpBox().put("_command", "Sum").put("_ask", "1").put("a", "13").put("b", "81"));
        assertThat(outcome.fired()).isFalse();
        assertThat(dispatcher.outstandingCalls()).isEqualTo(1);
        dispatcher.ampBoxReceived(new AmpBox().put("_answer", "1").put("total", "94"));
        assertThat(outcome.values).containsExactly(new Total(94));
        assertThat(dispatcher.outstandingCalls()).isZero();
    }

    @Test
    void tagsCountInHexadecimal() {
        for (int i = 0; i < 26; i++) {
            Outcome.of(dispatcher.callRemote(SUM, new Operands(i, i)));
        }
        assertThat(sender.sent.get(9).getString("_ask")).isEqualTo("a");
        assertThat(sender.last().getString("_ask")).isEqualTo("1a");
    }

    @Test
    void answersAreMatchedByTagInAnyOrder() {
        Outcome first = Outcome.of(dispatcher.callRemote(SUM, new Operands(1, 2)));
        Outcome second = Outcome.of(dispatcher.callRemote(SUM, new Operands(3, 4)));
        dispatcher.ampBoxReceived(new AmpBox().put("_answer", "2").put("total", "7"));
        dispatcher.ampBoxReceived(new AmpBox().put("_answer", "1").put("total", "3"));
        assertThat(first.values).containsExactly(new Total(3));
        assertThat(second.values).containsExactly(new Total(7));
    }

    @Test
    void declaredErrorCodeFailsWithTheDeclaredExceptionAndItsDescription() {
        Outcome outcome = Outcome.of(dispatcher.callRemote(DIVIDE, new Division(1, 0)));
        dispatcher.ampBoxReceived(new AmpBox().put("_error", "1").put("_error_code", "ZERO_DIVISION")
                .put("_error_description", "division by zero"));
        assertThat(outcome.errors).singleElement().isInstanceOfSatisfying(ZeroDivisionError.class,
                e -> assertThat(e).hasMessage("division by zero"));
    }

    @Test
    void unhandledAndUnknownCodesFailAsTwistedDoes() {
        Outcome unhandled = Outcome.of(dispatcher.callRemote(NOPE, new Nothing()));
        Outcome unknown = Outcome.of(dispatcher.callRemote(BOOM, new Nothing()));
        Outcome strange = Outcome.of(dispatcher.callRemote(DIVIDE, new Division(1, 1)));
        dispatcher.ampBoxReceived(new AmpBox().put("_error", "1").put("_error_code", "UNHANDLED")
                .put("_error_description", "Unhandled Command: b'Nope'"));
        dispatcher.ampBoxReceived(new AmpBox().put("_error", "2").put("_error_code", "UNKNOWN")
                .put("_error_description", "Unknown Error"));
        dispatcher.ampBoxReceived(new AmpBox().put("_error", "3").put("_error_code", "OTHER")
                .put("_error_description", "what"));
        assertThat(unhandled.errors).singleElement().isInstanceOfSatisfying(UnhandledCommand.class,
                e -> assertThat(e.description()).isEqualTo("Unhandled Command: b'Nope'"));
        assertThat(unknown.errors).singleElement().isInstanceOfSatisfying(UnknownRemoteError.class, e -> {
            assertThat(e.errorCode()).isEqualTo("UNKNOWN");
            assertThat(e.description()).isEqualTo("Unknown Error");
        });
        assertThat(strange.errors).singleElement().isInstanceOfSatisfying(UnknownRemoteError.class,
                e -> assertThat(e.description()).isEqualTo("what"));
        assertThat(sender.unhandled).isEmpty();
    }

    @Test
    void commandsAreAnsweredWithTheirTag() {
        Calculator.serve(dispatcher);
        dispatcher.ampBoxReceived(new AmpBox().put("_command", "Sum").put("_ask", "ff").put("a", "13").put("b", "81"));
        assertThat(sender.sent).containsExactly(new AmpBox().put("_answer", "ff").put("total", "94"));
        assertThat(sender.closed).isFalse();
    }

    @Test
    void unknownCommandIsAnsweredUnhandled() {
        dispatcher.ampBoxReceived(new AmpBox().put("_command", "Nope").put("_ask", "1"));
        assertThat(sender.sent).containsExactly(new AmpBox().put("_error", "1").put("_error_code", "UNHANDLED")
                .put("_error_description", "Unhandled Command: b'Nope'"));
        assertThat(sender.closed).isFalse();
    }

    @Test
    void declaredErrorIsAnsweredWithItsCodeAndMessage() {
        Calculator.serve(dispatcher);
        dispatcher.ampBoxReceived(new AmpBox().put("_command", "Divide").put("_ask", "1").put("numerator", "1")
                .put("denominator", "0"));
        assertThat(sender.sent).containsExactly(new AmpBox().put("_error", "1").put("_error_code", "ZERO_DIVISION")
                .put("_error_description", "division by zero"));
        assertThat(sender.closed).isFalse();
    }

    @Test
    void undeclaredExceptionIsAnsweredUnknownWithoutDetailAndCloses() {
        Calculator.serve(dispatcher);
        dispatcher.ampBoxReceived(new AmpBox().put("_command", "Boom").put("_ask", "1"));
        assertThat(sender.sent).containsExactly(new AmpBox().put("_error", "1").put("_error_code", "UNKNOWN")
                .put("_error_description", "Unknown Error"));
        assertThat(sender.last().toString()).doesNotContain("secret");
        assertThat(sender.closed).isTrue();
        assertThat(sender.unhandled).isEmpty();
    }

    @Test
    void argumentsThatDoNotParseAreAnsweredUnknown() {
        Calculator.serve(dispatcher);
        dispatcher.ampBoxReceived(new AmpBox().put("_command", "Sum").put("_ask", "1").put("a", "x").put("b", "1"));
        assertThat(sender.last().getString("_error_code")).isEqualTo("UNKNOWN");
    }

    @Test
    void fatalErrorIsAnsweredThenCloses() {
        Calculator.serve(dispatcher);
        dispatcher.ampBoxReceived(new AmpBox().put("_command", "Bye").put("_ask", "1"));
        assertThat(sender.sent).containsExactly(new AmpBox().put("_error", "1").put("_error_code", "GOODBYE")
                .put("_error_description", "bye now"));
        assertThat(sender.closed).isTrue();
    }

    @Test
    void deferredResponderAnswersWhenItFires() {
        Deferred<Total> later = new Deferred<>();
        dispatcher.respondDeferred(SUM, args -> later);
        dispatcher.ampBoxReceived(new AmpBox().put("_command", "Sum").put("_ask", "1").put("a", "1").put("b", "1"));
        assertThat(sender.sent).isEmpty();
        later.callback(new Total(5));
        assertThat(sender.sent).containsExactly(new AmpBox().put("_answer", "1").put("total", "5"));
    }

    @Test
    void commandWithoutAnswerSendsNoAskAndFiresAtOnce() {
        List<String> notes = new ArrayList<>();
        Outcome outcome = Outcome.of(dispatcher.callRemote(NOTE, new Text("hi")));
        assertThat(sender.sent).containsExactly(new AmpBox().put("_command", "Note").put("text", "hi"));
        assertThat(outcome.values).containsExactly((Object) null);
        dispatcher.respond(NOTE, args -> {
            notes.add(args.text());
            return new Nothing();
        });
        dispatcher.ampBoxReceived(new AmpBox().put("_command", "Note").put("text", "ho"));
        assertThat(notes).containsExactly("ho");
        assertThat(sender.sent).hasSize(1);
    }

    @Test
    void lossFailsOutstandingCallsAndLaterOnesWithTheReason() {
        Outcome outcome = Outcome.of(dispatcher.callRemote(SUM, new Operands(1, 2)));
        IllegalStateException reason = new IllegalStateException("connection lost");
        dispatcher.stopReceivingBoxes(new Failure(reason));
        assertThat(outcome.errors).containsExactly(reason);
        Outcome later = Outcome.of(dispatcher.callRemote(SUM, new Operands(1, 2)));
        assertThat(later.errors).containsExactly(reason);
        assertThat(sender.sent).hasSize(1);
    }

    @Test
    void everyTypeRoundTripsThroughAResponder() {
        Calculator.serve(dispatcher);
        dispatcher.ampBoxReceived(EVERYTHING.arguments().toBox(Calculator.sample(), new AmpBox())
                .put("_command", "Everything").put("_ask", "1"));
        AmpBox answer = sender.last();
        assertThat(answer.getString("_answer")).isEqualTo("1");
        assertThat(EVERYTHING.response().fromBox(answer)).usingRecursiveComparison()
                .isEqualTo(Calculator.sample());
    }

    @Test
    void unhandledFailureOfACallAndStrayAnswersGoToTheSender() {
        dispatcher.callRemote(DIVIDE, new Division(1, 0));
        dispatcher.ampBoxReceived(new AmpBox().put("_error", "1").put("_error_code", "ZERO_DIVISION")
                .put("_error_description", "division by zero"));
        assertThat(sender.unhandled).singleElement().extracting(Failure::value)
                .isInstanceOf(ZeroDivisionError.class);
        dispatcher.ampBoxReceived(new AmpBox().put("_answer", "99"));
        dispatcher.ampBoxReceived(new AmpBox().put("other", "x"));
        assertThat(sender.unhandled).hasSize(3);
        assertThat(sender.unhandled.get(1).value()).isInstanceOf(AmpError.class);
    }

    @Test
    void argumentsThatCannotBeWrittenFailTheCall() {
        Outcome outcome = Outcome.of(dispatcher.callRemote(NOTE, new Text("x".repeat(70000))));
        assertThat(outcome.errors).singleElement().isInstanceOf(TooLong.class);
    }

    @Test
    void pythonReprOfCommandNames() {
        assertThat(BoxDispatcher.pythonBytesRepr("it's".getBytes())).isEqualTo("b\"it's\"");
        assertThat(BoxDispatcher.pythonBytesRepr(new byte[] {'a', '\\', 0, (byte) 0xe9, '\n'}))
                .isEqualTo("b'a\\\\\\x00\\xe9\\n'");
    }
}
