package org.twisted4j.spread.pb;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.spread.jelly.Tuple;
import org.twisted4j.spread.pb.PbFixtures.Counter;
import org.twisted4j.spread.pb.PbFixtures.Everything;
import org.twisted4j.spread.pb.PbFixtures.Pair;
import org.twisted4j.spread.pb.PbFixtures.PondCopy;
import org.twisted4j.spread.pb.PbFixtures.ScoreView;
import org.twisted4j.trial.Trial;
import org.twisted4j.trial.TrialExtension;

/** Two brokers over a loopback pump: calls, answers, errors, references, copies, caches and disconnects. */
@ExtendWith(TrialExtension.class)
class BrokerTest {

    @Test
    void rootObjectAnswersCallsWithJellyTypes(Trial trial) {
        Everything root = new Everything();
        Pair pair = Pair.connect(root);
        assertThat(trial.successResultOf(pair.call(pair.root(), "add", 40, 2))).isEqualTo(42L);
        Object value = List.of("text", new byte[] {1, 2}, 1.5, true, Map.of("k", 7L), Tuple.of(1L, 2L),
                BigInteger.ONE.shiftLeft(70));
        Object echoed = trial.successResultOf(pair.call(pair.root(), "echo", value));
        assertThat(echoed).usingRecursiveComparison().isEqualTo(value);
        assertThat(trial.successResultOf(pair.call(pair.root(), "echo", (Object) null))).isNull();
    }

    @Test
    void keywordArgumentsReachTheParametersOfThoseNames(Trial trial) {
        Pair pair = Pair.connect(new Everything());
        Deferred<Object> sum = pair.root().callRemote("add", List.of(40L), Map.of("b", 2L));
        pair.pump().flush();
        assertThat(trial.successResultOf(sum)).isEqualTo(42L);
        Deferred<Object> wrong = pair.root().callRemote("add", List.of(40L), Map.of("c", 2L));
        pair.pump().flush();
        RemoteError error = (RemoteError) trial.failureResultOf(wrong, RemoteError.class).value();
        assertThat(error.remoteType()).isEqualTo("builtins.TypeError");
        assertThat(error.getMessage()).contains("unexpected keyword argument 'c'");
        trial.flushLoggedErrors(IllegalArgumentException.class);
    }

    @Test
    void failureOfACallWithoutAnswerIsLoggedHere(Trial trial) {
        Everything root = new Everything();
        Pair pair = Pair.connect(root);
        pair.root().callRemoteNoAnswer("waitForIt");
        pair.pump().flush();
        root.later.errback(new IllegalStateException("nobody asked"));
        pair.pump().flush();
        assertThat(trial.flushLoggedErrors(IllegalStateException.class)).hasSize(1);
    }

    @Test
    void exceptionInRemoteMethodArrivesAsRemoteErrorWithoutTraceback(Trial trial) {
        Pair pair = Pair.connect(new Everything());
        Failure failure = trial.failureResultOf(pair.call(pair.root(), "boom"), RemoteError.class);
        RemoteError error = (RemoteError) failure.value();
        assertThat(error.remoteType()).isEqualTo("java.lang.IllegalStateException");
        assertThat(error.getMessage()).isEqualTo("boom inside");
        assertThat(error.remoteTraceback()).isEqualTo(CopyableFailure.TRACEBACK_UNAVAILABLE);
        assertThat(trial.flushLoggedErrors(IllegalStateException.class)).hasSize(1);
        assertThat(pair.server().isDisconnected()).isFalse();
    }

    @Test
    void assertionErrorInRemoteMethodGoesToTheCallerNotTheReactor(Trial trial) {
        Pair pair = Pair.connect(new Everything());
        RemoteError error = (RemoteError) trial.failureResultOf(pair.call(pair.root(), "assertion")).value();
        assertThat(error.remoteType()).isEqualTo("java.lang.AssertionError");
        assertThat(trial.flushLoggedErrors(AssertionError.class)).hasSize(1);
        assertThat(trial.successResultOf(pair.call(pair.root(), "add", 1, 1))).isEqualTo(2L);
    }

    @Test
    void argumentsTooLargeForBananaFailTheCallAndSendNothing(Trial trial) {
        Pair pair = Pair.connect(new Everything());
        pair.client().setSizeLimit(16);
        Deferred<Object> call = pair.root().callRemote("echo", "x".repeat(100));
        trial.failureResultOf(call, org.twisted4j.spread.banana.BananaError.class);
        assertThat(pair.clientTransportIsIdle()).isTrue();
        assertThat(trial.successResultOf(pair.call(pair.root(), "add", 1, 2))).isEqualTo(3L);
    }

