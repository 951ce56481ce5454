package dev.bluegreen.orchestrator.rest;

/** Ends a request with a problem answer; mapped by {@link ProblemMappers}. */
public final class ProblemException extends RuntimeException {

  private final Problem problem;

  public ProblemException(Problem problem) {
    super(problem.detail(), null, false, false);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }

  static ProblemException badRequest(String field, String detail) {
    return new ProblemException(
        Problem.of(400, "malformed-request", "Malformed request", detail, field));
  }

  public static ProblemException unprocessable(String field, String detail) {
    return new ProblemException(
        Problem.of(422, "invalid-upgrade", "The upgrade cannot be done as asked", detail, field));
  }

  static ProblemException notFound(String detail) {
    return new ProblemException(Problem.of(404, "not-found", "Not found", detail, null));
  }

  static ProblemException unavailable(String detail) {
    return new ProblemException(
        Problem.of(503, "unavailable", "Temporarily unavailable", detail, null));
  }
}
