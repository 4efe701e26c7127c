package org.twisted4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LoadOptionsTest {

    @Test
    void defaultsRunAllScenariosWithAHundredConnections() {
        LoadOptions o = LoadOptions.parse(new String[] {"--port", "9000"});
        assertThat(o.scenarios()).containsExactly("small", "pipelined", "bulk");
        assertThat(o.connections()).isEqualTo(100);
        assertThat(o.messageSize()).isEqualTo(64);
        assertThat(o.window()).isEqualTo(16);
    }

    @Test
    void optionsOverrideDefaults() {
        LoadOptions o = LoadOptions.parse(new String[] {
            "--port", "9000", "--scenarios", "bulk", "--duration", "2.5", "--server-pid", "42"});
        assertThat(o.scenarios()).isEqualTo(List.of("bulk"));
        assertThat(o.durationSeconds()).isEqualTo(2.5);
        assertThat(o.serverPid()).isEqualTo(42);
    }

    @Test
    void missingPortIsAnError() {
        assertThatThrownBy(() -> LoadOptions.parse(new String[0])).hasMessageContaining("--port");
    }

    @Test
    void unknownScenarioIsNamed() {
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--port", "1", "--scenarios", "small,huge"}))
                .hasMessageContaining("huge");
    }

    @Test
    void durationBeyondTheBoundIsRefused() {
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--port", "1", "--duration", "601"}))
                .hasMessageContaining("--duration");
    }

    @Test
    void tlsOffersAes128GcmUnlessToldOtherwise() {
        assertThat(LoadOptions.parse(new String[] {"--port", "1", "--tls", "c.pem"}).tlsCipher())
                .isEqualTo("TLS_AES_128_GCM_SHA256");
        assertThat(LoadOptions.parse(new String[] {"--port", "1", "--tls", "c.pem", "--tls-cipher",
            "TLS_AES_256_GCM_SHA384"}).tlsCipher()).isEqualTo("TLS_AES_256_GCM_SHA384");
    }
}
