package dev.bluegreen.cloudsim.core;

/**
 * A refusal from the simulated cloud. Either a domain {@link ErrorKind} (the adapter picks the wire
 * code) or an explicit wire code and HTTP status chosen by an injected fault.
 */
public final class SimError extends RuntimeException {
  private final ErrorKind kind;
  private final String explicitCode;
  private final int explicitStatus;

  public SimError(ErrorKind kind, String message) {
    super(message);
    this.kind = kind;
    this.explicitCode = null;
    this.explicitStatus = 0;
  }

  private SimError(String code, int status, String message) {
    super(message);
    this.kind = null;
    this.explicitCode = code;
    this.explicitStatus = status;
  }

  /** An error whose wire code and status come verbatim from a fault. */
  public static SimError explicit(String code, int status, String message) {
    return new SimError(code, status, message);
  }

  public static SimError notFound(String message) {
    return new SimError(ErrorKind.NOT_FOUND, message);
  }

  public static SimError invalid(String message) {
    return new SimError(ErrorKind.INVALID, message);
  }

  public static SimError inUse(String message) {
    return new SimError(ErrorKind.IN_USE, message);
  }

  /** Null when the error carries an explicit code. */
  public ErrorKind kind() {
    return kind;
  }

  /** Null unless a fault chose the wire code. */
  public String explicitCode() {
    return explicitCode;
  }

  /** 0 unless a fault chose the HTTP status. */
  public int explicitStatus() {
    return explicitStatus;
  }
}
