package org.twisted4j.names;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the resolv.conf reader with files read as {@link ResolvConf#read} reads them (ISO-8859-1). Invariants: it never throws; what it gives is within the limits (at most three
 * servers, each an IP literal; at most six search domains; ndots, timeout and attempts in range); written back
 * with {@link ResolvConf#toText()} it reads as the same.
 */
class ResolvConfFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void resolvConfReadsWithinLimitsAndWritesBack(byte[] file) {
        ResolvConf conf = ResolvConf.parse(new String(file, StandardCharsets.ISO_8859_1));
        assertThat(conf.nameservers()).hasSizeBetween(1, ResolvConf.MAX_NAMESERVERS);
        assertThat(conf.search()).hasSizeLessThanOrEqualTo(ResolvConf.MAX_SEARCH).doesNotHaveDuplicates();
        assertThat(conf.ndots()).isBetween(0, ResolvConf.MAX_NDOTS);
        assertThat(conf.timeout()).isBetween(1, ResolvConf.MAX_TIMEOUT);
        assertThat(conf.attempts()).isBetween(1, ResolvConf.MAX_ATTEMPTS);
        assertThat(ResolvConf.parse(conf.toText())).isEqualTo(conf);
    }
}
