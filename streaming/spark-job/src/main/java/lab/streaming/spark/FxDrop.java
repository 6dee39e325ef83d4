package lab.streaming.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import lab.etl.fx.FxRates;
import lab.warehouse.sink.DeadLetter;
import lab.warehouse.sink.FxRate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FX file drop, the ETL's second source: a directory of CSV files ({@link FxRates#HEADER}) that
 * Spark reads again whenever a file appears, changes or goes. Bad lines become dead letters named
 * {@code file:<name>} with their line number as the offset.
 */
public final class FxDrop {

  private static final Logger log = LoggerFactory.getLogger(FxDrop.class);

  /** The rates read, and the lines that were not rates. */
  record Rates(List<FxRate> rates, List<DeadLetter> badLines) {
    static final Rates NONE = new Rates(List.of(), List.of());
  }

  private final SparkSession spark;
  private final Path dir;
  private Map<String, String> seen = Map.of();
  private boolean warned;

  FxDrop(SparkSession spark, Path dir) {
    this.spark = spark;
    this.dir = dir;
  }

  /**
   * Every rate in the FX files of {@code dir}, read as the ETL reads them; a line that is not a
   * rate is refused, naming it (for inputs that must be clean, such as the exercises' data).
   */
  public static List<FxRate> ratesIn(SparkSession spark, Path dir) {
    Rates read = new FxDrop(spark, dir).changedRates();
    if (!read.badLines().isEmpty()) {
      DeadLetter first = read.badLines().get(0);
      throw new IllegalArgumentException(
          read.badLines().size()
              + " lines of the FX files in "
              + dir
              + " are not rates, e.g. "
              + first.topic()
              + ": "
              + first.reason());
    }
    return read.rates();
  }

  /** Every rate in the drop if its files changed since the last call, else nothing. */
  Rates changedRates() {
    Map<String, String> now = listing();
    if (now.isEmpty()) {
      if (!warned) {
        log.warn(
            "no FX rate files in {}: amounts in currencies other than EUR get no reporting"
                + " value until one is dropped there (lab load writes one)",
            dir);
        warned = true;
      }
      seen = now;
      return Rates.NONE;
    }
    if (now.equals(seen)) {
      return Rates.NONE;
    }
    seen = now;
    List<FxRate> rates = new ArrayList<>();
    List<DeadLetter> bad = new ArrayList<>();
    for (String file : now.keySet()) {
      // One small file per read: a single partition, so the id counts its lines from 0.
      Dataset<Row> lines =
          spark
              .read()
              .text(dir.resolve(file).toString())
              .withColumn("file", lit(file))
              .withColumn("line_no", monotonically_increasing_id().plus(1));
      // Dates leave Spark as text: collecting a DATE needs JDK internals Java 17 keeps closed.
      Dataset<Row> parsed =
          FxRates.parse(lines).withColumn("rate_date", col("rate_date").cast("string"));
      for (Row r : parsed.collectAsList()) {
        if (r.isNullAt(r.fieldIndex("error"))) {
          rates.add(
              new FxRate(
                  r.getAs("currency"),
                  LocalDate.parse(r.<String>getAs("rate_date")),
                  r.getAs("units_per_eur"),
                  file));
        } else {
          bad.add(
              new DeadLetter(
                  "file:" + file, 0, r.<Long>getAs("line_no"), r.getAs("error"), r.getAs("line")));
        }
      }
    }
    log.info("read {} FX rates from {} ({} bad lines)", rates.size(), dir, bad.size());
    return new Rates(rates, bad);
  }

  /** File name to size and modification time, for the CSV files in the drop. */
  private Map<String, String> listing() {
    if (dir == null || !Files.isDirectory(dir)) {
      return Map.of();
    }
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".csv")).toList()) {
        out.put(f.getFileName().toString(), Files.size(f) + "@" + Files.getLastModifiedTime(f));
      }
    } catch (IOException e) {
      log.warn("cannot list the FX drop {}: {}", dir, e.getMessage());
      return seen;
    }
    return out;
  }
}
