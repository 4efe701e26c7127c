package org.twisted4j.web.template;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.twisted4j.web.template.Tags.a;
import static org.twisted4j.web.template.Tags.b;
import static org.twisted4j.web.template.Tags.br;
import static org.twisted4j.web.template.Tags.div;
import static org.twisted4j.web.template.Tags.p;
import static org.twisted4j.web.template.Tags.slot;
import static org.twisted4j.web.template.Tags.span;
import static org.twisted4j.web.template.Tags.transparent;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twisted4j.defer.CancelledError;
import org.twisted4j.defer.Deferred;
import org.twisted4j.defer.Failure;
import org.twisted4j.trial.Trial;
import org.twisted4j.trial.TrialExtension;
import org.twisted4j.web.Request;

@ExtendWith(TrialExtension.class)
class TemplateTest {

    private static final String T = "xmlns:t='" + Template.NAMESPACE + "'";

    private static String flat(Trial trial, Object root) {
        return new String(trial.successResultOf(Template.flattenString(null, root)), UTF_8);
    }

    private static Failure failure(Trial trial, Object root) {
        return trial.failureResultOf(Template.flattenString(null, root), FlattenerError.class);
    }

    @Test
    void textIsEscapedInContentAndAttributes(Trial trial) {
        String hostile = "<script>alert(\"x\") & 'y'</script>";
        assertThat(flat(trial, div(hostile).attr("title", hostile))).isEqualTo(
                "<div title=\"&lt;script&gt;alert(&quot;x&quot;) &amp; 'y'&lt;/script&gt;\">"
                        + "&lt;script&gt;alert(\"x\") &amp; 'y'&lt;/script&gt;</div>");
    }

    @Test
    void markupInsideAnAttributeIsEscapedAsAWhole(Trial trial) {
        Tag tag = div().attr("title", b("x&\"y", Tags.i().attr("title", "q\""))).attr("class", "a<\"b");
        assertThat(flat(trial, div(tag, "\"&", new Comment("a--b->"), new CDATA("x]]>y"), new CharRef(9731))))
                .isEqualTo("<div><div title=\"&lt;b&gt;x&amp;amp;&quot;y&lt;i title=&quot;q&amp;quot;&quot;&gt;"
                        + "&lt;/i&gt;&lt;/b&gt;\" class=\"a&lt;&quot;b\"></div>\"&amp;<!--a- - b-&gt;-->"
                        + "<![CDATA[x]]]]><![CDATA[>y]]>&#9731;</div>");
    }

    @Test
    void rawMarkupIsWrittenAsItIsOnlyInContent(Trial trial) {
        assertThat(flat(trial, div(Raw.markup("<b>ok</b>")).attr("title", Raw.markup("<b>\"</b>"))))
                .isEqualTo("<div title=\"&lt;b&gt;&quot;&lt;/b&gt;\"><b>ok</b></div>");
    }

    @Test
    void voidElementsCloseThemselvesOnlyWhenEmpty(Trial trial) {
        assertThat(flat(trial, List.of(br(), Tags.hr("x"), div(), new Tag("custom"))))
                .isEqualTo("<br /><hr>x</hr><div></div><custom></custom>");
    }

    @Test
    void slotsSeeTheNearestEnclosingValueOrTheirDefault(Trial trial) {
        Tag tree = div(span(slot("s")), span(slot("s")).fillSlots("s", "inner"), slot("d", "dflt"))
                .fillSlots("s", "outer");
        assertThat(flat(trial, tree)).isEqualTo("<div><span>outer</span><span>inner</span>dflt</div>");
    }

    @Test
    void slotsFilledOnAnEarlierSiblingAreNotVisible(Trial trial) {
        Failure failure = failure(trial, div(p(slot("a")).fillSlots("a", "1"), span(slot("a"))));
        assertThat(failure.value().getCause()).isInstanceOf(UnfilledSlot.class);
    }

    @Test
    void nonTextValuesAreRefused(Trial trial) {
        assertThat(failure(trial, div(42)).value()).hasMessageContaining("cannot flatten a java.lang.Integer")
                .hasCauseInstanceOf(UnsupportedType.class);
    }

    /** A page with renderers, for the template tests. */
    static final class Greeting extends Element {
        Greeting(String template) {
            super(new XMLString(template));
        }

        @Renderer
        public Object name(@Nullable Request request, Tag tag) {
            return tag.add("<Bob>");
        }

        @Renderer("rows")
        public Object manyRows(@Nullable Request request, Tag tag) {
            List<Tag> rows = new ArrayList<>();
            for (int n = 1; n <= 3; n++) {
                rows.add(tag.clone().fillSlots("n", Integer.toString(n)));
            }
            return rows;
        }
    }

