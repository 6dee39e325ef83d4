package lab.streaming.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import lab.etl.EtlSparkConfig;
import lab.warehouse.sink.StarSink;
import lab.warehouse.star.StarStep;
import lab.warehouse.star.StarSteps;
import org.apache.hadoop.util.ShutdownHookManager;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The streaming ETL driver: Kafka change topics -> etl-core transforms -> DuckDB star. Only wiring
 * lives here; the transform is {@link lab.etl.ChangeStreamTransform} and the load is {@link
 * StarSink}. Stops cleanly on SIGTERM: the running batch finishes, a last snapshot is published.
 */
@Command(
    name = "etl",
    mixinStandardHelpOptions = true,
    description = "Streams the shop's change topics into the DuckDB star (Spark, local mode).")
public final class EtlMain implements Callable<Integer> {

  private static final Logger log = LoggerFactory.getLogger(EtlMain.class);

  /** Above Spark's SparkContext hook (50): our stop runs first. */
  private static final int SHUTDOWN_PRIORITY = 100;

  @Option(names = "--kafka-bootstrap", required = true, description = "Kafka host:port")
  String kafkaBootstrap;

  @Option(
      names = "--topic-pattern",
      defaultValue = "shop\\.public\\..+",
      description = "Regex of the change topics (default: ${DEFAULT-VALUE})")
  String topicPattern;

  @Option(names = "--warehouse", required = true, description = "DuckDB file to write")
  Path warehouse;

  @Option(names = "--snapshot", required = true, description = "Read-only copy to publish")
  Path snapshot;

  @Option(names = "--checkpoint", required = true, description = "Spark checkpoint directory")
  Path checkpoint;

  @Option(
      names = "--fx-dir",
      description = "Directory of FX rate CSV files, the second source (default: none)")
  Path fxDir;

  @Option(names = "--trigger-ms", defaultValue = "1000", description = "Micro-batch interval")
  long triggerMs;

  @Option(names = "--max-offsets-per-trigger", defaultValue = "200000")
  long maxOffsetsPerTrigger;

  @Option(
      names = "--staging-dir",
      description =
          "Stage each batch as Parquet files here for the warehouse to bulk-load, instead of"
              + " collecting it to the driver: for a backfill's large batches (default: none)")
  Path stagingDir;

  @Option(
      names = "--snapshot-every-ms",
      defaultValue = "2000",
      description =
          "Publish the readers' snapshot at most this often; after a publish that took longer"
              + " than a quarter of it, wait four times that publish")
  long snapshotEveryMs;

  @Option(
      names = "--available-now",
      description =
          "Batch mode for a backfill: process everything in the topics now, then stop (Spark's"
              + " AvailableNow trigger; the same transform and sink as the stream)")
  boolean availableNow;

  @Option(
      names = "--repair-jdbc-url",
      description =
          "The shop, for re-reading the rows of gaps in the change stream (orders paid without a"
              + " payment, shipped without a shipment); no repair without it")
  String repairJdbcUrl;

  @Option(
      names = "--repair-user",
      defaultValue = "etl_reader",
      description = "Read-only role for the re-reads (default: ${DEFAULT-VALUE})")
  String repairUser;

  @Option(
      names = "--repair-grace-s",
      defaultValue = "30",
      description = "How long a gap may be late before it is re-read (default: ${DEFAULT-VALUE})")
  long repairGraceSeconds;

  @Option(names = "--master", defaultValue = "local[2]", description = "Spark master")
  String master;

  @Option(
      names = "--jars",
      split = ",",
      description =
          "Jars the executors of a cluster need beyond Spark's own (this job's, the Kafka source);"
              + " the driver serves them (spark.jars). Not needed in local mode.")
  List<String> jars = List.of();

  @Option(
      names = "--star-step",
      paramLabel = "NAME=FILE",
      description =
          "Build the star with this SQL file in place of the step of that name, e.g."
              + " customer_versions=my_versions.sql (repeatable; the steps are those of"
              + " lab/warehouse/star/)")
  Map<String, Path> starSteps = new LinkedHashMap<>();

