package lab.cli;

import java.util.List;
import java.util.concurrent.Callable;
import lab.services.LocalLab;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code lab down}: stops everything the lab started and drops its replication slot. */
@Command(
    name = "down",
    mixinStandardHelpOptions = true,
    description = "Stop the pipeline and the services the lab started; drop the replication slot.")
final class DownCommand implements Callable<Integer> {

  @ParentCommand LabCommand lab;

  @Option(
      names = "--purge",
      description = "Also delete the lab home (all data, logs, the warehouse)")
  boolean purge;

  @Override
  public Integer call() {
    Console console = new Console(System.out);
    LocalLab local = new LocalLab(lab.settings());
    List<String> stopped = local.down();
    console.line(
        stopped.isEmpty() ? "nothing was running" : "stopped: " + String.join(", ", stopped));
    if (purge) {
      local.deleteTree(local.settings().home());
      console.line("deleted " + local.settings().home());
    }
    return 0;
  }
}
