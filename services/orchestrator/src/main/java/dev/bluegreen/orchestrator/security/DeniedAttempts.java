package dev.bluegreen.orchestrator.security;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * The one place every refused API attempt passes through: no or a bad token (401), the wrong team
 * or four eyes (403), a request that loosens a policy (422). Each is one structured log line
 * (logger {@code dev.bluegreen.orchestrator.security.DeniedAttempts}, message {@code api.denied
 * ...}, the fields also in the MDC for JSON logs) and one count of {@code
 * bluegreen_api_denied_total{status,reason,action}}. This is also where a denied attempt becomes an
 * audit entry once the audit log has a type for it.
 */
@ApplicationScoped
public class DeniedAttempts {

  /** The counter's name (Prometheus: {@code bluegreen_api_denied_total}). */
  public static final String DENIED = "bluegreen_api_denied";

  private static final Logger LOG = Logger.getLogger(DeniedAttempts.class);

  /**
   * One refused attempt.
   *
   * @param status the HTTP status answered: 401, 403 or 422
   * @param reason a short, fixed word for why (no-token, expired, wrong-team, four-eyes, policy...)
   * @param actor who, when the token was verified; null for a 401
   * @param action what: request, approve, pause, ..., read, or METHOD path for a 401
   * @param target the cluster or upgrade it was about, when known
   * @param detail the full reason, as answered in the problem's detail
   */
  public record Denial(
      int status, String reason, String actor, String action, String target, String detail) {}

  private final MeterRegistry registry;

  public DeniedAttempts(MeterRegistry registry) {
    this.registry = registry;
  }

  public void record(Denial d) {
    registry
        .counter(
            DENIED,
            "status",
            String.valueOf(d.status()),
            "reason",
            d.reason(),
            "action",
            actionLabel(d.action()))
        .increment();
    MDC.put("denied.status", String.valueOf(d.status()));
    MDC.put("denied.reason", d.reason());
    MDC.put("denied.actor", String.valueOf(d.actor()));
    MDC.put("denied.action", String.valueOf(d.action()));
    MDC.put("denied.target", String.valueOf(d.target()));
    try {
      LOG.infof(
          "api.denied status=%d reason=%s actor=%s action=%s target=%s detail=\"%s\"",
          d.status(), d.reason(), d.actor(), d.action(), d.target(), d.detail());
    } finally {
      MDC.remove("denied.status");
      MDC.remove("denied.reason");
      MDC.remove("denied.actor");
      MDC.remove("denied.action");
      MDC.remove("denied.target");
    }
  }

  /** A bounded label: a 401's action is "METHOD /path", which is not. */
  private static String actionLabel(String action) {
    if (action == null) {
      return "unknown";
    }
    int space = action.indexOf(' ');
    return space > 0 ? action.substring(0, space) : action;
  }
}