  @Spec CommandSpec spec;

  public static void main(String[] args) {
    System.exit(new CommandLine(new EtlMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    EtlSettings settings =
        new EtlSettings(
            kafkaBootstrap,
            topicPattern,
            warehouse,
            snapshot,
            checkpoint,
            Duration.ofMillis(triggerMs),
            maxOffsetsPerTrigger,
            Duration.ofMillis(snapshotEveryMs),
            fxDir,
            stagingDir);
    GapRepair.Source repair =
        repairJdbcUrl == null
            ? null
            : new GapRepair.Source(
                repairJdbcUrl,
                repairUser,
                // The role's password comes from the environment, never the command line.
                System.getenv().getOrDefault("ETL_REPAIR_PASSWORD", repairUser),
                Duration.ofSeconds(repairGraceSeconds));
    run(settings, master, jars, availableNow, repair, steps());
    return 0;
  }

  /** The star's steps with those given by --star-step in place; a bad one is a usage error. */
  private StarSteps steps() {
    StarSteps steps = StarSteps.defaults();
    try {
      for (Map.Entry<String, Path> e : starSteps.entrySet()) {
        steps = steps.replace(StarStep.fromFile(e.getKey(), e.getValue()));
      }
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--star-step: " + e.getMessage());
    }
    if (!steps.replaced().isEmpty()) {
      log.info("the star is built with these steps replaced: {}", steps.replaced());
    }
    return steps;
  }

  static void run(
      EtlSettings settings,
      String master,
      List<String> jars,
      boolean availableNow,
      GapRepair.Source repairSource,
      StarSteps starSteps)
      throws Exception {
    String pipelineId = pipelineId(settings.checkpoint());
    long t0 = System.nanoTime();
    SparkSession.Builder builder =
        EtlSparkConfig.applyTo(SparkSession.builder().appName("lab-etl").master(master));
    if (master.startsWith("local")) {
      // Local mode: bind to loopback and skip the hostname lookup entirely.
      builder
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          // Checkpoint files without a chmod process per file (NioLocalFileSystem).
          .config("spark.hadoop.fs.file.impl", NioLocalFileSystem.class.getName())
          .config(
              "spark.sql.streaming.checkpointFileManagerClass",
              "org.apache.spark.sql.execution.streaming.checkpointing"
                  + ".FileSystemBasedCheckpointFileManager");
    } else if (!jars.isEmpty()) {
      // On a cluster the executors must reach the driver by its host name (SPARK_LOCAL_HOSTNAME)
      // and load the job's classes, which only the driver has.
      builder.config("spark.jars", String.join(",", jars));
    }
    SparkSession spark = builder.getOrCreate();
    log.info("Spark session ready in {} ms", (System.nanoTime() - t0) / 1_000_000);
    CountDownLatch cleanedUp = new CountDownLatch(1);
    AtomicBoolean stopping = new AtomicBoolean();
    try (StarSink sink = StarSink.open(settings.warehouse(), starSteps)) {
      SnapshotPublisher publisher = new SnapshotPublisher(sink, settings.snapshot());
      publisher.publish();
      log.info("warehouse open at {} ms", (System.nanoTime() - t0) / 1_000_000);
      BatchWriter writer =
          new BatchWriter(
              pipelineId, sink, new FxDrop(spark, settings.fxDir()), settings.stagingDir());
      StreamingQuery query =
          BatchWriter.transform(changeStream(spark, settings))
              .writeStream()
              .queryName("shop-to-star")
              .option("checkpointLocation", settings.checkpoint().toString())
              .trigger(
                  availableNow
                      ? Trigger.AvailableNow()
                      : Trigger.ProcessingTime(settings.trigger().toMillis()))
              .foreachBatch(
                  (VoidFunction2<Dataset<Row>, Long>)
                      (batch, batchId) -> {
                        writer.writeTransformed(batch, batchId);
                        publisher.markDirty();
                      })
              .start();
      log.info(
          "streaming {} into {} (pipeline {}), started in {} ms",
          settings.topicPattern(),
          settings.warehouse(),
          pipelineId,
          (System.nanoTime() - t0) / 1_000_000);
      // On SIGTERM: stop the query (the running batch completes or is rolled back, never half
      // applied), then wait for the final snapshot. Registered with Hadoop's hook manager at a
      // priority above Spark's own, so it runs before Spark stops the SparkContext under it.
      ShutdownHookManager.get()
          .addShutdownHook(() -> stop(query, stopping, cleanedUp), SHUTDOWN_PRIORITY);
      ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon());
      if (!availableNow) {
        // A backfill publishes once, at the end: nobody reads it meanwhile, and each publish is
        // a checkpoint and a copy of the whole file while the next batch waits for the sink.
        publisher.publishEvery(timer, settings.snapshotEvery());
      }
      if (repairSource != null && !availableNow) {
        GapRepair repair = new GapRepair(spark, sink, repairSource, pipelineId);
        long graceMs = repairSource.grace().toMillis();
        // Only once the stream has caught up with Kafka: while a backlog drains (a CDC snapshot,
        // a restart), an order's payment is usually late, not missing.
        timer.scheduleWithFixedDelay(
            () -> {
              if (CaughtUp.with(query.lastProgress())) {
                repairQuietly(repair, publisher);
              }
            },
            graceMs,
            graceMs,
            TimeUnit.MILLISECONDS);
      }
      try {
        query.awaitTermination();
      } catch (StreamingQueryException e) {
        if (!stopping.get()) {
          throw e;
        }
      } finally {
        timer.shutdownNow();
        publisher.publish();
      }
    } finally {
      cleanedUp.countDown();
      if (!stopping.get()) {
        spark.stop();
      }
    }
  }

  /** The Kafka change topics as a stream; new topics matching the pattern are picked up. */
  private static Dataset<Row> changeStream(SparkSession spark, EtlSettings settings) {
    return spark
        .readStream()
        .format("kafka")
        .option("kafka.bootstrap.servers", settings.kafkaBootstrap())
        .option("subscribePattern", settings.topicPattern())
        // Topics appear when the CDC capture starts; find them within seconds, not minutes.
        .option("kafka.metadata.max.age.ms", "2000")
        // Each task reads its topic partitions one after another, and with the consumer's default
        // fetch.max.wait.ms (500) a partition with a few new records took 520-550 ms to poll
        // (Spark's KafkaDataConsumer INFO line: "read 145 records through 1 polls, taking 528
        // ms"), seconds per small batch. At 20 ms the same reads take 40-80 ms; the consumers
        // poll only inside a batch's tasks, so a short wait costs no idle polling.
        .option("kafka.fetch.max.wait.ms", "20")
        .option("startingOffsets", "earliest")
        .option("maxOffsetsPerTrigger", settings.maxOffsetsPerTrigger())
        .load();
  }

  /** One repair round; a failure is logged and retried next round, the stream goes on. */
  private static void repairQuietly(GapRepair repair, SnapshotPublisher publisher) {
    try {
      if (repair.repairDue() > 0) {
        publisher.markDirty();
      }
    } catch (Exception e) {
      log.warn("gap repair failed, retrying in the next round: {}", e.getMessage());
    }
  }

  private static void stop(StreamingQuery query, AtomicBoolean stopping, CountDownLatch cleanedUp) {
    stopping.set(true);
    try {
      log.info("stopping the streaming query");
      query.stop();
      if (!cleanedUp.await(30, TimeUnit.SECONDS)) {
        log.warn("the final warehouse snapshot was not published within 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      log.warn("could not stop the query cleanly", e);
    }
  }

  /** A stable id per checkpoint: the ledger keys batches by it because batch ids restart. */
  private static String pipelineId(Path checkpoint) throws java.io.IOException {
    Files.createDirectories(checkpoint);
    Path idFile = checkpoint.resolve("lab-pipeline-id");
    if (!Files.exists(idFile)) {
      Files.writeString(idFile, UUID.randomUUID().toString());
    }
    return Files.readString(idFile).strip();
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    return r -> {
      Thread t = new Thread(r, "warehouse-snapshot");
      t.setDaemon(true);
      return t;
    };
  }
}
