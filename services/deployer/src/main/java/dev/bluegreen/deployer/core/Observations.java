package dev.bluegreen.deployer.core;

import java.util.Map;

/** What the smoke tests observed on green, as plain records the checks evaluate. */
public final class Observations {

  private Observations() {}

  /**
   * A node and its Ready condition.
   *
   * @param name the node
   * @param ready its Ready condition is True
   */
  public record NodeState(String name, boolean ready) {}

  /**
   * A pod.
   *
   * @param namespace its namespace
   * @param name its name
   * @param labels its labels
   * @param phase status.phase
   * @param ready its Ready condition is True
   */
  public record PodState(
      String namespace, String name, Map<String, String> labels, String phase, boolean ready) {

    /** Running and Ready. */
    public boolean running() {
      return "Running".equals(phase) && ready;
    }
  }

  /**
   * A target of green's target group.
   *
   * @param id instance id or IP
   * @param port its port
   * @param state healthy, unhealthy, initial, draining, unused, unavailable
   * @param reason the ELB reason code, may be null
   * @param description the ELB description, may be null
   */
  public record TargetState(
      String id, Integer port, String state, String reason, String description) {}

  /**
   * An HTTP probe of one application on green, as configured.
   *
   * @param application the application it probes (the check is named after it)
   * @param namespace the Service's namespace
   * @param service the Service's name
   * @param port the Service's port
   * @param path the HTTP path
   * @param expectedStatus the status it must answer with
   */
  public record Probe(
      String application,
      String namespace,
      String service,
      int port,
      String path,
      int expectedStatus) {}

  /**
   * What a probe got.
   *
   * @param status the HTTP status, or 0 when no answer came
   * @param error why no answer came, or null
   */
  public record ProbeAnswer(int status, String error) {}

  /**
   * The outcome of resolving a name from inside a pod on green (a short-lived Job).
   *
   * @param host the name looked up
   * @param job namespace/name of the Job that looked it up
   * @param outcome what happened
   * @param detail the Job's failure message, the deadline, or why it could not be run
   */
  public record DnsLookup(String host, String job, LookupOutcome outcome, String detail) {}

  /**
   * A TCP connection opened from a pod on green to a shared resource (a Job running {@code nc -z}).
   *
   * @param endpoint {@code host:port}
   * @param job the Job's namespace/name
   * @param outcome RESOLVED: connected; FAILED: refused or timed out; TIMED_OUT, NOT_RUN as for DNS
   * @param detail the Job's failure message, the deadline, or why it could not be run
   */
  public record Connection(String endpoint, String job, LookupOutcome outcome, String detail) {}

  /** How an in-cluster lookup ended. */
  public enum LookupOutcome {
    /** The Job completed: the name resolved. */
    RESOLVED,
    /** The Job failed: the name did not resolve. */
    FAILED,
    /** The Job did not finish before the deadline. */
    TIMED_OUT,
    /** The Job could not be created or read. */
    NOT_RUN
  }
}