    @Test
    void answerTooLargeForBananaIsSentAsAnError(Trial trial) {
        Pair pair = Pair.connect(new Everything());
        pair.server().setSizeLimit(64);
        RemoteError error = (RemoteError) trial.failureResultOf(pair.call(pair.root(), "big", 100)).value();
        assertThat(error.remoteType()).isEqualTo("org.twisted4j.spread.banana.BananaError");
        trial.flushLoggedErrors(org.twisted4j.spread.banana.BananaError.class);
        assertThat(trial.successResultOf(pair.call(pair.root(), "big", 10))).isEqualTo("x".repeat(10));
    }

    @Test
    void unsafeTracebacksSendTheStackTrace(Trial trial) {
        Pair pair = Pair.connect(new PBServerFactory(new Everything()).setUnsafeTracebacks(true),
                new PBClientFactory());
        RemoteError error = (RemoteError) trial.failureResultOf(pair.call(pair.root(), "boom")).value();
        assertThat(error.remoteTraceback()).contains("IllegalStateException: boom inside").contains("at ");
        trial.flushLoggedErrors(IllegalStateException.class);
    }

    @Test
    void pbErrorGoesToTheCallerUnlogged(Trial trial) {
        Pair pair = Pair.connect(new Everything());
        RemoteError error = (RemoteError) trial.failureResultOf(pair.call(pair.root(), "refuse")).value();
        assertThat(error.remoteType()).isEqualTo("twisted.spread.pb.Error");
        assertThat(error.getMessage()).isEqualTo("not for you");
        assertThat(trial.flushLoggedErrors()).isEmpty();
    }

    @Test
    void unknownMethodIsNoSuchMethod(Trial trial) {
        Pair pair = Pair.connect(new Everything());
        RemoteError error = (RemoteError) trial.failureResultOf(pair.call(pair.root(), "nope")).value();
        assertThat(error.remoteType()).isEqualTo("twisted.spread.flavors.NoSuchMethod");
        assertThat(error.getMessage()).isEqualTo("No such method: remote_nope");
        trial.flushLoggedErrors(NoSuchMethod.class);
    }

    @Test
    void wrongArgumentsAreATypeError(Trial trial) {
        Pair pair = Pair.connect(new Everything());
        RemoteError error = (RemoteError) trial.failureResultOf(pair.call(pair.root(), "add", "one", 2)).value();
        assertThat(error.remoteType()).isEqualTo("builtins.TypeError");
        trial.flushLoggedErrors(IllegalArgumentException.class);
    }

    @Test
    void deferredResultIsAnsweredWhenItFires(Trial trial) {
        Everything root = new Everything();
        Pair pair = Pair.connect(root);
        Deferred<Object> answer = pair.call(pair.root(), "waitForIt");
        trial.assertNoResult(answer);
        root.later.callback("done");
        pair.pump().flush();
        assertThat(trial.successResultOf(answer)).isEqualTo("done");
    }

    @Test
    void referenceableComesBackAsTheSameObjectAndCountsReferences(Trial trial) {
        Everything root = new Everything();
        Pair pair = Pair.connect(root);
        RemoteReference first = (RemoteReference) trial.successResultOf(pair.call(pair.root(), "shared"));
        RemoteReference second = (RemoteReference) trial.successResultOf(pair.call(pair.root(), "shared"));
        assertThat(first).isEqualTo(second);
        assertThat(pair.server().localObjectCount()).isEqualTo(2);
        assertThat(trial.successResultOf(pair.call(first, "increment", 5))).isEqualTo(5L);
        assertThat(trial.successResultOf(pair.call(pair.root(), "same", first))).isEqualTo(true);
        first.release();
        pair.pump().flush();
        assertThat(pair.server().localObjectCount()).isEqualTo(2);
        second.release();
        second.release();
        pair.pump().flush();
        assertThat(pair.server().localObjectCount()).isEqualTo(1);
        trial.failureResultOf(pair.call(first, "increment", 1), RemoteError.class);
    }

    @Test
    void callOnAReleasedObjectIsAnInvalidObjectId(Trial trial) {
        Pair pair = Pair.connect(new Everything());
        RemoteReference counter = (RemoteReference) trial.successResultOf(pair.call(pair.root(), "fresh"));
        counter.release();
        pair.pump().flush();
        RemoteError error = (RemoteError) trial.failureResultOf(pair.call(counter, "increment", 1)).value();
        assertThat(error.getMessage()).isEqualTo("Invalid Object ID");
    }

    @Test
    void referenceablePassedAsArgumentIsCalledBack(Trial trial) {
        Pair pair = Pair.connect(new Everything());
        Counter mine = new Counter();
        Object answer = trial.successResultOf(pair.call(pair.root(), "callBack", mine, "x"));
        assertThat(answer).isEqualTo(List.of("took", "x"));
    }

