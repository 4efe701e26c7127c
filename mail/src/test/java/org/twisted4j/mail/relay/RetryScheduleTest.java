package org.twisted4j.mail.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    @Test
    void defaultBacksOffThenRepeatsEveryFourHoursForFiveDays() {
        RetrySchedule schedule = RetrySchedule.DEFAULT;
        assertThat(List.of(1, 2, 3, 4, 5, 6, 7, 30).stream().map(schedule::delayAfter))
                .containsExactly(300L, 900L, 1800L, 3600L, 7200L, 14400L, 14400L, 14400L);
        assertThat(schedule.expired(0, 5 * 86400 - 1)).isFalse();
        assertThat(schedule.expired(0, 5 * 86400)).isTrue();
    }

    @Test
    void parsesTheCommandLineForm() {
        assertThat(RetrySchedule.parse("30s,5m,1h/2d")).isEqualTo(new RetrySchedule(List.of(30L, 300L, 3600L), 172800));
        assertThat(RetrySchedule.parse("60/0")).isEqualTo(new RetrySchedule(List.of(60L), 0));
        for (String bad : List.of("", "5m", "/1d", "5x/1d", "0s/1d", "-1/1d", "5m,,1h/1d", "99999999999999d/1d")) {
            assertThatThrownBy(() -> RetrySchedule.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
