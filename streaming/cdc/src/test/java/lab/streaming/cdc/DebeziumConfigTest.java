package lab.streaming.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import io.debezium.config.Configuration;
import io.debezium.config.Field;
import io.debezium.connector.postgresql.PostgresConnectorConfig;
import io.debezium.embedded.EmbeddedEngineConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DebeziumConfigTest {

  private final CdcSettings lab = CdcSettingsTest.labSettings();
  private final Properties props = DebeziumConfig.engineProperties(lab);

  @Test
  void capturesThroughPgoutputWithTheLabsSlotAndAFilteredPublication() {
    assertThat(props)
        .containsEntry("connector.class", "io.debezium.connector.postgresql.PostgresConnector")
        .containsEntry("plugin.name", "pgoutput")
        .containsEntry("slot.name", "lab_shop")
        .containsEntry("publication.name", "lab_shop_pub")
        .containsEntry("publication.autocreate.mode", "filtered")
        .containsEntry("snapshot.mode", "when_needed");
  }

  @Test
  void connectsToTheConfiguredDatabase() {
    assertThat(props)
        .containsEntry("database.hostname", "127.0.0.1")
        .containsEntry("database.port", "54321")
        .containsEntry("database.dbname", "shop")
        .containsEntry("database.user", "postgres")
        .containsEntry("database.password", "");
  }

  @Test
  void includesExactlyTheCapturedTablesWithTheDotEscaped() {
    assertThat(props.getProperty("table.include.list"))
        .isEqualTo("public\\.customers,public\\.products,public\\.orders,public\\.order_items");
  }

  @Test
  void keepsMoneyExactAndDeletesFollowedByTombstones() {
    assertThat(props)
        .containsEntry("decimal.handling.mode", "string")
        .containsEntry("tombstones.on.delete", "true")
        .containsEntry("topic.prefix", "shop");
  }

  @Test
  void handsOverChangesWithinAFractionOfTheStreamsBatchInterval() {
    assertThat(Long.parseLong(props.getProperty("poll.interval.ms"))).isLessThanOrEqualTo(100);
  }

  @Test
  void writesPlainJsonWithoutConnectSchemas() {
    assertThat(props)
        .containsEntry("key.converter.schemas.enable", "false")
        .containsEntry("value.converter.schemas.enable", "false");
  }

  @Test
  void storesOffsetsInTheStateDirAtTheConfiguredInterval() {
    assertThat(props)
        .containsEntry("offset.storage", "org.apache.kafka.connect.storage.FileOffsetBackingStore")
        .containsEntry("offset.storage.file.filename", "/var/lab/cdc/offsets.dat")
        .containsEntry("offset.flush.interval.ms", "1000")
        .containsEntry("name", DebeziumConfig.ENGINE_NAME);
  }

  @Test
  void givesUpAfterBoundedRetriesInsteadOfRetryingForever() {
    assertThat(props).containsEntry("errors.max.retries", "10");
  }

  /** Catches a key renamed or dropped by a Debezium upgrade, which Debezium would just ignore. */
  @Test
  void everyKeyIsOneThatDebeziumKnows() {
    Set<String> known = new HashSet<>();
    PostgresConnectorConfig.ALL_FIELDS.forEach(f -> known.add(f.name()));
    EmbeddedEngineConfig.ALL_FIELDS.forEach(f -> known.add(f.name()));
    known.add(EmbeddedEngineConfig.OFFSET_STORAGE.name());
    // read by Kafka's JsonConverter under the key./value. prefixes (JsonConverterConfig)
    known.add("key.converter.schemas.enable");
    known.add("value.converter.schemas.enable");

    assertThat(props.stringPropertyNames()).isSubsetOf(known);
  }

  /** Catches a value that a Debezium upgrade no longer accepts, e.g. a renamed snapshot mode. */
  @Test
  void passesThePostgresConnectorsOwnValidation() {
    List<String> problems = new ArrayList<>();
    Iterable<Field> fields = PostgresConnectorConfig.ALL_FIELDS;

    boolean valid = Configuration.from(props).validateAndRecord(fields, problems::add);

    assertThat(problems).isEmpty();
    assertThat(valid).isTrue();
  }
}
