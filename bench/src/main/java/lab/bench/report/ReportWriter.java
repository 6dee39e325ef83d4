package lab.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lab.bench.BenchResults;

/**
 * Writes the report folder: report.md, report.html (self-contained, charts inline), one PNG per
 * chart for slides, results.json and results.csv.
 */
public final class ReportWriter {

  private ReportWriter() {}

  /** Writes every file into {@code dir} (created if missing) and returns their paths. */
  public static List<Path> write(BenchResults results, Path dir) throws IOException {
    Files.createDirectories(dir);
    List<Charts.Png> charts = Charts.all(results);
    List<Block> blocks = Report.blocks(results, charts);
    List<Path> written = new ArrayList<>();
    written.add(text(dir.resolve("report.md"), Renderers.markdown(blocks)));
    written.add(text(dir.resolve("report.html"), Renderers.html(blocks)));
    written.add(text(dir.resolve("results.json"), ResultFiles.json(results)));
    written.add(text(dir.resolve("results.csv"), ResultFiles.csv(results)));
    for (Charts.Png png : charts) {
      Path file = dir.resolve(png.file());
      Files.write(file, png.bytes());
      written.add(file);
    }
    return written;
  }

  private static Path text(Path file, String content) throws IOException {
    return Files.writeString(file, content, StandardCharsets.UTF_8);
  }
}
