package lab.warehouse.sink;

/** What applying one batch did: skipped as already applied, or the rows it staged. */
public record BatchResult(boolean alreadyApplied, long rowsStaged, long deadLetters) {

  static BatchResult skipped() {
    return new BatchResult(true, 0, 0);
  }
}