    @Test
    void templatesUseRenderersSlotsAttributesAndTransparentTags(Trial trial) {
        String template = "<ul " + T + " class='c'><li t:render='rows'><t:attr name='id'>r<t:slot name='n'/></t:attr>"
                + "<t:slot name='n'/></li><t:transparent><b t:render='name'>Hi, </b></t:transparent></ul>";
        assertThat(flat(trial, new Greeting(template))).isEqualTo(
                "<ul class=\"c\"><li id=\"r1\">1</li><li id=\"r2\">2</li><li id=\"r3\">3</li><b>Hi, &lt;Bob&gt;</b></ul>");
    }

    @Test
    void anUnknownRendererIsNamedWithItsTemplateLine(Trial trial) {
        Failure failure = failure(trial, new Greeting("<div " + T + ">\n<p>\n<span t:render='nope'/></p></div>"));
        assertThat(failure.value().getCause()).isInstanceOf(MissingRenderMethod.class);
        assertThat(failure.value()).hasMessageContaining("has no renderer \"nope\"").hasMessageContaining("line 3");
    }

    @Test
    void anUnfilledSlotIsNamedWithItsTemplateLine(Trial trial) {
        Failure failure = failure(trial, new Greeting("<div " + T + ">\n\n<t:slot name='where'/></div>"));
        assertThat(failure.value()).hasMessageContaining("slot \"where\" has no value").hasMessageContaining("line 3");
    }

    @Test
    void doctypesAndExternalEntitiesAreRefused() {
        assertThatThrownBy(() -> new XMLString("<!DOCTYPE p [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><p>&x;</p>"))
                .isInstanceOf(TemplateSyntaxError.class).hasMessageContaining("DOCTYPE");
        assertThatThrownBy(() -> new XMLString("<!DOCTYPE p [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;'>]><p>&b;</p>"))
                .isInstanceOf(TemplateSyntaxError.class);
        assertThatThrownBy(() -> new XMLString("<p>&nbsp;</p>")).isInstanceOf(TemplateSyntaxError.class)
                .hasMessageContaining("line 1");
        assertThatThrownBy(() -> new XMLString("<p " + T + "><t:slot/></p>")).isInstanceOf(TemplateSyntaxError.class)
                .hasMessageContaining("needs a name");
    }

    @Test
    void outputBeforeAPendingDeferredIsWrittenBeforeItFires(Trial trial) {
        Deferred<Object> late = new Deferred<>();
        List<String> pieces = new ArrayList<>();
        Deferred<@Nullable Void> done = Template.flatten(null, div(p("head"), late, p("tail")),
                bytes -> pieces.add(new String(bytes, UTF_8)));
        assertThat(pieces).containsExactly("<div><p>head</p>");
        trial.assertNoResult(done);
        late.callback(List.of(b("slow & late"), span(Deferred.succeed("already"))));
        assertThat(pieces).containsExactly("<div><p>head</p>", "<b>slow &amp; late</b><span>already</span><p>tail</p></div>");
        trial.successResultOf(done);
        assertThat(trial.successResultOf(late)).isNotNull(); // the Deferred keeps its result for others
    }

    @Test
    void aFailingDeferredFailsTheFlatteningAfterWhatCameBefore(Trial trial) {
        Deferred<Object> late = new Deferred<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Deferred<@Nullable Void> done = Template.flatten(null, div("before", late), out::writeBytes);
        late.errback(new IllegalStateException("database down"));
        Failure failure = trial.failureResultOf(done, FlattenerError.class);
        assertThat(failure.value()).hasMessageContaining("database down");
        assertThat(out.toString(UTF_8)).isEqualTo("<div>before");
        trial.failureResultOf(late, IllegalStateException.class);
    }

    @Test
    void cancellingStopsTheWalkAndCancelsTheDeferredItWaitsOn(Trial trial) {
        Deferred<Object> late = new Deferred<>();
        List<byte[]> pieces = new ArrayList<>();
        Deferred<@Nullable Void> done = Template.flatten(null, div(late, "after"), pieces::add);
        done.cancel();
        trial.failureResultOf(done, CancelledError.class);
        assertThat(late.isCalled()).isTrue();
        assertThat(pieces).hasSize(1);
    }

    @Test
    void deepTreesDoNotOverflowTheStack(Trial trial) {
        Object tree = "leaf";
        for (int n = 0; n < 100_000; n++) {
            tree = transparent(List.of(tree));
        }
        assertThat(flat(trial, a(tree))).isEqualTo("<a>leaf</a>");
    }
}
