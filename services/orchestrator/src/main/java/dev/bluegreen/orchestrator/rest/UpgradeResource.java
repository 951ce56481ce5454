package dev.bluegreen.orchestrator.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bluegreen.contracts.AuditEntry;
import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.contracts.CloudEventCodec;
import dev.bluegreen.contracts.Request;
import dev.bluegreen.contracts.TraceContext;
import dev.bluegreen.contracts.events.ControlAction;
import dev.bluegreen.contracts.events.InputRejected;
import dev.bluegreen.contracts.events.UpgradeControlRequested;
import dev.bluegreen.contracts.events.UpgradePlan;
import dev.bluegreen.contracts.events.UpgradeRequested;
import dev.bluegreen.contracts.events.UpgradeState;
import dev.bluegreen.contracts.events.UpgradeTransitioned;
import dev.bluegreen.orchestrator.config.OrchestratorConfig;
import dev.bluegreen.orchestrator.config.WindowPolicy;
import dev.bluegreen.orchestrator.messaging.DecisionReplies;
import dev.bluegreen.orchestrator.messaging.RequestPublisher;
import dev.bluegreen.orchestrator.security.Authorizer;
import dev.bluegreen.orchestrator.streams.AuditTrail;
import dev.bluegreen.timeline.AuditLine;
import dev.bluegreen.timeline.Format;
import dev.bluegreen.timeline.Timeline;
import dev.bluegreen.tracing.EventSpan;
import dev.bluegreen.upgrade.core.DryRunPlan;
import dev.bluegreen.upgrade.core.RequestRules;
import dev.bluegreen.upgrade.core.UpgradeDecider;
import dev.bluegreen.upgrade.core.Windows;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The upgrade API. Requests and control actions become events on {@code upgrade.requests.v1}; the
 * Streams processor, which owns each cluster's key, decides, and this resource reports the decision
 * it reads back from the audit topic. Reads come from the state stores.
 */
@Path("/upgrades")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "upgrades", description = "Blue/green upgrades of EKS clusters")
public class UpgradeResource {

  /** CloudEvent source of what the API publishes. */
  static final String SOURCE = "/bluegreen/orchestrator/api";

  private static final ObjectMapper STRICT_JSON =
      CloudEventCodec.newObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final OrchestratorConfig config;
  private final ClusterTargets targets;
  private final AllUpgrades upgrades;
  private final RequestPublisher publisher;
  private final DecisionReplies replies;
  private final UpgradeQueries queries;
  private final PeerReads peers;
  private final Validator validator;
  private final Authorizer authorizer;
  private final WindowPolicy windowPolicy;
  private final Clock clock = Clock.systemUTC();

  public UpgradeResource(
      OrchestratorConfig config,
      ClusterTargets targets,
      AllUpgrades upgrades,
      RequestPublisher publisher,
      DecisionReplies replies,
      UpgradeQueries queries,
      PeerReads peers,
      Validator validator,
      Authorizer authorizer,
      WindowPolicy windowPolicy) {
    this.config = config;
    this.windowPolicy = windowPolicy;
    this.targets = targets;
    this.upgrades = upgrades;
    this.publisher = publisher;
    this.replies = replies;
    this.queries = queries;
    this.peers = peers;
    this.validator = validator;
    this.authorizer = authorizer;
  }

