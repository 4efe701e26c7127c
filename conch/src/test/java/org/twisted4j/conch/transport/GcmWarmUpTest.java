package org.twisted4j.conch.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GcmWarmUpTest {

    @Test
    void everyPacketSealedOpensAgain() {
        assertThat(GcmWarmUp.run()).isTrue();
    }
}
