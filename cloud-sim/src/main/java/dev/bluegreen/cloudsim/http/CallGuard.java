package dev.bluegreen.cloudsim.http;

import dev.bluegreen.cloudsim.core.ErrorKind;
import dev.bluegreen.cloudsim.core.Fault;
import dev.bluegreen.cloudsim.core.FaultRegistry;
import dev.bluegreen.cloudsim.core.SimError;
import java.time.Duration;
import java.util.Optional;

/**
 * Applies call-level faults before a request reaches the domain: latency first (outside the world
 * lock, so one slow call does not stall the others), then injected errors and throttling. It
 * records the call in the {@link CallerLedger} first.
 */
public final class CallGuard {
  private final FaultRegistry faults;
  private final CallerLedger callers;

  public CallGuard(FaultRegistry faults, CallerLedger callers) {
    this.faults = faults;
    this.callers = callers;
  }

  public void before(String service, String operation, String resource) {
    callers.record(service, operation);
    Duration latency = faults.latencyFor(service, operation);
    if (!latency.isZero()) {
      try {
        Thread.sleep(latency.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Optional<Fault> fault = faults.errorFor(service, operation, resource);
    if (fault.isEmpty()) {
      return;
    }
    Fault f = fault.get();
    String message =
        f.message() != null ? f.message() : "Injected fault " + f.id() + " on " + operation;
    if (f.kind() == Fault.Kind.THROTTLE) {
      throw new SimError(ErrorKind.THROTTLED, "Rate exceeded");
    }
    throw SimError.explicit(
        f.errorCode() == null ? "InternalFailure" : f.errorCode(),
        f.httpStatus() == null ? 0 : f.httpStatus(),
        message);
  }
}
