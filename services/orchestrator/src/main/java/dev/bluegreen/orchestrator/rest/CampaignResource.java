package dev.bluegreen.orchestrator.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bluegreen.campaign.core.Campaign;
import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.contracts.CloudEventCodec;
import dev.bluegreen.contracts.events.CampaignAction;
import dev.bluegreen.contracts.events.CampaignControlRequested;
import dev.bluegreen.contracts.events.CampaignRequested;
import dev.bluegreen.contracts.events.CampaignStatus;
import dev.bluegreen.contracts.events.MemberStatus;
import dev.bluegreen.orchestrator.campaigns.CampaignBody;
import dev.bluegreen.orchestrator.campaigns.CampaignPlanner;
import dev.bluegreen.orchestrator.campaigns.CampaignView;
import dev.bluegreen.orchestrator.campaigns.FleetDrift;
import dev.bluegreen.orchestrator.cloud.EksFleet;
import dev.bluegreen.orchestrator.config.OrchestratorConfig;
import dev.bluegreen.orchestrator.config.WindowPolicy;
import dev.bluegreen.orchestrator.inventory.EksCluster;
import dev.bluegreen.orchestrator.messaging.FleetFreezeReader;
import dev.bluegreen.orchestrator.messaging.RequestPublisher;
import dev.bluegreen.orchestrator.security.Authorizer;
import dev.bluegreen.orchestrator.streams.AuditTrail;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Fleet campaigns: many logical clusters upgraded in waves, with concurrency, soak, gates and a
 * failure budget; a plan (dry run: every member's real pre-flight) comes first if asked. The
 * campaign state machine runs in the orchestrator's Kafka Streams app; this resource publishes
 * requests and controls and reads the campaign store.
 */
@Path("/campaigns")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "campaigns", description = "Fleet campaigns: waves of upgrades")
public class CampaignResource {

  private static final ObjectMapper STRICT_JSON =
      CloudEventCodec.newObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** Statuses in which a campaign holds its members (a second campaign over them is refused). */
  private static final Set<CampaignStatus> HOLDS_MEMBERS =
      Set.of(
          CampaignStatus.SCHEDULED,
          CampaignStatus.RUNNING,
          CampaignStatus.AWAITING_APPROVAL,
          CampaignStatus.PAUSED,
          CampaignStatus.CANCELLING,
          CampaignStatus.ROLLING_BACK);

  private final OrchestratorConfig config;
  private final EksFleet fleet;
  private final ClusterTargets targets;
  private final RequestPublisher publisher;
  private final CampaignQueries queries;
  private final Authorizer authorizer;
  private final WindowPolicy windowPolicy;
  private final FleetFreezeReader freezes;
  private final Clock clock = Clock.systemUTC();

  public CampaignResource(
      OrchestratorConfig config,
      EksFleet fleet,
      ClusterTargets targets,
      RequestPublisher publisher,
      CampaignQueries queries,
      Authorizer authorizer,
      WindowPolicy windowPolicy,
      FleetFreezeReader freezes) {
    this.config = config;
    this.freezes = freezes;
    this.windowPolicy = windowPolicy;
    this.fleet = fleet;
    this.targets = targets;
    this.publisher = publisher;
    this.queries = queries;
    this.authorizer = authorizer;
  }

