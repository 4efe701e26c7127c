package org.twisted4j.news;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.twisted4j.news.FileNewsStorageTest.result;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.application.ParsedOptions;
import org.twisted4j.application.UsageError;
import org.twisted4j.testing.MemoryReactor;

class NewsPluginTest {

    @TempDir
    Path dir;

    private ParsedOptions parse(String... args) {
        return new NewsPlugin().options().parse(List.of(args));
    }

    @Test
    void helpNamesEveryOptionWithItsDefault() {
        assertThat(new NewsPlugin().options().help()).contains("--port", "(default 119)", "--datadir", "(default news.db)",
                "--group", "--groups", "--moderator", "--interface", "--server-name", "--read-only", "--max-article-size",
                "(default 1000000)", "--certificate", "--private-key", "--auth", "--require-auth", "--peer", "--pull", "--pull-groups", "--pull-interval");
    }

    @Test
    void makesTheNamedGroupsInTheDataDirectoryAndListens() throws Exception {
        MemoryReactor reactor = new MemoryReactor();
        Path data = dir.resolve("news");
        new NewsPlugin().makeService(reactor, parse("--port", "1119", "--datadir", data.toString(), "--group", "local.one",
                "--groups", "local.two, local.three", "--moderator", "local.announce=mod@example.com")).startService();
        assertThat(reactor.tcpServers()).hasSize(1);
        FileNewsStorage storage = FileNewsStorage.open(data, Clock.systemUTC());
        assertThat(result(storage.listGroups())).extracting(NewsGroup::name, NewsGroup::status, NewsGroup::moderator)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("local.announce", PostingStatus.MODERATED, "mod@example.com"),
                        org.assertj.core.groups.Tuple.tuple("local.one", PostingStatus.ALLOWED, null),
                        org.assertj.core.groups.Tuple.tuple("local.three", PostingStatus.ALLOWED, null),
                        org.assertj.core.groups.Tuple.tuple("local.two", PostingStatus.ALLOWED, null));
    }

    @Test
    void badOptionsAreUsageErrors() {
        MemoryReactor reactor = new MemoryReactor();
        NewsPlugin plugin = new NewsPlugin();
        String data = dir.resolve("news").toString();
        assertThatThrownBy(() -> plugin.makeService(reactor, parse("--datadir", data, "--group", "bad,name")))
                .isInstanceOf(UsageError.class).hasMessageContaining("not a valid newsgroup name");
        assertThatThrownBy(() -> plugin.makeService(reactor, parse("--datadir", data, "--moderator", "local.x")))
                .isInstanceOf(UsageError.class).hasMessageContaining("GROUP=ADDRESS");
        assertThatThrownBy(() -> plugin.makeService(reactor, parse("--datadir", data, "--server-name", "a b")))
                .isInstanceOf(UsageError.class).hasMessageContaining("not a server name");
        assertThatThrownBy(() -> plugin.makeService(reactor, parse("--datadir", data, "--require-auth")))
                .isInstanceOf(UsageError.class).hasMessageContaining("--auth");
        assertThatThrownBy(() -> plugin.makeService(reactor, parse("--datadir", data, "--certificate", "c.pem")))
                .isInstanceOf(UsageError.class).hasMessageContaining("go together");
        assertThat(plugin.makeService(reactor, parse("--datadir", data, "--auth", "memory:alice:secret", "--require-auth")))
                .isNotNull();
        assertThatThrownBy(() -> plugin.makeService(reactor, parse("--datadir", data, "--peer", "b.example")))
                .isInstanceOf(UsageError.class).hasMessageContaining("NAME=ENDPOINT");
        assertThatThrownBy(() -> plugin.makeService(reactor, parse("--datadir", data, "--peer", "b=nonsense:1")))
                .isInstanceOf(UsageError.class).hasMessageContaining("--peer");
        assertThat(plugin.makeService(reactor, parse("--datadir", data, "--peer", "b.example=tcp:host=127.0.0.1:port=1119")))
                .isInstanceOf(org.twisted4j.application.MultiService.class);
        assertThatThrownBy(() -> plugin.makeService(reactor, parse("--datadir", data, "--pull-groups", "[x")))
                .isInstanceOf(UsageError.class).hasMessageContaining("not a wildmat");
        assertThat(plugin.makeService(reactor, parse("--datadir", data, "--pull", "tcp:host=127.0.0.1:port=1119")))
                .isInstanceOf(org.twisted4j.application.MultiService.class);
        assertThatThrownBy(() -> plugin.makeService(reactor, parse("--datadir", data, "--port", "nonsense:1")))
                .isInstanceOf(UsageError.class).hasMessageContaining("--port");
    }
}
