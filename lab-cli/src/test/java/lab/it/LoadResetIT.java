package lab.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lab.cli.LabCommand;
import lab.config.LabSettings;
import lab.services.LocalLab;
import lab.services.Pipeline;
import lab.shop.gen.ShopProfile;
import lab.shop.gen.ShopSize;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lab load --reset} on a shop the pipeline has already captured: what the pipeline derived
 * from the old rows (change topics, the capture's position and replication slot, the Spark
 * checkpoint, the warehouse) goes with them, so the restarted pipeline builds a warehouse of the
 * reloaded shop alone.
 */
class LoadResetIT {

  private static final Duration CATCH_UP = Duration.ofMinutes(4);

  @TempDir Path home;

  @Test
  void aReloadWithResetStartsTheDerivedStateOverAndTheWarehouseHoldsTheNewShopOnly()
      throws Exception {
    LabSettings settings = TestLab.settings(home);
    LocalLab lab = TestLab.up(settings);
    try {
      TestLab.seedFreshShop(lab, new ShopSize(200, 40, 1_500), 42, ShopProfile.REALISTIC);
      Pipeline pipeline = lab.pipeline();
      pipeline.startEtl();
      pipeline.startCdc(Pipeline.CdcOptions.DEFAULT);
      TestLab.awaitReconciled(lab, CATCH_UP);
      pipeline.stopEtl();
      pipeline.stopCdc();
      assertThat(changeTopics(lab)).isNotEmpty();
      assertThat(replicationSlots(lab)).contains(LabSettings.REPLICATION_SLOT);
      assertThat(settings.warehouseFile()).exists();

      System.setProperty("lab.root", settings.root().toString());
      List<String> load = new ArrayList<>(List.of("--home", home.toString()));
      load.addAll(TestLab.serverFlags(settings));
      load.addAll(
          List.of("load", "--reset", "--customers", "150", "--products", "30", "--orders", "700"));
      load.addAll(List.of("--seed", "7"));
      assertThat(LabCommand.execute(load.toArray(String[]::new)))
          .as("./lab load --reset exit code")
          .isZero();

      assertThat(changeTopics(lab)).isEmpty();
      assertThat(replicationSlots(lab)).doesNotContain(LabSettings.REPLICATION_SLOT);
      assertThat(settings.cdcState()).doesNotExist();
      assertThat(settings.etlCheckpoint()).doesNotExist();
      assertThat(settings.warehouseFile()).doesNotExist();

      // The old shop had 1,500 orders, the new one 700: a warehouse still holding any of the old
      // rows, or resuming from the old topics' offsets, cannot reconcile with it.
      pipeline.startEtl();
      pipeline.startCdc(Pipeline.CdcOptions.DEFAULT);
      TestLab.awaitReconciled(lab, CATCH_UP);
    } finally {
      lab.down();
    }
  }

  private static List<String> changeTopics(LocalLab lab) throws Exception {
    try (Admin admin = lab.kafka().admin(Duration.ofSeconds(30))) {
      return admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
          .filter(t -> t.startsWith(LocalLab.TOPIC_PREFIX))
          .toList();
    }
  }

  private static List<String> replicationSlots(LocalLab lab) throws SQLException {
    List<String> slots = new ArrayList<>();
    try (Connection c = lab.postgres().connectShop();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT slot_name FROM pg_replication_slots")) {
      while (rs.next()) {
        slots.add(rs.getString(1));
      }
    }
    return slots;
  }
}
