package dev.retort.benchmarks.report;

import dev.retort.benchmarks.Backend;
import dev.retort.benchmarks.Workload;
import dev.retort.benchmarks.report.Outcome.Status;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * A PNG of the time ratios to raw JDBC: one bar chart per backend (workloads along the x axis, a
 * bar per contender, lower is better), stacked into one image.
 */
public final class RatioChart {
  private static final int WIDTH = 1400;
  private static final int HEIGHT = 420;
  private static final Color[] COLOURS = {
    new Color(0x4c72b0), // JDBC
    new Color(0xdd8452), // Retort Core sync
    new Color(0xc44e52), // Retort Core async
    new Color(0x8c8c8c), // Retort ORM sync
    new Color(0x595959), // Retort ORM async
    new Color(0x55a868), // Hibernate ORM
    new Color(0x8172b3), // Hibernate Reactive
    new Color(0xccb974), // jOOQ
  };

  private RatioChart() {}

  /** Draws the chart of a report into a PNG file. */
  public static void write(Report report, String subtitle, Path file) throws IOException {
    List<BufferedImage> images = new ArrayList<>();
    for (Backend backend : report.backends()) {
      CategoryChart chart = chart(report, backend, subtitle);
      if (chart != null) {
        images.add(BitmapEncoder.getBufferedImage(chart));
      }
    }
    if (images.isEmpty()) {
      return;
    }
    BufferedImage all =
        new BufferedImage(WIDTH, HEIGHT * images.size(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = all.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, all.getWidth(), all.getHeight());
    for (int i = 0; i < images.size(); i++) {
      g.drawImage(images.get(i), 0, i * HEIGHT, null);
    }
    g.dispose();
    Files.createDirectories(file.toAbsolutePath().getParent());
    ImageIO.write(all, "png", file.toFile());
  }

  private static CategoryChart chart(Report report, Backend backend, String subtitle) {
    List<Workload> workloads = new ArrayList<>();
    for (Workload workload : report.workloads(backend)) {
      boolean any =
          report.outcomes().stream()
              .anyMatch(
                  o ->
                      o.backend() == backend
                          && o.workload() == workload
                          && o.status() == Status.MEASURED);
      if (any) {
        workloads.add(workload);
      }
    }
    if (workloads.isEmpty()) {
      return null;
    }
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(
                backend.title() + ": time relative to raw JDBC, lower is better (" + subtitle + ")")
            .yAxisTitle("x JDBC time")
            .build();
    Styler styler = chart.getStyler();
    styler.setLegendPosition(Styler.LegendPosition.OutsideE);
    styler.setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setYAxisDecimalPattern("0.0#");
    chart.getStyler().setAvailableSpaceFill(0.85);
    chart.getStyler().setOverlapped(false);
    List<String> labels = workloads.stream().map(Workload::label).toList();
    List<String> everyContender = report.contenders(backend);
    for (String contender : everyContender) {
      List<Double> ratios = new ArrayList<>();
      boolean any = false;
      for (Workload workload : workloads) {
        Outcome o = report.find(backend, workload, contender);
        if (o != null && o.status() == Status.MEASURED && !Double.isNaN(o.timeRatio())) {
          ratios.add(o.timeRatio());
          any = true;
        } else {
          ratios.add(null);
        }
      }
      if (any) {
        // The same colour for a contender on every backend's chart.
        chart
            .addSeries(contender, labels, ratios)
            .setFillColor(COLOURS[everyContender.indexOf(contender) % COLOURS.length]);
      }
    }
    return chart;
  }
}
