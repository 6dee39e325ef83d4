package lab.services;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import lab.config.LabSettings;
import org.apache.kafka.clients.admin.Admin;

/**
 * Everything the lab runs on this machine: PostgreSQL, Kafka and the two pipeline programs. {@code
 * lab up}, {@code lab down}, {@code lab status}, the demo and the tests all go through this class,
 * so they start and stop the services the same way.
 */
public final class LocalLab {

  /** The topics the CDC capture writes: one per shop table. */
  public static final String TOPIC_PREFIX = "shop.public.";

  private final LabSettings settings;
  private final PostgresService postgres;
  private final KafkaService kafka;
  private final Pipeline pipeline;

  public LocalLab(LabSettings settings) {
    this.settings = settings;
    this.postgres = new PostgresService(settings);
    this.kafka = new KafkaService(settings);
    this.pipeline = new Pipeline(settings);
  }

  public LabSettings settings() {
    return settings;
  }

  public PostgresService postgres() {
    return postgres;
  }

  public KafkaService kafka() {
    return kafka;
  }

  public Pipeline pipeline() {
    return pipeline;
  }

  /** Stops the pipeline, drops the replication slot, stops the services the lab started. */
  public List<String> down() {
    List<String> stopped = new ArrayList<>();
    if (pipeline.stopEtl()) {
      stopped.add("etl");
    }
    if (pipeline.stopCdc()) {
      stopped.add("cdc");
    }
    if (postgres.reachable() && postgres.dropReplicationSlot()) {
      stopped.add("replication slot " + LabSettings.REPLICATION_SLOT + " (dropped)");
    }
    if (kafka.stop()) {
      stopped.add("kafka");
    }
    if (settings.embeddedPostgres() && postgres.stop()) {
      stopped.add("postgres");
    }
    return stopped;
  }

  public List<ServiceStatus> status() {
    List<ServiceStatus> all = new ArrayList<>();
    all.add(postgres.status());
    all.add(kafka.status());
    all.addAll(pipeline.status());
    return all;
  }

  /**
   * Resets the pipeline to a clean start: the shop database, the change topics, CDC offsets, the
   * Spark checkpoint and the warehouse. Services must be up; the pipeline programs are stopped.
   */
  public void resetPipelineState() {
    pipeline.stopEtl();
    pipeline.stopCdc();
    postgres.recreateShopDatabase();
    deleteChangeTopics();
    deleteTree(settings.cdcState());
    deleteTree(settings.etlCheckpoint().getParent());
    deleteTree(settings.warehouseFile().getParent());
  }

  /**
   * Clears what the pipeline derived from the shop's rows: the change topics, the capture's saved
   * position and its replication slot, the Spark checkpoint and the warehouse. For a shop that is
   * emptied and reloaded, whose old changes must not reach the new warehouse. The pipeline programs
   * must be stopped and Kafka must be up.
   */
  public void resetDerivedState() {
    deleteChangeTopics();
    postgres.dropReplicationSlot();
    deleteTree(settings.cdcState());
    deleteTree(settings.etlCheckpoint().getParent());
    deleteTree(settings.warehouseFile().getParent());
  }

  private void deleteChangeTopics() {
    try (Admin admin = kafka.admin(Duration.ofSeconds(30))) {
      Set<String> topics =
          admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
              .filter(t -> t.startsWith(TOPIC_PREFIX))
              .collect(Collectors.toSet());
      if (topics.isEmpty()) {
        return;
      }
      admin.deleteTopics(topics).all().get(30, TimeUnit.SECONDS);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < deadline) {
        Set<String> left = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        if (left.stream().noneMatch(topics::contains)) {
          return;
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
      }
      throw new LabException("Kafka did not finish deleting the topics " + topics + " in 30 s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LabException("interrupted while deleting the change topics");
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new LabException("cannot delete the change topics: " + e.getMessage(), e);
    }
  }

  /** Deletes a directory tree under the lab home (and nothing outside it). */
  public void deleteTree(Path dir) {
    if (!dir.toAbsolutePath().normalize().startsWith(settings.home())) {
      throw new IllegalArgumentException(dir + " is not under the lab home " + settings.home());
    }
    if (!Files.exists(dir)) {
      return;
    }
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
              Files.delete(d);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new LabException("cannot delete " + dir + ": " + e.getMessage(), e);
    }
  }
}
