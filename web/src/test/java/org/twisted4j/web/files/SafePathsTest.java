package org.twisted4j.web.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twisted4j.web.files.SafePaths.Reason;
import org.twisted4j.web.files.SafePaths.Refused;
import org.twisted4j.web.files.SafePaths.Resolved;

class SafePathsTest {

    @TempDir
    Path tmp;

    private Path root;
    private Path outside;
    private SafePaths safe;

    @BeforeEach
    void layout() throws IOException {
        root = Files.createDirectory(tmp.resolve("root"));
        outside = Files.createDirectory(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.createDirectories(root.resolve("docs/inner"));
        Files.writeString(root.resolve("docs/a b.txt"), "a");
        safe = SafePaths.under(root);
    }

    private SafePaths.Resolution resolve(String rawPath) throws SafePaths.MalformedPathException {
        return safe.resolve(SafePaths.decodeSegments(rawPath));
    }

    private static Reason reason(SafePaths.Resolution r) {
        assertThat(r).isInstanceOf(Refused.class);
        return ((Refused) r).reason();
    }

    @Test
    void plainPathsResolveUnderTheRoot() throws Exception {
        assertThat(resolve("/docs/a%20b.txt")).isEqualTo(new Resolved(root.resolve("docs").resolve("a b.txt")));
        assertThat(resolve("/")).isEqualTo(new Resolved(root));
        assertThat(resolve("")).isEqualTo(new Resolved(root));
    }

    @Test
    void missingFilesStillResolve() throws Exception {
        assertThat(resolve("/docs/nope/deeper")).isEqualTo(new Resolved(root.resolve("docs/nope/deeper")));
    }

    @Test
    void emptySegmentsAreSkipped() throws Exception {
        assertThat(resolve("//docs///inner/")).isEqualTo(new Resolved(root.resolve("docs/inner")));
    }

    @Test
    void dotSegmentsAreRefused() throws Exception {
        assertThat(reason(resolve("/docs/../../outside/secret.txt"))).isEqualTo(Reason.DOT_SEGMENT);
        assertThat(reason(resolve("/docs/%2e%2e/x"))).isEqualTo(Reason.DOT_SEGMENT);
        assertThat(reason(resolve("/./docs"))).isEqualTo(Reason.DOT_SEGMENT);
        assertThat(reason(resolve("/docs/.."))).isEqualTo(Reason.DOT_SEGMENT);
    }

    @Test
    void dotsInsideNamesAreFine() throws Exception {
        assertThat(resolve("/...")).isInstanceOf(Resolved.class);
        assertThat(resolve("/..foo")).isInstanceOf(Resolved.class);
        assertThat(resolve("/.hidden")).isInstanceOf(Resolved.class);
    }

    @Test
    void encodedSlashesAreRefused() throws Exception {
        assertThat(reason(resolve("/docs%2F..%2F..%2Foutside"))).isEqualTo(Reason.ENCODED_SLASH);
        assertThat(reason(resolve("/%2fetc%2fpasswd"))).isEqualTo(Reason.ENCODED_SLASH);
    }

    @Test
    void backslashesAreRefused() throws Exception {
        assertThat(reason(resolve("/docs/..\\..\\outside"))).isEqualTo(Reason.BACKSLASH);
        assertThat(reason(resolve("/docs/%5Cx"))).isEqualTo(Reason.BACKSLASH);
    }

    @Test
    void nulAndControlCharactersAreRefused() throws Exception {
        assertThat(reason(resolve("/docs/a.txt%00.html"))).isEqualTo(Reason.CONTROL_CHARACTER);
        assertThat(reason(resolve("/docs/a%0Ab"))).isEqualTo(Reason.CONTROL_CHARACTER);
        assertThat(reason(safe.resolve(List.of("a\u0000b")))).isEqualTo(Reason.CONTROL_CHARACTER);
    }

    @Test
    void absoluteAndDriveSegmentsAreRefused() {
        assertThat(reason(safe.resolve(List.of("/etc/passwd")))).isEqualTo(Reason.ENCODED_SLASH);
        assertThat(reason(safe.resolve(List.of("C:")))).isEqualTo(Reason.ABSOLUTE);
        assertThat(reason(safe.resolve(List.of("c:windows")))).isEqualTo(Reason.ABSOLUTE);
    }

    @Test
    void refusalNamesTheSegment() throws Exception {
        assertThat(resolve("/docs/%2e%2e")).isEqualTo(new Refused(Reason.DOT_SEGMENT, ".."));
    }

    @Test
    void checkAcceptsOrdinaryNames() {
        assertThat(safe.check("index.html")).isNull();
        assertThat(safe.check("ünïcödé ✓")).isNull();
    }

    @Test
    void malformedEscapesAreErrors() {
        assertThatThrownBy(() -> SafePaths.decodeSegments("/a%2")).isInstanceOf(SafePaths.MalformedPathException.class);
        assertThatThrownBy(() -> SafePaths.decodeSegments("/a%zz")).isInstanceOf(SafePaths.MalformedPathException.class);
        assertThatThrownBy(() -> SafePaths.decodeSegments("/a%FF")).isInstanceOf(SafePaths.MalformedPathException.class);
    }

    @Test
    void decodesUtf8Segments() throws Exception {
        assertThat(SafePaths.decodeSegments("/caf%C3%A9/x%2Fy/")).containsExactly("café", "x/y", "");
    }

    @Test
    void symlinkLeavingTheRootIsRefused() throws Exception {
        Files.createSymbolicLink(root.resolve("escape"), outside);
        Files.createSymbolicLink(root.resolve("secret.txt"), outside.resolve("secret.txt"));
        assertThat(reason(resolve("/escape/secret.txt"))).isEqualTo(Reason.OUTSIDE_ROOT);
        assertThat(reason(resolve("/escape"))).isEqualTo(Reason.OUTSIDE_ROOT);
        assertThat(reason(resolve("/escape/missing"))).isEqualTo(Reason.OUTSIDE_ROOT);
        assertThat(reason(resolve("/secret.txt"))).isEqualTo(Reason.OUTSIDE_ROOT);
    }

    @Test
    void symlinkLeavingTheRootIsFollowedWhenAllowed() throws Exception {
        Files.createSymbolicLink(root.resolve("escape"), outside);
        assertThat(safe.allowingSymlinksOutside().resolve(List.of("escape", "secret.txt")))
                .isEqualTo(new Resolved(root.resolve("escape/secret.txt")));
    }

    @Test
    void symlinkStayingInsideTheRootIsFine() throws Exception {
        Files.createSymbolicLink(root.resolve("alias"), root.resolve("docs"));
        assertThat(resolve("/alias/a%20b.txt")).isEqualTo(new Resolved(root.resolve("alias/a b.txt")));
    }

    @Test
    void danglingSymlinkIsRefused() throws Exception {
        Files.createSymbolicLink(root.resolve("dangling"), tmp.resolve("nowhere"));
        assertThat(reason(resolve("/dangling"))).isEqualTo(Reason.OUTSIDE_ROOT);
    }

    @Test
    void rootReachedThroughASymlinkStillServesItsFiles() throws Exception {
        Path linkToRoot = Files.createSymbolicLink(tmp.resolve("rootlink"), root);
        assertThat(SafePaths.under(linkToRoot).resolve(List.of("docs", "a b.txt")))
                .isEqualTo(new Resolved(linkToRoot.resolve("docs/a b.txt")));
    }

    @Test
    void rootIsNormalizedAndAbsolute() {
        assertThat(SafePaths.under(root.resolve("docs/..")).root()).isEqualTo(root.toAbsolutePath().normalize());
    }
}
