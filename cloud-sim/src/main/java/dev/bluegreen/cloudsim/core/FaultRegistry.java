package dev.bluegreen.cloudsim.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * The active faults. Call-level faults (error, throttle, latency) are consulted by the protocol
 * adapters before a call reaches the domain; state-level faults (stuck, rule delay, degraded) are
 * consulted by the domain itself.
 */
public final class FaultRegistry {
  private final List<Fault> faults = new ArrayList<>();
  private final AtomicLong ids = new AtomicLong();
  private final RandomGenerator random;

  public FaultRegistry(RandomGenerator random) {
    this.random = random;
  }

  public synchronized Fault add(Fault fault) {
    if (fault.kind() == null) {
      throw SimError.invalid("fault kind is required");
    }
    Fault withId = fault.withId("f-" + ids.incrementAndGet());
    faults.add(withId);
    return withId;
  }

  public synchronized boolean remove(String id) {
    return faults.removeIf(f -> f.id().equals(id));
  }

  public synchronized Optional<Fault> find(String id) {
    return faults.stream().filter(f -> f.id().equals(id)).findFirst();
  }

  public synchronized void clear() {
    faults.clear();
  }

  public synchronized List<Fault> list() {
    return List.copyOf(faults);
  }

  /** The extra latency every matching LATENCY fault adds to a call. */
  public synchronized Duration latencyFor(String service, String operation) {
    long millis = 0;
    for (Fault f : faults) {
      if (f.kind() == Fault.Kind.LATENCY && matchesCall(f, service, operation)) {
        millis += f.latencyMillis() == null ? 0 : f.latencyMillis();
      }
    }
    return Duration.ofMillis(millis);
  }

  /**
   * The ERROR or THROTTLE fault that fires for this call, if any; consumes one of its counts.
   * {@code resource} may be null when the adapter cannot tell it cheaply.
   */
  public synchronized Optional<Fault> errorFor(String service, String operation, String resource) {
    Iterator<Fault> it = faults.iterator();
    while (it.hasNext()) {
      Fault f = it.next();
      if (f.kind() != Fault.Kind.ERROR && f.kind() != Fault.Kind.THROTTLE) {
        continue;
      }
      if (!matchesCall(f, service, operation)) {
        continue;
      }
      if (f.resource() != null && (resource == null || !resource.contains(f.resource()))) {
        continue;
      }
      if (f.ratio() != null && random.nextDouble() >= f.ratio()) {
        continue;
      }
      if (f.count() != null) {
        int left = f.count() - 1;
        int index = faults.indexOf(f);
        if (left <= 0) {
          it.remove();
        } else {
          faults.set(index, f.withCount(left));
        }
      }
      return Optional.of(f);
    }
    return Optional.empty();
  }

  /** Whether a STUCK fault holds this resource key (cluster, cluster/nodegroup, app name). */
  public synchronized boolean isStuck(String resourceKey) {
    return faults.stream()
        .anyMatch(f -> f.kind() == Fault.Kind.STUCK && resourceKey.equals(f.resource()));
  }

  /** Whether Argo CD should degrade this application. */
  public synchronized boolean degrades(String applicationName) {
    return faults.stream()
        .anyMatch(
            f ->
                f.kind() == Fault.Kind.ARGO_DEGRADED
                    && (f.resource() == null || applicationName.contains(f.resource())));
  }

  /**
   * The APP_STATUS fault answering a proxied request to {@code target} ({@code
   * <cluster>/<namespace>/<service><path>}), if any; consumes one of its counts.
   */
  public synchronized Optional<Fault> appStatusFor(String target) {
    for (int i = 0; i < faults.size(); i++) {
      Fault f = faults.get(i);
      if (f.kind() != Fault.Kind.APP_STATUS
          || (f.resource() != null && !target.contains(f.resource()))) {
        continue;
      }
      if (f.count() != null) {
        if (f.count() <= 1) {
          faults.remove(i);
        } else {
          faults.set(i, f.withCount(f.count() - 1));
        }
      }
      return Optional.of(f);
    }
    return Optional.empty();
  }

  /** The RULE_WEIGHT_DELAY fault for a rule, if any. */
  public synchronized Optional<Fault> ruleDelayFor(String ruleArn) {
    return faults.stream()
        .filter(f -> f.kind() == Fault.Kind.RULE_WEIGHT_DELAY)
        .filter(f -> f.resource() == null || f.resource().equals(ruleArn))
        .findFirst();
  }

  private static boolean matchesCall(Fault f, String service, String operation) {
    boolean serviceMatches = f.service() == null || f.service().equalsIgnoreCase(service);
    boolean operationMatches =
        f.operation() == null || f.operation().equals("*") || f.operation().equals(operation);
    return serviceMatches && operationMatches;
  }
}
