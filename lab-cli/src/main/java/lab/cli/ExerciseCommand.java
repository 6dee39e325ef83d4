package lab.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import lab.services.JavaProgram;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Unmatched;

/**
 * {@code lab exercise ...}: the course. Its checkers run the pipeline's own code, Spark's transform
 * included, so they run in the exercises module's JVM (the lab CLI has no Spark); this command
 * hands it the arguments and the terminal.
 */
@Command(
    name = "exercise",
    description = {
      "The guided data-engineer labs: list | start N | check [N] [--watch] | hint N |",
      "solution N [--apply] [--yes] | reset N | topics [--answers]  (./lab exercise --help)"
    })
final class ExerciseCommand implements Callable<Integer> {

  static final String MODULE = "exercises";

  @ParentCommand LabCommand lab;

  @Unmatched List<String> args = new ArrayList<>();

  @Override
  public Integer call() {
    Path root = lab.settings().root();
    List<String> all = new ArrayList<>();
    all.add("--labs");
    all.add(root.resolve(MODULE).resolve("labs").toString());
    all.add("--work");
    all.add(root.resolve(MODULE).resolve("work").toString());
    all.addAll(args.isEmpty() ? List.of("list") : args);
    // the lab's Kafka, for lab exercise topics (lab 1 on the real capture)
    String kafka = "-Dlab.kafka.bootstrap=" + lab.settings().kafkaBootstrap();
    return JavaProgram.fromModule(
            root, MODULE, "exercise", "lab.exercise.ExerciseMain", List.of("-Xmx1g", kafka))
        .runInForeground(all);
  }
}
