package org.twisted4j.bench.soak;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws the samples {@code bench/soak.sh} took of the server into one PNG: heap after GC, RSS, open
 * descriptors and threads over time, one chart each, stacked, with a line where each phase began (named on
 * the top chart) and the measurements taken after each phase marked.
 *
 * <p>The samples file is CSV with the header {@code t_s,phase,heap_after_gc_mib,rss_mib,fds,threads,kind}
 * ({@code kind} is {@code sample} or {@code after}); the phases file is CSV with the header
 * {@code t_s,event,phase} ({@code event} is {@code start} or {@code end}).
 *
 * <p>Usage: {@code java -cp ... org.twisted4j.bench.soak.SoakChart SAMPLES.csv PHASES.csv OUT.png [TITLE]}.
 */
public final class SoakChart {

    /** The width of the picture, in pixels. */
    static final int WIDTH = 1400;

    /** The height of each of the four charts, in pixels. */
    static final int HEIGHT = 320;

    private SoakChart() {
    }

    /** One sample: time, the four values, and whether it was the measurement after a phase. */
    private record Sample(double t, double[] values, boolean after) {
    }

    /** A phase's start. */
    private record Start(double t, String phase) {
    }

    /**
     * Draws the chart.
     *
     * @param args the samples file, the phases file, the PNG to write, and optionally a title
     * @throws IOException if a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 3 || args.length > 4) {
            System.err.println("Usage: SoakChart SAMPLES.csv PHASES.csv OUT.png [TITLE]");
            System.exit(2);
        }
        System.setProperty("java.awt.headless", "true");
        List<Sample> samples = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[0])).stream().skip(1).toList()) {
            String[] f = line.split(",");
            if (f.length < 7) {
                continue;
            }
            samples.add(new Sample(Double.parseDouble(f[0]), new double[] {Double.parseDouble(f[2]),
                Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5])}, f[6].equals("after")));
        }
        List<Start> starts = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[1])).stream().skip(1).toList()) {
            String[] f = line.split(",");
            if (f.length >= 3 && f[1].equals("start")) {
                starts.add(new Start(Double.parseDouble(f[0]), f[2]));
            }
        }
        if (samples.isEmpty()) {
            System.err.println("No samples in " + args[0] + ": nothing to draw.");
            System.exit(1);
        }
        String title = args.length > 3 ? args[3] : "soak";
        String[] names = {"heap after GC (MiB)", "RSS (MiB)", "open descriptors", "threads"};
        List<XYChart> charts = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            charts.add(chart(i == 0 ? title : null, names[i], i, samples, starts, i == 0));
        }
        BitmapEncoder.saveBitmap(charts, charts.size(), 1, args[2], BitmapEncoder.BitmapFormat.PNG);
    }

    private static XYChart chart(String title, String name, int column, List<Sample> samples, List<Start> starts,
            boolean labels) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title == null ? name : title + ": " + name)
                .xAxisTitle("seconds").yAxisTitle(name).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setMarkerSize(6);
        chart.getStyler().setChartTitleVisible(true);
        List<Sample> known = samples.stream().filter(s -> s.values()[column] >= 0).toList();
        if (known.isEmpty()) {
            known = samples;
        }
        double[] t = known.stream().mapToDouble(Sample::t).toArray();
        double[] v = known.stream().mapToDouble(s -> s.values()[column]).toArray();
        double top = 0;
        double bottom = Double.MAX_VALUE;
        for (double value : v) {
            top = Math.max(top, value);
            bottom = Math.min(bottom, value);
        }
        double span = Math.max(1, top - bottom);
        chart.getStyler().setYAxisMin(Math.max(0, bottom - span * 0.2));
        chart.getStyler().setYAxisMax(top + span * (labels ? 0.45 : 0.15));
        XYSeries all = chart.addSeries("every 10 s", t, v);
        all.setMarker(SeriesMarkers.CIRCLE);
        List<Sample> after = known.stream().filter(Sample::after).toList();
        if (!after.isEmpty()) {
            XYSeries marks = chart.addSeries("after a phase", after.stream().mapToDouble(Sample::t).toArray(),
                    after.stream().mapToDouble(s -> s.values()[column]).toArray());
            marks.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            marks.setMarker(SeriesMarkers.DIAMOND);
            marks.setMarkerColor(Color.RED);
        }
        for (int i = 0; i < starts.size(); i++) {
            Start start = starts.get(i);
            chart.addAnnotation(new AnnotationLine(start.t(), true, false));
            if (labels) {
                // Three rows of names, so that those of short phases do not overlap.
                chart.addAnnotation(new AnnotationText(start.phase(), start.t(), top + span * (0.1 + 0.1 * (i % 3)),
                        false));
            }
        }
        return chart;
    }
}
