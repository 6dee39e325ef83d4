package lab.bench.oltp;

/** The shop lacks data the OLTP driver needs; the message says what. */
public final class ShopNotReadyException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  public ShopNotReadyException(String message) {
    super(message);
  }
}