  /**
   * What POST /campaigns answers: the campaign as first decided, and what the selector left out.
   */
  public record Created(CampaignView campaign, List<CampaignPlanner.Excluded> excluded) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Start a campaign, or plan one (dryRun=true)",
      description =
          "Members are resolved from the selector now (a snapshot). With dryRun=true every member's"
              + " real pre-flight runs and nothing changes; the plan (status PLANNED) is started"
              + " with POST /campaigns/{id}/start.")
  @APIResponse(
      responseCode = "202",
      content = @Content(schema = @Schema(implementation = Created.class)))
  @APIResponse(
      responseCode = "409",
      description = "Another campaign holds some of the members",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "422",
      description = "Nothing to do as asked (no member, empty wave, impossible schedule)",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Response create(String json, @QueryParam("dryRun") boolean dryRun) {
    // Campaigns span teams: platform admins only; the actor is the token's subject.
    var caller = authorizer.mayActOnAllTeams("campaign.create", null);
    String actor = caller.actor();
    CampaignBody body = parse(json, CampaignBody.class);
    FleetNow now = fleetNow();
    List<EksCluster> clusters = now.clusters();
    Map<String, Map<String, String>> tags = now.tags();
    String id = "cmp-" + UUID.randomUUID().toString().substring(0, 13);
    CampaignPlanner.Result planned =
        CampaignPlanner.plan(
            body,
            new CampaignPlanner.Context(
                id,
                targets.inventory(clusters),
                tags,
                targets.supportedVersions(),
                config.maxMinorVersionsPerUpgrade(),
                config.defaultRetention(),
                dryRun,
                actor,
                clock.instant(),
                windowPolicy::forTeam,
                freezes
                    .standing(clock.instant())
                    .orElseThrow(
                        () ->
                            ProblemException.unavailable(
                                "the fleet's freezes are still being read; try again shortly"))));
    if (planned.violation() != null) {
      var v = planned.violation();
      if (!dryRun && !planned.excluded().isEmpty()) {
        // Left out because another campaign's upgrade runs there: that campaign is the answer.
        refuseOverlap(
            planned.excluded().stream().map(CampaignPlanner.Excluded::cluster).toList(), null);
      }
      throw v.status() == 400
          ? ProblemException.badRequest(v.field(), v.detail())
          : new ProblemException(
              Problem.of(
                  422,
                  "invalid-campaign",
                  "The campaign cannot be done as asked",
                  v.detail(),
                  v.field()));
    }
    CampaignRequested request = planned.request();
    authorizer.campaignKeepsPolicies(caller, request.members(), request.plan());
    if (!dryRun) {
      refuseOverlap(request.members().stream().map(m -> m.cluster()).toList(), null);
    }
    publish(CloudEvent.of(UpgradeResource.SOURCE, request, clock.instant()));
    Campaign created =
        awaitCampaign(id, c -> true)
            .orElseThrow(
                () ->
                    ProblemException.unavailable(
                        "campaign "
                            + id
                            + " was sent but not decided within "
                            + config.decisionTimeout()));
    return Response.accepted(new Created(view(created), planned.excluded()))
        .location(URI.create("/campaigns/" + id))
        .build();
  }

  @GET
  @Operation(summary = "Every campaign, newest first; status filters")
  public List<CampaignView> list(@QueryParam("status") String status) {
    authorizer.mayReadAllTeams("campaigns");
    CampaignStatus wanted = status == null ? null : parseStatus(status);
    return queries.all().stream()
        .filter(c -> wanted == null || c.status() == wanted)
        .sorted(Comparator.comparing(Campaign::createdAt).reversed())
        .map(this::view)
        .toList();
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "One campaign: waves, members and their upgrades, counts, budget, estimate")
  @APIResponse(
      responseCode = "404",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public CampaignView get(@PathParam("id") String id) {
    authorizer.mayReadCampaign(id);
    return view(find(id));
  }

  @GET
  @Path("/{id}/drift")
  @Operation(
      summary =
          "Clusters that appeared in or vanished from the fleet since the campaign's snapshot"
              + " (reported, never added or dropped); reads the fleet from EKS")
  @APIResponse(
      responseCode = "409",
      description = "the campaign was requested before its selector was kept",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public FleetDrift drift(@PathParam("id") String id) {
    authorizer.mayReadCampaign(id);
    Campaign campaign = find(id);
    FleetNow now = fleetNow();
    return FleetDrift.of(campaign.spec(), targets.inventory(now.clusters()), now.tags())
        .orElseThrow(
            () ->
                new ProblemException(
                    Problem.of(
                        409,
                        "no-snapshot-selector",
                        "Nothing to compare",
                        "campaign "
                            + id
                            + " was requested before campaigns kept their selector; its members"
                            + " are all it knows",
                        null)));
  }

  /** The fleet's EKS clusters read now, and their tags by cluster name. */
  private record FleetNow(List<EksCluster> clusters, Map<String, Map<String, String>> tags) {}

  /** Reads the fleet from EKS; 503 when the inventory is off or EKS does not answer. */
  private FleetNow fleetNow() {
    if (!fleet.enabled()) {
      throw ProblemException.unavailable(
          "campaigns need the fleet inventory from EKS (bluegreen.orchestrator.eks.enabled=false)");
    }
    List<EksCluster> clusters;
    try {
      clusters = fleet.clusters("");
    } catch (EksFleet.Unavailable u) {
      throw ProblemException.unavailable(u.getMessage());
    }
    Map<String, Map<String, String>> tags = new HashMap<>();
    clusters.forEach(c -> tags.put(c.name(), c.tags()));
    return new FleetNow(clusters, tags);
  }

  @GET
  @Path("/{id}/events")
  @Operation(summary = "The campaign's audit trail: every decision with cause, actor and reason")
  public List<AuditTrail.Line> events(
      @PathParam("id") String id, @QueryParam("scope") String scope) {
    authorizer.mayReadCampaign(id);
    if (PeerReads.LOCAL.equals(scope)) {
      queries.localById(id).orElseThrow(() -> ProblemException.notFound("no campaign " + id));
      return queries.localAuditTrail(id).map(AuditTrail::entries).orElse(List.of());
    }
    find(id);
    return queries.auditTrail(id).map(AuditTrail::entries).orElse(List.of());
  }

  /**
   * Another instance asks for the campaigns this one holds (a campaign lives with the partition of
   * its id); not for people: {@code GET /campaigns} answers them for every instance.
   */
  @GET
  @Path("/stored")
  @Operation(hidden = true)
  public List<Campaign> storedHere(@QueryParam("scope") String scope) {
    authorizer.mayReadAllTeams("campaigns");
    return queries.localAll();
  }

  /** Another instance asks for a campaign this one may hold, as stored. */
  @GET
  @Path("/{id}/stored")
  @Operation(hidden = true)
  public Campaign storedHere(@PathParam("id") String id, @QueryParam("scope") String scope) {
    authorizer.mayReadCampaign(id);
    return queries.localById(id).orElseThrow(() -> ProblemException.notFound("no campaign " + id));
  }

  @GET
  @Path("/{id}/timeline")
  @Produces(MediaType.TEXT_PLAIN)
  @Operation(summary = "The campaign's history as text: one line per decision")
  public String timeline(@PathParam("id") String id) {
    authorizer.mayReadCampaign(id);
    find(id);
    StringBuilder out = new StringBuilder();
    for (AuditTrail.Line line : queries.auditTrail(id).map(AuditTrail::entries).orElse(List.of())) {
      Map<String, Object> d = line.data();
      out.append(line.at())
          .append("  ")
          .append(String.format("%-17s", d.get("to")))
          .append(" wave ")
          .append(d.get("wave"))
          .append("  ")
          .append(Boolean.TRUE.equals(d.get("rejected")) ? "REFUSED " : "")
          .append(d.get("reason"))
          .append("  [")
          .append(d.get("actor"))
          .append("]\n");
    }
    return out.toString();
  }

  // -------------------------------------------------------------------------- controls

  /**
   * Optional body of a campaign control.
   *
   * @param reason why, for the audit log
   * @param wave the wave a rollback is about (absent: the whole campaign)
   */
  public record CampaignControlBody(String reason, String wave) {}

  @POST
  @Path("/{id}/{action: pause|resume|cancel|approve|start|rollback}")
  @Operation(
      summary = "Pause, resume, cancel, approve the waiting gate, start a plan, or roll back",
      description =
          "rollback with {\"wave\": name} sends that wave's members back to blue and pauses;"
              + " without, every member that keeps its blue goes back and the campaign ends"
              + " ROLLED_BACK. 202 when applied; 409 with the reason when not.")
  @APIResponse(
      responseCode = "409",
      description = "The action makes no sense in the campaign's state",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Response control(
      @PathParam("id") String id, @PathParam("action") String action, String json) {
    String actor = authorizer.mayActOnAllTeams("campaign." + action, id).actor();
    CampaignControlBody body =
        json == null || json.isBlank()
            ? new CampaignControlBody(null, null)
            : parse(json, CampaignControlBody.class);
    Campaign campaign = find(id);
    CampaignAction a = CampaignAction.valueOf(action.toUpperCase(Locale.ROOT));
    if (a == CampaignAction.START) {
      refuseOverlap(
          campaign.members().stream()
              .filter(m -> m.status() != MemberStatus.SKIPPED)
              .map(m -> m.cluster())
              .toList(),
          id);
    }
    return decideControl(id, a, null, body.wave(), actor, body.reason());
  }

  @POST
  @Path("/{id}/members/{member}/{action: skip|retry}")
  @Operation(
      summary = "Skip a member that has not started, or retry a failed one with its pinned plan")
  @APIResponse(
      responseCode = "409",
      description = "The action makes no sense for the member",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Response memberControl(
      @PathParam("id") String id,
      @PathParam("member") String member,
      @PathParam("action") String action,
      String json) {
    String actor = authorizer.mayActOnAllTeams("campaign.member." + action, id).actor();
    CampaignControlBody body =
        json == null || json.isBlank()
            ? new CampaignControlBody(null, null)
            : parse(json, CampaignControlBody.class);
    Campaign campaign = find(id);
    if (campaign.member(member).isEmpty()) {
      throw ProblemException.notFound(member + " is not a member of campaign " + id);
    }
    return decideControl(
        id,
        CampaignAction.valueOf(action.toUpperCase(Locale.ROOT)),
        member,
        null,
        actor,
        body.reason());
  }

  private Response decideControl(
      String id, CampaignAction action, String member, String wave, String actor, String reason) {
    CampaignControlRequested control =
        new CampaignControlRequested(id, action, member, wave, actor, reason, clock.instant());
    CloudEvent<CampaignControlRequested> event =
        CloudEvent.of(UpgradeResource.SOURCE, control, clock.instant());
    publish(event);
    // The campaign's audit trail answers: the entry caused by this control says what happened.
    Optional<AuditTrail.Line> decided = awaitDecision(id, event.id());
    if (decided.isEmpty()) {
      throw ProblemException.unavailable(
          "no decision within " + config.decisionTimeout() + "; the control may still be applied");
    }
    Map<String, Object> d = decided.get().data();
    if (Boolean.TRUE.equals(d.get("rejected"))) {
      throw new ProblemException(
          new Problem(
              Problem.TYPE_BASE + "action-not-applicable",
              "The action makes no sense in the campaign's state",
              409,
              String.valueOf(d.get("reason")),
              member == null ? null : "member",
              null,
              String.valueOf(d.get("to"))));
    }
    return Response.accepted(view(find(id))).build();
  }

  // ------------------------------------------------------------------------------ helpers

  private CampaignView view(Campaign c) {
    Instant now = clock.instant();
    return CampaignView.of(
        c, now, config.campaignUpgradeEstimate(), freezes.standing(now).orElse(List.of()));
  }

  private Campaign find(String id) {
    return queries.byId(id).orElseThrow(() -> ProblemException.notFound("no campaign " + id));
  }

  /** 409 when a campaign that holds its members already covers one of these clusters. */
  private void refuseOverlap(List<String> members, String except) {
    Set<String> wanted = new HashSet<>(members);
    for (Campaign other : queries.all()) {
      if (Objects.equals(other.id(), except) || !HOLDS_MEMBERS.contains(other.status())) {
        continue;
      }
      List<String> shared =
          other.members().stream()
              .filter(m -> !m.status().isTerminal())
              .map(m -> m.cluster())
              .filter(wanted::contains)
              .sorted()
              .toList();
      if (!shared.isEmpty()) {
        throw new ProblemException(
            new Problem(
                Problem.TYPE_BASE + "campaign-overlap",
                "Another campaign holds some of these clusters",
                409,
                "campaign "
                    + other.id()
                    + " ("
                    + other.status()
                    + ") holds "
                    + shared
                    + "; exclude them or wait for it to end",
                "selector",
                null,
                other.status().name()));
      }
    }
  }

  private void publish(CloudEvent<?> event) {
    try {
      publisher.publish(event, config.decisionTimeout());
    } catch (IllegalStateException e) {
      throw ProblemException.unavailable(e.getMessage());
    }
  }

  private Optional<Campaign> awaitCampaign(String id, Predicate<Campaign> done) {
    Instant deadline = clock.instant().plus(config.decisionTimeout());
    while (clock.instant().isBefore(deadline)) {
      Optional<Campaign> c = queries.byId(id);
      if (c.isPresent() && done.test(c.get())) {
        return c;
      }
      pause();
    }
    return Optional.empty();
  }

  private Optional<AuditTrail.Line> awaitDecision(String id, String causeId) {
    Instant deadline = clock.instant().plus(config.decisionTimeout());
    while (clock.instant().isBefore(deadline)) {
      Optional<AuditTrail.Line> line =
          queries
              .auditTrail(id)
              .flatMap(
                  t ->
                      t.entries().stream()
                          .filter(
                              l ->
                                  l.data() != null
                                      && l.data().get("cause") instanceof Map<?, ?> cause
                                      && causeId.equals(cause.get("eventId")))
                          .findFirst());
      if (line.isPresent()) {
        return line;
      }
      pause();
    }
    return Optional.empty();
  }

  /** Between two looks at the store while a decision is awaited (the decision takes ~100 ms). */
  private static void pause() {
    try {
      Thread.sleep(Duration.ofMillis(50).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ProblemException.unavailable("interrupted");
    }
  }

  private static CampaignStatus parseStatus(String status) {
    try {
      return CampaignStatus.valueOf(status.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest(
          "status", "unknown status " + status + "; one of " + List.of(CampaignStatus.values()));
    }
  }

  private static <T> T parse(String json, Class<T> type) {
    if (json == null || json.isBlank()) {
      throw ProblemException.badRequest(null, "a JSON body is required");
    }
    try {
      T body = STRICT_JSON.readValue(json, type);
      if (body == null) {
        throw ProblemException.badRequest(null, "a JSON object is required");
      }
      return body;
    } catch (JsonProcessingException e) {
      throw new ProblemException(ProblemMappers.fromJson(e));
    }
  }
}
