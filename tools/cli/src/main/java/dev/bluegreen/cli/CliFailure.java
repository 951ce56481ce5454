package dev.bluegreen.cli;

/**
 * Ends a command with one line on stderr and an exit code; never with a stack trace. Thrown
 * anywhere below a command, turned into output by {@link BluegreenCli}'s exception handler.
 */
public class CliFailure extends RuntimeException {

  private final int exitCode;

  public CliFailure(int exitCode, String message) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }

  /** The API answered with a 4xx or 5xx; the message is the problem's {@code title: detail}. */
  public static final class ApiRefused extends CliFailure {
    private final int status;

    public ApiRefused(int status, String message) {
      super(ExitCodes.ERROR, message);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  /** The API could not be reached, or did not answer in time. */
  public static final class ApiUnreachable extends CliFailure {
    public ApiUnreachable(String message) {
      super(ExitCodes.GAVE_UP, message);
    }
  }
}
