package lab.services;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import lab.config.LabSettings;

/**
 * The two programs of the streaming pipeline, each in its own JVM: the CDC capture (Debezium,
 * kafka-clients 4.x) and the Spark ETL driver (kafka-clients 3.9.x). They cannot share a classpath,
 * so the lab starts them as separate processes, as a deployment would.
 */
public final class Pipeline {

  /** Options the lab can set on the capture; the defaults suit the demo. */
  public record CdcOptions(Duration offsetFlush) {
    public static final CdcOptions DEFAULT = new CdcOptions(Duration.ofSeconds(1));
  }

  private static final Duration STOP_GRACE = Duration.ofSeconds(60);
  private static final String ETL_MODULE = "streaming/spark-job";

  /**
   * Change records per warehouse transaction in a backfill in local mode, Spark's and the SQL
   * reference's alike. A backfill is a batch job: nobody waits for its first rows, and each
   * transaction rebuilds the star rows its changes touch, so fewer, larger transactions do less
   * work in all (at scale 1 the merge and star took 192 s in 40 batches of 200,000 and 56 s in
   * one). The Spark backfill stages its batches as files (below), so neither the driver's heap nor
   * the sink's Appender limits the size; the warehouse's memory does, hence not everything at once.
   */
  static final long BACKFILL_BATCH_RECORDS = 4_000_000;

  private final LabSettings settings;
  private final PidFile cdcPid;
  private final PidFile etlPid;

  public Pipeline(LabSettings settings) {
    this.settings = settings;
    this.cdcPid = new PidFile(settings.pids().resolve("cdc.pid"));
    this.etlPid = new PidFile(settings.pids().resolve("etl.pid"));
  }

  /** Starts the CDC capture unless it runs; returns its process. */
  public ProcessHandle startCdc(CdcOptions options) {
    return launch(
        cdcPid,
        "streaming/cdc",
        "lab.streaming.cdc.CdcMain",
        List.of("-Xms128m", "-Xmx512m"),
        List.of(
            "--pg-host", settings.pgHost(),
            "--pg-port", Integer.toString(settings.pgServerPort()),
            "--pg-database", settings.shopDatabase(),
            "--pg-user", settings.pgUser(),
            "--kafka-bootstrap", settings.kafkaBootstrap(),
            "--state-dir", settings.cdcState().toString(),
            "--slot", LabSettings.REPLICATION_SLOT,
            "--offset-flush-ms", Long.toString(options.offsetFlush().toMillis())),
        Map.of("PGPASSWORD", settings.pgPassword()));
  }

