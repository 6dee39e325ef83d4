package lab.bench.report;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lab.bench.BenchResults;
import lab.bench.HtapCase;
import lab.bench.OltpMeasurement;
import lab.bench.QueryMeasurement;
import lab.bench.ScaleRun;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The report's charts, drawn with JFreeChart off-screen and encoded as PNG. */
public final class Charts {

  static final int WIDTH = 1000;
  static final int HEIGHT = 520;

  /** A chart's file name, title and PNG bytes. */
  public record Png(String file, String title, byte[] bytes) {}

  private Charts() {}

  /** Every chart the results allow, in report order. */
  public static List<Png> all(BenchResults r) {
    System.setProperty("java.awt.headless", "true");
    List<Png> charts = new java.util.ArrayList<>();
    charts.add(latency(r));
    charts.add(oltpTps(r));
    charts.add(scaleSweep(r));
    if (r.htap().stream().anyMatch(HtapCase::ran)) {
      charts.add(htap(r, true));
      charts.add(htap(r, false));
    }
    return charts;
  }

  static Png latency(BenchResults r) {
    ScaleRun last = r.last();
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (QueryMeasurement m : last.olap()) {
      if (m.ok()) {
        // A log axis cannot show 0: a run faster than 1 µs is drawn at 1 µs.
        data.addValue(Math.max(0.001, m.medianMillis()), m.engine(), m.queryId());
      }
    }
    JFreeChart chart =
        ChartFactory.createBarChart(
            "Median latency per query, scale " + Report.fmtScale(last.scale()) + " (log scale)",
            "query",
            "milliseconds",
            data,
            PlotOrientation.VERTICAL,
            true,
            false,
            false);
    CategoryPlot plot = chart.getCategoryPlot();
    plot.setRangeAxis(logAxis("milliseconds (log)"));
    // Bars grow from 0, which a log axis would try to include: let the data set the range.
    ((org.jfree.chart.renderer.category.BarRenderer) plot.getRenderer())
        .setIncludeBaseInRange(false);
    plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    style(chart);
    return new Png("latency_per_query.png", chart.getTitle().getText(), png(chart));
  }

  static Png oltpTps(BenchResults r) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (ScaleRun s : r.scales()) {
      for (OltpMeasurement m : s.oltp()) {
        if (m.ok()) {
          data.addValue(m.tps(), m.engine(), "scale " + Report.fmtScale(s.scale()));
        }
      }
    }
    JFreeChart chart =
        ChartFactory.createBarChart(
            "OLTP mix throughput per engine",
            "",
            "transactions per second",
            data,
            PlotOrientation.VERTICAL,
            true,
            false,
            false);
    style(chart);
    return new Png("oltp_tps.png", chart.getTitle().getText(), png(chart));
  }

  static Png scaleSweep(BenchResults r) {
    Map<String, XYSeries> series = new LinkedHashMap<>();
    for (ScaleRun s : r.scales()) {
      Map<String, Double> total = new LinkedHashMap<>();
      for (QueryMeasurement m : s.olap()) {
        if (m.ok()) {
          total.merge(m.engine(), m.medianMillis(), Double::sum);
        }
      }
      total.forEach(
          (engine, ms) ->
              series
                  .computeIfAbsent(engine, e -> new XYSeries(e + ": whole catalog"))
                  .add(s.scale(), Math.max(0.001, ms)));
    }
    XYSeriesCollection data = new XYSeriesCollection();
    series.values().forEach(data::addSeries);
    JFreeChart chart =
        ChartFactory.createXYLineChart(
            "Scale sweep: the catalog's summed median time per engine",
            "scale (1 = a million orders)",
            "milliseconds",
            data,
            PlotOrientation.VERTICAL,
            true,
            false,
            false);
    XYPlot plot = chart.getXYPlot();
    plot.setRangeAxis(logAxis("milliseconds (log)"));
    if (r.scales().size() > 1) {
      plot.setDomainAxis(logAxis("scale (log; 1 = a million orders)"));
    }
    org.jfree.chart.renderer.xy.XYLineAndShapeRenderer renderer =
        new org.jfree.chart.renderer.xy.XYLineAndShapeRenderer(true, true);
    plot.setRenderer(renderer);
    style(chart);
    return new Png("scale_sweep.png", chart.getTitle().getText(), png(chart));
  }

  static Png htap(BenchResults r, boolean p99) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (HtapCase c : r.htap()) {
      if (c.ran()) {
        data.addValue(
            p99 ? c.oltp().p99Millis() : c.oltp().tps(),
            p99 ? "OLTP p99 latency" : "OLTP throughput",
            c.label());
      }
    }
    String title =
        p99
            ? "HTAP interference: OLTP p99 latency on PostgreSQL"
            : "HTAP interference: OLTP throughput on PostgreSQL";
    JFreeChart chart =
        ChartFactory.createBarChart(
            title,
            "",
            p99 ? "milliseconds" : "transactions per second",
            data,
            PlotOrientation.VERTICAL,
            false,
            false,
            false);
    style(chart);
    return new Png(p99 ? "htap_p99.png" : "htap_tps.png", title, png(chart));
  }

  /** A base-10 log axis with a tick per decade, labelled 0.1, 1, 10 rather than as powers. */
  private static LogAxis logAxis(String label) {
    LogAxis axis = new LogAxis(label);
    axis.setSmallestValue(0.0001);
    axis.setNumberFormatOverride(new java.text.DecimalFormat("#,##0.####"));
    // one tick per power of ten; the automatic units put ticks at 10^0.1 steps
    axis.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1.0));
    return axis;
  }

  private static void style(JFreeChart chart) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.getPlot().setBackgroundPaint(new Color(0xF7, 0xF7, 0xF7));
  }

  private static byte[] png(JFreeChart chart) {
    try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
