package lab.warehouse.sink;

/**
 * What applying one batch did: skipped as already applied, or what it staged.
 *
 * @param duplicates changes delivered more than once within the batch
 * @param stale staged changes that were no newer than the warehouse's row (by source LSN) and so
 *     changed nothing: in practice, changes the CDC capture delivered again after a restart
 */
public record BatchResult(
    boolean alreadyApplied, long rowsStaged, long duplicates, long stale, long deadLetters) {

  static BatchResult skipped() {
    return new BatchResult(true, 0, 0, 0, 0);
  }
}