    @Test
    void maxBrokerRefsFailsTheSendThenDropsTheConnection(Trial trial) {
        Pair pair = Pair.connect(new Everything());
        List<Deferred<Object>> calls = new ArrayList<>();
        for (int i = 0; i < Broker.MAX_BROKER_REFS; i++) {
            calls.add(pair.call(pair.root(), "fresh"));
        }
        assertThat(calls).allSatisfy(call -> assertThat(trial.successResultOf(call)).isInstanceOf(RemoteReference.class));
        for (int i = 0; i < 3; i++) {
            RemoteError error = (RemoteError) trial.failureResultOf(pair.call(pair.root(), "fresh")).value();
            assertThat(error.getMessage()).isEqualTo("Maximum PB reference count exceeded.");
        }
        assertThat(pair.server().isDisconnected()).isFalse();
        Deferred<Object> last = pair.call(pair.root(), "fresh");
        trial.failureResultOf(last, PBConnectionLost.class, RemoteError.class);
        assertThat(pair.server().isDisconnected()).isTrue();
        trial.flushLoggedErrors(PBError.class);
    }

    @Test
    void disconnectNotifiesReferencesAndFailsWaitingCalls(Trial trial) {
        Pair pair = Pair.connect(new Everything());
        List<RemoteReference> notified = new ArrayList<>();
        pair.root().notifyOnDisconnect(notified::add);
        Deferred<Object> waiting = pair.call(pair.root(), "waitForIt");
        pair.server().transport().loseConnection();
        pair.pump().flush();
        assertThat(notified).containsExactly(pair.root());
        trial.failureResultOf(waiting, PBConnectionLost.class);
        trial.failureResultOf(pair.root().callRemote("add", 1, 2), DeadReferenceError.class);
    }

    @Test
    void dontNotifyOnDisconnectWithdrawsTheCallback(Trial trial) {
        Pair pair = Pair.connect(new Everything());
        List<RemoteReference> notified = new ArrayList<>();
        java.util.function.Consumer<RemoteReference> callback = notified::add;
        pair.root().notifyOnDisconnect(callback);
        pair.root().dontNotifyOnDisconnect(callback);
        pair.client().transport().loseConnection();
        pair.pump().flush();
        assertThat(notified).isEmpty();
        assertThat(pair.client().isDisconnected()).isTrue();
    }

    @Test
    void copyableArrivesAsTheRegisteredCopy(Trial trial) {
        Pair pair = Pair.connect(new PBServerFactory(new Everything()),
                new PBClientFactory().setUnjellyableForClass("__main__.Pond", PondCopy::new));
        PondCopy pond = (PondCopy) trial.successResultOf(pair.call(pair.root(), "pond"));
        assertThat(pond.state).containsExactly(Map.entry("frogs", 3L), Map.entry("toads", 4L));
    }

    @Test
    void unregisteredCopyableIsRefused(Trial trial) {
        Pair pair = Pair.connect(new Everything());
        trial.failureResultOf(pair.call(pair.root(), "pond"));
        assertThat(pair.client().isDisconnected()).isFalse();
    }

    @Test
    void cacheableIsCachedOnceUpdatedAndUncachedOnRelease(Trial trial) {
        Everything root = new Everything();
        Pair pair = Pair.connect(new PBServerFactory(root),
                new PBClientFactory().setUnjellyableForClass("__main__.Scoreboard", ScoreView::new));
        ScoreView view = (ScoreView) trial.successResultOf(pair.call(pair.root(), "scoreboard"));
        assertThat(view.score).isEqualTo(10L);
        ScoreView again = (ScoreView) trial.successResultOf(pair.call(pair.root(), "scoreboard"));
        assertThat(again).isSameAs(view);
        assertThat(root.scoreboard.observers).hasSize(1);
        root.scoreboard.add(5);
        pair.pump().flush();
        assertThat(view.score).isEqualTo(15L);
        assertThat(view.updates).isEqualTo(1);
        assertThat(trial.successResultOf(pair.call(pair.root(), "same", view))).isEqualTo(true);
        view.release();
        pair.pump().flush();
        assertThat(root.scoreboard.observers).isEmpty();
        assertThat(root.scoreboard.stopped).hasSize(1);
        assertThat(view.broker()).isNull();
    }

    @Test
    void connectionLossStopsObservingCaches(Trial trial) {
        Everything root = new Everything();
        Pair pair = Pair.connect(new PBServerFactory(root),
                new PBClientFactory().setUnjellyableForClass("__main__.Scoreboard", ScoreView::new));
        trial.successResultOf(pair.call(pair.root(), "scoreboard"));
        pair.client().transport().loseConnection();
        pair.pump().flush();
        assertThat(root.scoreboard.stopped).hasSize(1);
    }

    @Test
    void callWithoutAnswerGetsNone(Trial trial) {
        Everything root = new Everything();
        Pair pair = Pair.connect(root);
        pair.root().callRemoteNoAnswer("echo", "quiet");
        pair.pump().flush();
        assertThat(root.received).containsExactly("quiet");
    }
}
