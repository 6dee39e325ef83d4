package lab.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Locale;
import lab.cli.LabCommand;
import lab.config.LabSettings;
import lab.services.LocalLab;
import lab.shop.gen.ShopSeeder;
import lab.shop.gen.ShopSize;
import lab.shop.schema.ShopMigrations;

/**
 * Benchmark, not a test: starts an embedded PostgreSQL of its own on a free port, seeds a shop of
 * 100,000 orders, and runs {@code lab oltp --engine both} with 1 and 4 clients, printing the CLI's
 * tables and the CPU seconds PostgreSQL's processes used. Run it as described in
 * sample-data/README.md ("OLTP driver").
 */
public final class OltpBench {

  private OltpBench() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    Path home = Files.createTempDirectory("oltp-bench");
    LabSettings settings = TestLab.settings(home);
    LocalLab lab = new LocalLab(settings);
    lab.postgres().start();
    try {
      try (Connection c = lab.postgres().connectShop()) {
        ShopMigrations.migrate(lab.postgres().shopDataSource());
        new ShopSeeder().seed(c, new ShopSize(10_000, 1_000, 100_000), 42, n -> {});
      }
      long postmaster = postmasterPid(settings);
      for (String clients : List.of("1", "4")) {
        double pgCpuBefore = treeCpuSeconds(postmaster);
        long wall = System.nanoTime();
        int code =
            LabCommand.execute(
                "--home",
                home.toString(),
                "--pg-port",
                Integer.toString(settings.pgPort()),
                "oltp",
                "--engine",
                "both",
                "--refresh-copy",
                "--clients",
                clients,
                "--seconds",
                Integer.toString(seconds),
                "--warmup-seconds",
                "3");
        System.out.printf(
            Locale.US,
            "exit %d; wall %.1f s for both engines (copy included); PostgreSQL server processes"
                + " used %.1f CPU-s%n%n",
            code,
            (System.nanoTime() - wall) / 1e9,
            treeCpuSeconds(postmaster) - pgCpuBefore);
      }
    } finally {
      lab.down();
    }
  }

  private static long postmasterPid(LabSettings settings) throws IOException {
    return Long.parseLong(
        Files.readAllLines(settings.postgresData().resolve("postmaster.pid")).get(0).strip());
  }

  /**
   * CPU seconds of the postmaster, its finished children (cutime, cstime) and its live ones, from
   * /proc: the backends serving the driver's connections are children of the postmaster.
   */
  static double treeCpuSeconds(long postmaster) throws IOException {
    double ticks = stat(postmaster, true);
    for (ProcessHandle child :
        ProcessHandle.of(postmaster).map(p -> p.children().toList()).orElse(List.of())) {
      ticks += stat(child.pid(), false);
    }
    return ticks / 100.0; // USER_HZ is 100 on Linux
  }

  private static double stat(long pid, boolean withChildren) throws IOException {
    Path stat = Path.of("/proc", Long.toString(pid), "stat");
    if (!Files.exists(stat)) {
      return 0;
    }
    String s = Files.readString(stat);
    String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
    // fields 14..17 of stat (1-based) are utime, stime, cutime, cstime; f[0] is field 3
    double t = Double.parseDouble(f[11]) + Double.parseDouble(f[12]);
    if (withChildren) {
      t += Double.parseDouble(f[13]) + Double.parseDouble(f[14]);
    }
    return t;
  }
}
