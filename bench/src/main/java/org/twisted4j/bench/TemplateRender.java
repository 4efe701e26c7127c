package org.twisted4j.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.twisted4j.web.Request;
import org.twisted4j.web.template.Element;
import org.twisted4j.web.template.Renderer;
import org.twisted4j.web.template.Tag;
import org.twisted4j.web.template.Template;
import org.twisted4j.web.template.TemplateLoader;
import org.twisted4j.web.template.XMLFile;

/**
 * The page of bench/template-vs-twisted.sh rendered by twisted4j's templates as often as they can, on the calling
 * thread: the same template file, renderers and data as {@code bench/python/twisted_template_render.py}.
 *
 * <p>Usage: {@code java -cp ... org.twisted4j.bench.TemplateRender TEMPLATE ROWS WARMUP DURATION OUT}. Writes one
 * page to OUT and prints one line: {@code template-render side=twisted4j rows=... renders=... seconds=... rate=...
 * bytes=... sha256=...}.
 */
public final class TemplateRender {

    private TemplateRender() {
    }

    /** The page: a title and who rendered it, and one table row per item. */
    static final class Page extends Element {
        private final List<String[]> items;

        Page(TemplateLoader loader, List<String[]> items) {
            super(loader);
            this.items = items;
        }

        @Renderer
        public Object page(@Nullable Request request, Tag tag) {
            return tag.fillSlots("title", "Items & prices").fillSlots("who", "Twisted <web>");
        }

        @Renderer
        public Object rows(@Nullable Request request, Tag tag) {
            List<Tag> rows = new ArrayList<>(items.size());
            for (String[] item : items) {
                rows.add(tag.clone().fillSlots("id", item[0]).fillSlots("name", item[1])
                        .fillSlots("label", "See " + item[1]).fillSlots("price", item[2]));
            }
            return rows;
        }
    }

    static List<String[]> data(int rows) {
        List<String[]> items = new ArrayList<>(rows);
        for (int n = 1; n <= rows; n++) {
            items.add(new String[] {Integer.toString(n), "Item " + n + " <" + "x".repeat(n % 7) + "> & co",
                    (n * 3 / 100) + "." + String.format("%02d", n * 3 % 100)});
        }
        return items;
    }

    static byte[] render(TemplateLoader loader, List<String[]> items) {
        byte[][] page = new byte[1][];
        Template.flattenString(null, new Page(loader, items)).addCallback(bytes -> page[0] = bytes);
        if (page[0] == null) {
            throw new IllegalStateException("the page did not render at once");
        }
        return page[0];
    }

    /**
     * Runs the measurement.
     *
     * @param args TEMPLATE ROWS WARMUP DURATION OUT
     * @throws Exception if the template cannot be read or the page written
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: TemplateRender TEMPLATE ROWS WARMUP DURATION OUT");
            System.exit(2);
        }
        TemplateLoader loader = new XMLFile(Path.of(args[0]));
        List<String[]> items = data(Integer.parseInt(args[1]));
        long warmupNanos = (long) (Double.parseDouble(args[2]) * 1e9);
        long durationNanos = (long) (Double.parseDouble(args[3]) * 1e9);
        byte[] page = render(loader, items);
        Files.write(Path.of(args[4]), page);
        long end = System.nanoTime() + warmupNanos;
        while (System.nanoTime() < end) {
            render(loader, items);
        }
        long count = 0;
        long start = System.nanoTime();
        long now = start;
        while (now < start + durationNanos) {
            render(loader, items);
            count++;
            now = System.nanoTime();
        }
        double seconds = (now - start) / 1e9;
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(page));
        System.out.printf("template-render side=twisted4j rows=%d renders=%d seconds=%.3f rate=%.1f bytes=%d sha256=%s%n",
                items.size(), count, seconds, count / seconds, page.length, sha);
    }
}