  /** Starts the Spark ETL driver unless it runs; returns its process. */
  public ProcessHandle startEtl() {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--kafka-bootstrap", settings.kafkaBootstrap(),
                "--warehouse", settings.warehouseFile().toString(),
                "--snapshot", settings.warehouseSnapshot().toString(),
                "--checkpoint", settings.etlCheckpoint().toString(),
                "--fx-dir", settings.fxDrop().toString(),
                "--repair-jdbc-url", settings.shopJdbcUrl(),
                "--master", settings.sparkMaster()));
    if (!settings.localSpark()) {
      args.addAll(List.of("--jars", String.join(",", executorJars())));
    }
    return launch(
        etlPid,
        ETL_MODULE,
        "lab.streaming.spark.EtlMain",
        List.of("-Xms256m", "-Xmx1536m"),
        args,
        // The read-only role of migration V3, a lab default like the shop's own password.
        Map.of("ETL_REPAIR_PASSWORD", "etl_reader"));
  }

  /**
   * Rebuilds a warehouse from the earliest offsets of the change topics with the same transform and
   * sink as the stream (Spark's AvailableNow trigger), in the foreground; returns the exit code.
   */
  public int backfill(Path warehouse, Path checkpoint) {
    List<String> args = new ArrayList<>(backfillArgs(warehouse));
    args.addAll(
        List.of(
            "--snapshot",
            warehouse.resolveSibling(warehouse.getFileName() + ".snapshot").toString(),
            "--checkpoint",
            checkpoint.toString(),
            "--master",
            settings.sparkMaster(),
            "--available-now"));
    if (settings.localSpark()) {
      // Executors and the warehouse share this machine's disk: the executors write each batch as
      // Parquet files, the warehouse bulk-loads them. A cluster's executors have their own disks,
      // so there each batch is collected to the driver, and batches keep the stream's size.
      args.addAll(
          List.of(
              "--max-offsets-per-trigger",
              Long.toString(BACKFILL_BATCH_RECORDS),
              "--staging-dir",
              warehouse.resolveSibling(warehouse.getFileName() + ".staging").toString()));
    } else {
      // The stream's batch size: each batch passes through the driver's heap.
      args.addAll(List.of("--jars", String.join(",", executorJars())));
    }
    return runBackfill("etl-backfill", "lab.streaming.spark.EtlMain", args);
  }

  /**
   * The backfill's reference for the benchmark: the same topics into a warehouse, with the
   * transform written as DuckDB SQL instead of Spark and the same sink, in the foreground; returns
   * the exit code. {@code scratch} holds the transformed change rows while it runs.
   */
  public int backfillSql(Path warehouse, Path scratch) {
    List<String> args = new ArrayList<>(backfillArgs(warehouse));
    args.addAll(
        List.of(
            "--scratch",
            scratch.toString(),
            "--batch-records",
            Long.toString(BACKFILL_BATCH_RECORDS)));
    return runBackfill("etl-sql-reference", "lab.streaming.reference.SqlBackfill", args);
  }

  /** What both backfills read and write: the change topics, the FX drop, the warehouse file. */
  private List<String> backfillArgs(Path warehouse) {
    return List.of(
        "--kafka-bootstrap",
        settings.kafkaBootstrap(),
        "--warehouse",
        warehouse.toString(),
        "--fx-dir",
        settings.fxDrop().toString());
  }

  /** Runs a backfill in the foreground, both kinds with the same JVM and warehouse settings. */
  private int runBackfill(String name, String mainClass, List<String> args) {
    JavaProgram program =
        JavaProgram.fromModule(
            settings.root(),
            ETL_MODULE,
            name,
            mainClass,
            // The sink checkpoints after a commit whose WAL passes 16 MB (StarSink): every
            // 200k batch of a backfill did, rewriting the touched row groups and indexes of a
            // growing file (5-6 s of a 17 s batch late at scale 1). Nobody reads a backfill
            // before it ends, so it checkpoints once, at the end: 466 s instead of 707 s at scale
            // 1, measured the same day on the same machine (warehouse/DISCUSSION.md).
            List.of("-Xms256m", "-Xmx1536m", "-Dlab.warehouse.checkpoint-mb=8192"));
    return program.run(args, log(name));
  }

  /**
   * What a cluster's executors need beyond Spark's own jars: the job's module jar and the jars the
   * build listed in {@code target/executor.classpath} (etl-core, the Kafka source and its client).
   */
  List<String> executorJars() {
    Path target = settings.root().resolve(ETL_MODULE).resolve("target");
    Path listed = target.resolve("executor.classpath");
    try (Stream<Path> files = Files.list(target)) {
      List<String> jars = new ArrayList<>();
      files
          .filter(f -> f.getFileName().toString().matches("streaming-spark-.*(?<!-sources)\\.jar"))
          .forEach(f -> jars.add(f.toString()));
      if (jars.isEmpty() || !Files.isRegularFile(listed)) {
        throw new LabException(
            "the Spark job's jars for a cluster are missing in "
                + target
                + "; run ./mvnw -DskipTests package (local[N] needs only the classes)");
      }
      jars.addAll(List.of(Files.readString(listed).strip().split(File.pathSeparator)));
      return jars;
    } catch (IOException e) {
      throw new LabException("cannot list the Spark job's jars: " + e.getMessage(), e);
    }
  }

  private ProcessHandle launch(
      PidFile pid,
      String module,
      String mainClass,
      List<String> jvm,
      List<String> args,
      Map<String, String> env) {
    Optional<ProcessHandle> running = pid.live();
    if (running.isPresent()) {
      return running.get();
    }
    String name = pid.path().getFileName().toString().replace(".pid", "");
    JavaProgram program = JavaProgram.fromModule(settings.root(), module, name, mainClass, jvm);
    Process p = program.start(args, log(name), env);
    pid.write(p.toHandle());
    return p.toHandle();
  }

  /** Stops the ETL gracefully (its last batch completes and a final snapshot is published). */
  public boolean stopEtl() {
    return etlPid.stop(STOP_GRACE);
  }

  /** Stops the CDC capture gracefully (it flushes its offsets). */
  public boolean stopCdc() {
    return cdcPid.stop(STOP_GRACE);
  }

  public Optional<ProcessHandle> cdc() {
    return cdcPid.live();
  }

  public Optional<ProcessHandle> etl() {
    return etlPid.live();
  }

  public Path log(String program) {
    return settings.logs().resolve(program + ".log");
  }

  public List<ServiceStatus> status() {
    return List.of(
        programStatus("cdc", cdcPid, "Postgres WAL -> Kafka"),
        programStatus("etl", etlPid, "Kafka -> Spark -> DuckDB"));
  }

  private ServiceStatus programStatus(String name, PidFile pid, String what) {
    Optional<ProcessHandle> p = pid.live();
    return new ServiceStatus(
        name,
        p.isPresent() ? ServiceStatus.State.UP : ServiceStatus.State.DOWN,
        what,
        p.map(ProcessHandle::pid).orElse(-1L),
        "log: " + log(name));
  }
}
