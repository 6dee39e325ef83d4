package lab.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Volume;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import lab.docker.DockerImageVersions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.MountableFile;

/**
 * The compose lab's containers, wired as docker/compose.yaml wires them (PostgreSQL with its init
 * script, Kafka, a Spark master and worker, the lab image built from docker/Dockerfile), run the
 * demo end to end with the Spark job on the cluster; it must reconcile, and {@code lab verify} must
 * agree. Needs a Docker engine; skipped without one.
 */
class ComposeLabIT {

  private static final String SHOP = "--customers=300 --products=60 --orders=2000";

  static boolean dockerEngineAvailable() {
    return ContainerServices.dockerEngineAvailable();
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.MINUTES)
  @EnabledIf(
      value = "dockerEngineAvailable",
      disabledReason =
          "no Docker engine answers: the compose lab's containers cannot run here (the other ITs"
              + " ran on the lab's embedded servers)")
  void theDemoOnTheComposeContainersReconcilesAndLabVerifyAgrees() throws Exception {
    Path root = TestLab.root();
    String home = "lab-it-home-" + UUID.randomUUID();
    try (Network network = Network.newNetwork();
        PostgreSQLContainer postgres = postgres(network, root);
        KafkaContainer kafka = kafka(network);
        GenericContainer<?> master = sparkMaster(network);
        GenericContainer<?> lab = lab(network, root, home, kafka);
        GenericContainer<?> worker = sparkWorker(network, home)) {
      postgres.start();
      kafka.start();
      master.start();
      lab.start(); // before the worker: the first mount gives the shared volume the lab's owner
      worker.start();

      List<String> demo = new java.util.ArrayList<>(List.of("lab", "demo"));
      demo.addAll(List.of(SHOP.split(" ")));
      demo.addAll(List.of("--live-seconds=10", "--rate=20"));
      ExecResult run = lab.execInContainer(demo.toArray(String[]::new));
      assertThat(run.getExitCode()).as("lab demo exit code; output:%n%s", run.getStdout()).isZero();
      assertThat(run.getStdout())
          .contains("reconciled: the warehouse matches the OLTP shop exactly");

      ExecResult verify = lab.execInContainer("lab", "verify");
      assertThat(verify.getExitCode()).as("lab verify; output:%n%s", verify.getStdout()).isZero();
    }
  }

  private static PostgreSQLContainer postgres(Network network, Path root) {
    PostgreSQLContainer c =
        new PostgreSQLContainer(DockerImageVersions.POSTGRES)
            .withDatabaseName("postgres") // the init script creates the shop database
            .withUsername("postgres")
            .withPassword("lab")
            .withCopyFileToContainer(
                MountableFile.forHostPath(root.resolve("docker/postgres/initdb/10-lab.sql")),
                "/docker-entrypoint-initdb.d/10-lab.sql");
    c.withNetwork(network).withNetworkAliases("postgres");
    c.setCommand("postgres", "-c", "wal_level=logical", "-c", "max_replication_slots=8");
    return c;
  }

  private static KafkaContainer kafka(Network network) {
    return new KafkaContainer(DockerImageVersions.KAFKA)
        .withNetwork(network)
        .withNetworkAliases("kafka")
        .withListener("kafka:19092");
  }

  private static GenericContainer<?> sparkMaster(Network network) {
    return new GenericContainer<>(DockerImageVersions.SPARK)
        .withNetwork(network)
        .withNetworkAliases("spark-master")
        .withCreateContainerCmdModifier(cmd -> cmd.withHostName("spark-master"))
        .withCommand(
            "/opt/spark/bin/spark-class",
            "org.apache.spark.deploy.master.Master",
            "--host",
            "spark-master",
            "--port",
            "7077",
            "--webui-port",
            "8080")
        .withExposedPorts(8080)
        .waitingFor(Wait.forHttp("/json/").forResponsePredicate(b -> b.contains("ALIVE")));
  }

  private static GenericContainer<?> sparkWorker(Network network, String home) {
    return new GenericContainer<>(DockerImageVersions.SPARK)
        .withNetwork(network)
        .withNetworkAliases("spark-worker")
        .withCreateContainerCmdModifier(
            cmd -> {
              cmd.withHostName("spark-worker");
              cmd.getHostConfig().withBinds(new Bind(home, new Volume("/lab/home")));
            })
        .withCommand(
            "/opt/spark/bin/spark-class",
            "org.apache.spark.deploy.worker.Worker",
            "--host",
            "spark-worker",
            "--cores",
            "2",
            "--memory",
            "640m",
            "--webui-port",
            "8081",
            "spark://spark-master:7077")
        .withExposedPorts(8081)
        .waitingFor(
            Wait.forHttp("/json/")
                .forResponsePredicate(b -> b.matches("(?s).*\"masterwebuiurl\"\\s*:\\s*\"http.*")));
  }

  /** The lab image, idle: the test runs the lab's commands in it as a user would. */
  private static GenericContainer<?> lab(
      Network network, Path root, String home, KafkaContainer kafka) {
    ImageFromDockerfile image =
        new ImageFromDockerfile(DockerImageVersions.LAB, false)
            .withFileFromPath(".", root)
            .withDockerfilePath("docker/Dockerfile")
            .withBuildArg("MAVEN_IMAGE", DockerImageVersions.MAVEN)
            .withBuildArg("RUNTIME_IMAGE", DockerImageVersions.RUNTIME);
    return new GenericContainer<>(image)
        .withNetwork(network)
        .withNetworkAliases("lab")
        .withCreateContainerCmdModifier(
            cmd -> {
              cmd.withHostName("lab").withEntrypoint("tail", "-f", "/dev/null");
              cmd.getHostConfig().withBinds(new Bind(home, new Volume("/lab/home")));
            })
        .withEnv(
            Map.of(
                "LAB_PG_URL", "jdbc:postgresql://postgres:5432/shop",
                "LAB_PG_USER", "postgres",
                "LAB_PG_PASSWORD", "lab",
                "LAB_KAFKA_BOOTSTRAP", "kafka:19092",
                "LAB_SPARK_MASTER", "spark://spark-master:7077",
                "SPARK_LOCAL_HOSTNAME", "lab",
                "LAB_ETL_JAVA_OPTS", "-Xmx512m -Dspark.executor.memory=448m -Dspark.cores.max=2"))
        .dependsOn(kafka);
  }
}
