package org.twisted4j.logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LogLevelTest {

    @Test
    void levelsAreOrderedByImportance() {
        assertThat(LogLevel.values())
                .containsExactly(LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR, LogLevel.CRITICAL);
        assertThat(LogLevel.WARN).isGreaterThan(LogLevel.INFO).isLessThan(LogLevel.ERROR);
    }

    @Test
    void logNameIsLowerCase() {
        assertThat(LogLevel.CRITICAL.logName()).isEqualTo("critical");
        assertThat(LogLevel.DEBUG.logName()).isEqualTo("debug");
    }

    @Test
    void levelWithNameIgnoresCase() {
        assertThat(LogLevel.levelWithName("warn")).isEqualTo(LogLevel.WARN);
        assertThat(LogLevel.levelWithName("WARN")).isEqualTo(LogLevel.WARN);
        assertThat(LogLevel.levelWithName("Critical")).isEqualTo(LogLevel.CRITICAL);
    }

    @Test
    void unknownLevelNameIsAClearError() {
        assertThatThrownBy(() -> LogLevel.levelWithName("warning"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'warning'")
                .hasMessageContaining("debug, info, warn, error, critical");
        assertThatThrownBy(() -> LogLevel.levelWithName(""))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
