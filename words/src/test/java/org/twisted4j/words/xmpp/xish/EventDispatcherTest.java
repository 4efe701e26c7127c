package org.twisted4j.words.xmpp.xish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class EventDispatcherTest {

    private final EventDispatcher dispatcher = new EventDispatcher();
    private final List<String> calls = new ArrayList<>();

    @Test
    void elementsGoToMatchingQueriesByPriorityThenOrder() {
        dispatcher.addObserver("/message", o -> calls.add("low"));
        dispatcher.addObserver("/message[@type='chat']", 10, o -> calls.add("high"));
        dispatcher.addObserver("/message", o -> calls.add("low2"));
        dispatcher.addObserver("/iq", o -> calls.add("iq"));
        assertThat(dispatcher.dispatch(new Element("jabber:client", "message").attribute("type", "chat"))).isTrue();
        assertThat(calls).containsExactly("high", "low", "low2");
        assertThat(dispatcher.dispatch(new Element("jabber:client", "presence"))).isFalse();
    }

    @Test
    void namedEventsAndOnetimeObservers() {
        dispatcher.addOnetimeObserver("//event/stream/authd", o -> calls.add("once " + o));
        dispatcher.addObserver("//event/stream/authd", o -> calls.add("always " + o));
        dispatcher.dispatch("x", "//event/stream/authd");
        dispatcher.dispatch("y", "//event/stream/authd");
        assertThat(calls).containsExactly("once x", "always x", "always y");
    }

    @Test
    void observersChangedDuringDispatchCountFromTheNextOne() {
        Consumer<Object> second = o -> calls.add("second");
        dispatcher.addObserver("//event/e", o -> {
            calls.add("first");
            dispatcher.addObserver("//event/e", second);
        });
        dispatcher.dispatch("", "//event/e");
        assertThat(calls).containsExactly("first");
        dispatcher.dispatch("", "//event/e");
        assertThat(calls).containsExactly("first", "first", "second");
        calls.clear();
        dispatcher.removeObserver("//event/e", second);
        dispatcher.dispatch("", "//event/e");
        assertThat(calls).containsExactly("first");
    }

    @Test
    void aThrowingObserverDoesNotStopTheOthers() {
        dispatcher.addObserver("//event/e", o -> {
            throw new IllegalStateException("boom");
        });
        dispatcher.addObserver("//event/e", o -> calls.add("ran"));
        assertThatThrownBy(() -> dispatcher.dispatch("", "//event/e")).hasMessage("boom");
        assertThat(calls).containsExactly("ran");
    }
}
