package org.twisted4j.internet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.BindException;
import org.junit.jupiter.api.Test;
import org.twisted4j.defer.Failure;

class ConnectionErrorsTest {

    @Test
    void cleanAndUncleanClosesShareConnectionClosed() {
        Failure done = new Failure(new ConnectionDone());
        Failure aborted = new Failure(new ConnectionAborted());

        assertThat(done.check(ConnectionClosed.class)).isEqualTo(ConnectionClosed.class);
        assertThat(done.check(ConnectionLost.class)).isNull();
        assertThat(aborted.check(ConnectionLost.class)).isEqualTo(ConnectionLost.class);
        assertThat(aborted.check(ConnectionDone.class)).isNull();
    }

    @Test
    void aCleanCloseHasNoStackTraceAndALostConnectionHasOne() {
        assertThat(new ConnectionDone().getStackTrace()).isEmpty();
        assertThat(new ConnectionDone("closed by the peer").getStackTrace()).isEmpty();
        assertThat(new ConnectionDone()).hasMessage("the connection was closed cleanly");
        assertThat(new ConnectionAborted().getStackTrace()).isNotEmpty();
    }

    @Test
    void refusedAndUserErrorAreConnectErrors() {
        Address to = new IPv4Address(AddressType.TCP, "192.0.2.1", 25);
        assertThat(new ConnectionRefusedError(to)).isInstanceOf(ConnectError.class).hasMessageContaining("192.0.2.1");
        assertThat(new UserError()).isInstanceOf(ConnectError.class);
    }

    @Test
    void cannotListenErrorKeepsWhereAndWhy() {
        BindException cause = new BindException("Address already in use");
        CannotListenError error = new CannotListenError("", 8080, cause);

        assertThat(error.port()).isEqualTo(8080);
        assertThat(error.bindInterface()).isEmpty();
        assertThat(error).hasCause(cause).hasMessageContaining("8080").hasMessageContaining("already in use");
    }
}
