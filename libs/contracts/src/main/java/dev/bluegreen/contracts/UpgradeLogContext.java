package dev.bluegreen.contracts;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.MDC;

/**
 * Puts the upgrade id, the cluster and the trace id into the logging MDC for as long as one event
 * is handled, so every log line about an upgrade carries them (as JSON fields in containers, {@code
 * %X} in the text format), and takes them out again afterwards: worker threads are reused for other
 * upgrades.
 *
 * <pre>
 * try (UpgradeLogContext ignored = UpgradeLogContext.of(event)) {
 *   handle(event);
 * }
 * </pre>
 */
public final class UpgradeLogContext implements AutoCloseable {

  public static final String UPGRADE_ID = "upgradeId";
  public static final String CLUSTER = "cluster";
  public static final String TRACE_ID = "traceId";

  private final Map<String, String> previous = new LinkedHashMap<>();

  private UpgradeLogContext(String upgradeId, String cluster, TraceContext trace) {
    put(UPGRADE_ID, upgradeId);
    put(CLUSTER, cluster);
    put(TRACE_ID, trace == null ? null : trace.traceId());
  }

  /** The context of one event: its upgrade ({@code ce_correlationid}), cluster and trace. */
  public static UpgradeLogContext of(CloudEvent<?> event) {
    return new UpgradeLogContext(event.correlationId(), event.subject(), event.trace());
  }

  /** The context of work on one upgrade that no event started (a timer). */
  public static UpgradeLogContext of(String upgradeId, String cluster, TraceContext trace) {
    return new UpgradeLogContext(upgradeId, cluster, trace);
  }

  private void put(String key, String value) {
    previous.put(key, MDC.get(key));
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }

  /** Restores what the MDC held before: nothing, on a pooled thread. */
  @Override
  public void close() {
    previous.forEach(
        (key, value) -> {
          if (value == null) {
            MDC.remove(key);
          } else {
            MDC.put(key, value);
          }
        });
  }
}
