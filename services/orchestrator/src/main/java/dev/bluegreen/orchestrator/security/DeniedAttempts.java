package dev.bluegreen.orchestrator.security;

import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.contracts.events.AccessDenied;
import dev.bluegreen.orchestrator.messaging.RequestPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * The one place every refused API attempt passes through: no or a bad token (401), the wrong team
 * or four eyes (403), a request that loosens a policy (422). Each is one structured log line
 * (logger {@code dev.bluegreen.orchestrator.security.DeniedAttempts}, message {@code api.denied
 * ...}, the fields also in the MDC for JSON logs) and one count of {@code
 * bluegreen_api_denied_total{status,reason,action}}. A signed-in person's refusal (403, 422) is
 * also an {@link AccessDenied} entry on {@code access.audit.v1}, kept forever and shown by {@code
 * bin/replay}. A 401 is not: it names no one, and anyone could fill a log that is kept forever.
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
   * @param about what it was about
   * @param detail the full reason, as answered in the problem's detail
   */
  public record Denial(
      int status, String reason, String actor, String action, About about, String detail) {}

  /**
   * What a refused attempt was about: a cluster (and maybe one of its upgrades), a campaign, or
   * something that spans the fleet (named in words).
   */
  public record About(String cluster, String upgradeId, String campaignId, String other) {

    private static final Pattern NAME = Pattern.compile("^[0-9A-Za-z][A-Za-z0-9\\-_]{0,99}$");

    public static About cluster(String cluster) {
      return new About(cluster, null, null, null);
    }

    public static About upgrade(String cluster, String upgradeId) {
      return new About(cluster, upgradeId, null, null);
    }

    /** A campaign, or (id null) a campaign not yet created. */
    public static About campaign(String campaignId) {
      return new About(null, null, campaignId, campaignId == null ? "a new campaign" : null);
    }

    public static About fleet(String what) {
      return new About(null, null, null, what);
    }

    /** The audit entry's subject and key: the cluster, else the campaign, else the fleet. */
    String subject() {
      for (String s : new String[] {cluster, campaignId}) {
        if (s != null && NAME.matcher(s).matches()) {
          return s;
        }
      }
      return AccessDenied.FLEET;
    }

    /** For logs and problem details: the most precise name. */
    public String describe() {
      for (String s : new String[] {upgradeId, cluster, campaignId, other}) {
        if (s != null) {
          return s;
        }
      }
      return "nothing named";
    }
  }

  private final MeterRegistry registry;
  private final RequestPublisher publisher;
  private final Clock clock;

  @Inject
  public DeniedAttempts(MeterRegistry registry, RequestPublisher publisher) {
    this(registry, publisher, Clock.systemUTC());
  }

  DeniedAttempts(MeterRegistry registry, RequestPublisher publisher, Clock clock) {
    this.registry = registry;
    this.publisher = publisher;
    this.clock = clock;
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
    MDC.put("denied.target", d.about().describe());
    try {
      LOG.infof(
          "api.denied status=%d reason=%s actor=%s action=%s target=%s detail=\"%s\"",
          d.status(), d.reason(), d.actor(), d.action(), d.about().describe(), d.detail());
    } finally {
      MDC.remove("denied.status");
      MDC.remove("denied.reason");
      MDC.remove("denied.actor");
      MDC.remove("denied.action");
      MDC.remove("denied.target");
    }
    if (d.actor() != null) {
      audit(d);
    }
  }

  /** The audit entry; a broker that cannot take it loses it, but never the log line and count. */
  private void audit(Denial d) {
    About a = d.about();
    AccessDenied entry =
        new AccessDenied(
            a.subject(),
            a.cluster(),
            a.upgradeId(),
            a.campaignId(),
            d.actor(),
            d.action(),
            d.status(),
            d.reason(),
            d.detail(),
            clock.instant());
    publisher.publishInBackground(
        CloudEvent.of(SOURCE, entry, entry.at()),
        e ->
            LOG.warnf(
                "api.denied not on the audit log (%s): actor=%s action=%s",
                e.getMessage(), d.actor(), d.action()));
  }

  /** The CloudEvent source of the entries. */
  static final String SOURCE = "/bluegreen/orchestrator/api";

  /** A bounded label: a 401's action is "METHOD /path", which is not. */
  private static String actionLabel(String action) {
    if (action == null) {
      return "unknown";
    }
    int space = action.indexOf(' ');
    return space > 0 ? action.substring(0, space) : action;
  }
}
