package org.twisted4j.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RequestTargetsTest {

    @Test
    void setCookieTakesAnExpiresDateWithItsComma() {
        assertThat(RequestTargets.setCookie("id", "a3fWa", "Expires=Thu, 31 Oct 2021 07:28:00 GMT", "Secure"))
                .isEqualTo("id=a3fWa; Expires=Thu, 31 Oct 2021 07:28:00 GMT; Secure");
    }

    @Test
    void setCookieRefusesWhatWouldBreakTheField() {
        assertThatThrownBy(() -> RequestTargets.setCookie("", "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RequestTargets.setCookie("a b", "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RequestTargets.setCookie("a", "x,y")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RequestTargets.setCookie("a", "x;y")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RequestTargets.setCookie("a", "v", "Path=/; Secure"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RequestTargets.setCookie("a", "v", "Path=/\r\nX: 1"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
