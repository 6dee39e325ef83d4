package lab.docker;

import java.util.Map;

/**
 * The container images of the compose lab, pinned: the tests' copy of {@code docker/.env}, which
 * {@link ComposeFileTest} keeps equal to it. Testcontainers starts exactly these.
 */
public final class DockerImageVersions {

  /** PostgreSQL 17, as the embedded binaries (17.7). */
  public static final String POSTGRES = "postgres:17.7-bookworm";

  /** The official Kafka image, the broker version the lab embeds (KRaft, no ZooKeeper). */
  public static final String KAFKA = "apache/kafka:4.3.1";

  /** Spark master and worker: the Spark and Scala the job is compiled against, on Java 17. */
  public static final String SPARK = "apache/spark:4.2.0-scala2.13-java17-ubuntu";

  /** A web UI for the topics (kafbat, the maintained fork of provectuslabs/kafka-ui). */
  public static final String KAFKA_UI = "kafbat/kafka-ui:v1.2.0";

  /** Builds the lab's programs in the Dockerfile's first stage. */
  public static final String MAVEN = "maven:3.9.11-eclipse-temurin-17";

  /** Runs the lab's programs: the Dockerfile's final stage (a JDK: the course compiles Java). */
  public static final String RUNTIME = "eclipse-temurin:17.0.16_8-jdk-noble";

  /** The lab's own image, built from the repository by docker/Dockerfile. */
  public static final String LAB = "oltp-olap-lab:0.1.0";

  private DockerImageVersions() {}

  /** Every image by its variable in {@code docker/.env}. */
  public static Map<String, String> byEnvVariable() {
    return Map.of(
        "POSTGRES_IMAGE", POSTGRES,
        "KAFKA_IMAGE", KAFKA,
        "SPARK_IMAGE", SPARK,
        "KAFKA_UI_IMAGE", KAFKA_UI,
        "MAVEN_IMAGE", MAVEN,
        "RUNTIME_IMAGE", RUNTIME,
        "LAB_IMAGE", LAB);
  }
}