  // ------------------------------------------------------------------------------ POST

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Request a blue/green upgrade of one cluster",
      description =
          "202 with Location when the state machine accepted it; 200 with the plan for a dry"
              + " run; 409 when the cluster already has an active upgrade.")
  @RequestBody(
      required = true,
      content = @Content(schema = @Schema(implementation = UpgradeRequestBody.class)))
  @APIResponse(
      responseCode = "202",
      description = "Accepted; follow Location",
      content = @Content(schema = @Schema(implementation = Accepted.class)))
  @APIResponse(
      responseCode = "200",
      description = "Dry run: the plan",
      content = @Content(schema = @Schema(implementation = DryRunPlan.class)))
  @APIResponse(
      responseCode = "400",
      description = "Malformed request or unknown field",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "409",
      description = "The cluster already has an active upgrade",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "422",
      description = "Version or plan refused by the rules",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "403",
      description = "The cluster belongs to another team than the caller's",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Response request(
      String json,
      @HeaderParam(TraceContext.HTTP_TRACEPARENT) String traceparent,
      @HeaderParam(TraceContext.HTTP_TRACESTATE) String tracestate) {
    UpgradeRequestBody body = parse(json);
    UpgradeRequested requested = toRequest(body);
    // The upgrade's trace: the caller's, or a new one. Every event of the upgrade carries it from
    // here on (ce_traceparent). With tracing on, the event's parent is this request's server span
    // (Quarkus continues the caller's traceparent); otherwise a child context of the caller's.
    TraceContext trace = EventSpan.current(tracestate);
    if (trace == null) {
      trace =
          TraceContext.parse(traceparent, tracestate)
              .map(TraceContext::child)
              .orElseGet(TraceContext::newTrace);
    }
    CloudEvent<UpgradeRequested> event =
        CloudEvent.of(SOURCE, requested, clock.instant()).withTrace(trace);
    if (requested.dryRun()) {
      // The processor records the dry run (audit, GET by id); it occupies nothing, so no 409.
      publisher.publish(event, config.decisionTimeout());
      // Its pre-flight result: GET /upgrades/{id} (PREFLIGHT, then COMPLETED or FAILED).
      return Response.ok(DryRunPlan.of(requested))
          .location(URI.create("/upgrades/" + requested.upgradeId()))
          .build();
    }
    AuditEntry decision = decide(event);
    if (decision instanceof UpgradeTransitioned t) {
      return Response.accepted(
              new Accepted(
                  requested.upgradeId(),
                  requested.cluster(),
                  UpgradeDecider.greenClusterName(
                      requested.logicalCluster(), requested.upgradeId()),
                  t.to(),
                  t.reason(),
                  requested.logicalCluster()))
          .location(URI.create("/upgrades/" + requested.upgradeId()))
          .build();
    }
    InputRejected r = (InputRejected) decision;
    boolean unfinished = r.state() == UpgradeState.FAILED;
    throw new ProblemException(
        new Problem(
            Problem.TYPE_BASE + (unfinished ? "unfinished-upgrade" : "active-upgrade"),
            unfinished
                ? "The cluster's last upgrade failed half-way; retry it first"
                : "The cluster already has an active upgrade",
            409,
            r.reason(),
            "cluster",
            r.activeUpgradeId(),
            r.state() == null ? null : r.state().name()));
  }

  private UpgradeRequestBody parse(String json) {
    if (json == null || json.isBlank()) {
      throw ProblemException.badRequest(null, "a JSON body is required");
    }
    UpgradeRequestBody body;
    try {
      body = STRICT_JSON.readValue(json, UpgradeRequestBody.class);
    } catch (JsonProcessingException e) {
      throw new ProblemException(ProblemMappers.fromJson(e));
    }
    if (body == null) {
      throw ProblemException.badRequest(null, "a JSON object is required");
    }
    if (body.requestedBy() != null) {
      throw ProblemException.unprocessable(
          "requestedBy",
          "requestedBy is not accepted: the requester is the subject of the bearer token");
    }
    Set<ConstraintViolation<UpgradeRequestBody>> violations = validator.validate(body);
    if (!violations.isEmpty()) {
      ConstraintViolation<UpgradeRequestBody> v =
          violations.stream()
              .min(Comparator.comparing(c -> c.getPropertyPath().toString()))
              .orElseThrow();
      throw ProblemException.badRequest(
          v.getPropertyPath().toString(), v.getPropertyPath() + " " + v.getMessage());
    }
    return body;
  }

  private UpgradeRequested toRequest(UpgradeRequestBody body) {
    RequestRules.Planned planned =
        RequestRules.plan(
            new RequestRules.PlanRequest(
                body.steps(),
                body.bakeTime(),
                body.retention(),
                body.approvalGates(),
                body.phaseTimeouts(),
                body.windows()),
            config.defaultRetention());
    firstViolation(planned.violations());
    ClusterTargets.Target target = targets.resolve(body.cluster());
    UpgradePlan p = planned.plan();
    UpgradePlan plan =
        new UpgradePlan(
            p.steps(),
            p.retention(),
            p.approvalGates(),
            p.phaseTimeouts(),
            Windows.combine(windowPolicy.forTeam(target.team()), body.windows()));
    String current = target.currentVersion();
    firstViolation(
        RequestRules.checkVersions(
            body.targetVersion(),
            Optional.ofNullable(current),
            targets.supportedVersions(),
            config.maxMinorVersionsPerUpgrade()));
    // Who asks is the token's subject; the team tag of the cluster says whether they may, and the
    // cluster's policies what the plan must keep.
    String actor =
        authorizer
            .mayRequest(target.logicalCluster(), target.blueCluster(), planned.plan())
            .actor();
    return new UpgradeRequested(
        UUID.randomUUID().toString(),
        target.blueCluster(),
        current,
        body.targetVersion(),
        plan,
        Boolean.TRUE.equals(body.dryRun()),
        actor,
        clock.instant(),
        target.logicalCluster());
  }

  private static void firstViolation(List<RequestRules.Violation> violations) {
    if (!violations.isEmpty()) {
      RequestRules.Violation v = violations.get(0);
      throw v.status() == 400
          ? ProblemException.badRequest(v.field(), v.detail())
          : ProblemException.unprocessable(v.field(), v.detail());
    }
  }

  /** Publishes the request and waits for the state machine's decision about it. */
  private AuditEntry decide(CloudEvent<? extends Request> event) {
    var reply = replies.expect(event.id());
    try {
      publisher.publish(event, config.decisionTimeout());
      return reply.get(config.decisionTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw ProblemException.unavailable(
          "no decision within "
              + config.decisionTimeout()
              + "; the request ("
              + event.id()
              + ") may still be decided, check GET /upgrades");
    } catch (IllegalStateException e) {
      throw ProblemException.unavailable(e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ProblemException.unavailable("interrupted");
    } catch (ExecutionException e) {
      throw ProblemException.unavailable("no decision: " + e.getCause());
    } finally {
      replies.forget(event.id());
    }
  }

  // ------------------------------------------------------------------------------ GETs

  @GET
  @Path("/{id}")
  @Operation(summary = "One upgrade: state, phase, progress, timestamps, last error")
  @APIResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = UpgradeView.class)))
  @APIResponse(
      responseCode = "404",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public UpgradeView get(@PathParam("id") String id, @QueryParam("scope") String scope) {
    UpgradeView upgrade = find(id, scope);
    authorizer.mayRead(upgrade);
    return upgrade;
  }

  @GET
  @Operation(
      summary = "Upgrades, filtered by cluster and state, newest first",
      description = "Dry runs (plans, pre-flight only) are listed only with dryRun=true.")
  public List<UpgradeView> list(
      @QueryParam("cluster") String cluster,
      @QueryParam("state") String state,
      @QueryParam("dryRun") boolean dryRuns,
      @QueryParam("scope") String scope) {
    UpgradeState wanted = null;
    if (state != null && !state.isBlank()) {
      try {
        wanted = UpgradeState.valueOf(state.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw ProblemException.badRequest("state", "unknown state " + state);
      }
    }
    List<UpgradeView> found =
        new ArrayList<>(
            upgrades.matching(cluster, wanted, scope).stream()
                .filter(authorizer.upgradesVisible())
                .toList());
    // A dry run changed nothing; listed among upgrades it reads as a COMPLETED one.
    found.removeIf(u -> u.dryRun() != dryRuns);
    found.sort(
        Comparator.comparing(
                UpgradeView::requestedAt, Comparator.nullsLast(Comparator.<Instant>naturalOrder()))
            .reversed());
    return found;
  }

  @GET
  @Path("/{id}/timeline")
  @Produces({MediaType.TEXT_PLAIN, "text/markdown", MediaType.TEXT_HTML})
  @Operation(
      summary = "The upgrade's timeline for people: time per state, every decision, every failure",
      description =
          "format=md (default) for a postmortem document, text for a terminal, html for a"
              + " self-contained page with a phase Gantt chart. The same renderers as bin/replay.")
  public Response timeline(
      @PathParam("id") String id,
      @QueryParam("format") @DefaultValue("md") String format,
      @QueryParam("scope") String scope) {
    Format rendering;
    try {
      rendering = Format.named(format);
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest("format", e.getMessage());
    }
    List<AuditLine> lines = new ArrayList<>();
    for (AuditTrail.Line line : events(id, scope)) {
      AuditLine audit = TimelineLines.of(line);
      if (audit != null) {
        lines.add(audit);
      }
    }
    String mediaType =
        switch (rendering) {
          case HTML -> MediaType.TEXT_HTML + ";charset=utf-8";
          case MARKDOWN -> "text/markdown;charset=utf-8";
          default -> MediaType.TEXT_PLAIN + ";charset=utf-8";
        };
    return Response.ok(rendering.render(Timeline.byUpgrade(lines)), mediaType).build();
  }

  @GET
  @Path("/{id}/events")
  @Operation(summary = "The upgrade's audit trail: every transition and rejection, in order")
  public List<AuditTrail.Line> events(
      @PathParam("id") String id, @QueryParam("scope") String scope) {
    authorizer.mayRead(find(id, scope));
    if (queries.byId(id).isPresent()) {
      return queries.auditTrail(id).map(AuditTrail::entries).orElse(List.of());
    }
    if (!PeerReads.LOCAL.equals(scope)) {
      Optional<AuditTrail.Line[]> remote =
          peers.first("/upgrades/" + encode(id) + "/events?scope=local", AuditTrail.Line[].class);
      if (remote.isPresent()) {
        return List.of(remote.get());
      }
    }
    throw ProblemException.notFound("no upgrade with id " + id);
  }

  /** The upgrade from this instance's stores, else from the instance that owns it. */
  private UpgradeView find(String id, String scope) {
    Optional<UpgradeView> found = queries.byId(id).map(UpgradeView::of);
    if (found.isEmpty() && !PeerReads.LOCAL.equals(scope)) {
      found = peers.first("/upgrades/" + encode(id) + "?scope=local", UpgradeView.class);
    }
    return found.orElseThrow(() -> ProblemException.notFound("no upgrade with id " + id));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  // -------------------------------------------------------------------------- controls

  @POST
  @Path("/{id}/{action: approve|pause|resume|promote|cancel|rollback|retry}")
  @Operation(
      summary = "Approve, pause, resume, promote, cancel or roll back an upgrade",
      description = "202 when the state machine applied it; 409 with the reason when not.")
  @APIResponse(
      responseCode = "202",
      content = @Content(schema = @Schema(implementation = Accepted.class)))
  @APIResponse(
      responseCode = "403",
      description =
          "The upgrade's cluster belongs to another team, or the requester approves their own"
              + " upgrade where policy requires four eyes",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "409",
      description = "The action makes no sense in the upgrade's state",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Response control(
      @PathParam("id") String id,
      @PathParam("action") String action,
      @HeaderParam(TraceContext.HTTP_TRACEPARENT) String traceparent,
      @HeaderParam(TraceContext.HTTP_TRACESTATE) String tracestate,
      String json) {
    UpgradeView status = find(id, null);
    ControlBody body = new ControlBody(null, null);
    if (json != null && !json.isBlank()) {
      try {
        body = STRICT_JSON.readValue(json, ControlBody.class);
      } catch (JsonProcessingException e) {
        throw new ProblemException(ProblemMappers.fromJson(e));
      }
    }
    if (body.actor() != null) {
      throw ProblemException.unprocessable(
          "actor", "actor is not accepted: who acts is the subject of the bearer token");
    }
    String actor = authorizer.mayControl(action, status).actor();
    ControlAction controlAction = ControlAction.valueOf(action.toUpperCase(Locale.ROOT));
    UpgradeControlRequested requested =
        new UpgradeControlRequested(
            id,
            status.cluster(),
            controlAction,
            actor,
            body.reason(),
            clock.instant(),
            status.logicalCluster());
    // A caller's trace travels with the request; without one, the orchestrator still puts what
    // it decides into the upgrade's own trace (UpgradeTraces).
    // With tracing on, a traced control's parent is this request's server span.
    TraceContext callers = TraceContext.parse(traceparent, tracestate).orElse(null);
    TraceContext server = callers == null ? null : EventSpan.current(tracestate);
    CloudEvent<UpgradeControlRequested> event =
        CloudEvent.of(SOURCE, requested, clock.instant())
            .withTrace(server != null ? server : callers == null ? null : callers.child());
    AuditEntry decision = decide(event);
    if (decision instanceof UpgradeTransitioned t) {
      return Response.accepted(
              new Accepted(
                  id,
                  status.cluster(),
                  status.greenCluster(),
                  t.to(),
                  t.reason(),
                  status.logicalCluster()))
          .build();
    }
    InputRejected r = (InputRejected) decision;
    throw new ProblemException(
        new Problem(
            Problem.TYPE_BASE + "action-not-applicable",
            "The action makes no sense in the upgrade's state",
            409,
            r.reason(),
            null,
            null,
            r.state() == null ? null : r.state().name()));
  }
}
