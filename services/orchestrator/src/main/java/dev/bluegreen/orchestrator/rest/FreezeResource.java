package dev.bluegreen.orchestrator.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.contracts.CloudEventCodec;
import dev.bluegreen.contracts.events.FleetFreeze;
import dev.bluegreen.orchestrator.config.OrchestratorConfig;
import dev.bluegreen.orchestrator.messaging.FleetFreezeReader;
import dev.bluegreen.orchestrator.messaging.RequestPublisher;
import dev.bluegreen.orchestrator.security.Authorizer;
import dev.bluegreen.orchestrator.security.DeniedAttempts;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Fleet-wide freezes, declared while the fleet runs: a release, an incident, a holiday. A freeze is
 * published to {@code fleet.freezes.v1} (kept forever) and read back by every instance's {@link
 * FleetFreezeReader}, which holds them all; running upgrades learn of it before their next decision
 * and start no disruptive work while it is in effect. Freezes in configuration or in a request are
 * pinned in plans instead; these are not, so lifting one frees every upgrade it held.
 */
@Path("/freezes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
    name = "freezes",
    description = "Fleet-wide freezes: no disruptive work starts while in effect")
public class FreezeResource {

  private static final ObjectMapper STRICT_JSON =
      CloudEventCodec.newObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** A freeze id: what a Kafka key, a URL path and a person's memory all take. */
  static final Pattern ID = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$");

  /** The longest reason kept (the schema's limit). */
  static final int MAX_REASON = 500;

  private final FleetFreezeReader freezes;
  private final RequestPublisher publisher;
  private final Authorizer authorizer;
  private final OrchestratorConfig config;
  private final Clock clock = Clock.systemUTC();

  public FreezeResource(
      FleetFreezeReader freezes,
      RequestPublisher publisher,
      Authorizer authorizer,
      OrchestratorConfig config) {
    this.freezes = freezes;
    this.publisher = publisher;
    this.authorizer = authorizer;
    this.config = config;
  }

  /**
   * What {@code PUT /freezes/{id}} takes.
   *
   * @param from when it begins; absent: now
   * @param to when it ends (required, after from and in the future)
   * @param reason why, for the people it holds
   */
  public record FreezeBody(Instant from, Instant to, String reason) {}

  /** How a freeze stands at a moment. */
  public enum Standing {
    /** Declared, not begun. */
    SCHEDULED,
    /** Holding disruptive work now. */
    IN_EFFECT,
    /** Its end passed. */
    ENDED,
    /** A person lifted it. */
    LIFTED
  }

  /** A freeze as the API shows it. */
  public record FreezeView(
      String freezeId,
      Instant from,
      Instant to,
      String reason,
      Standing standing,
      String declaredBy,
      Instant declaredAt,
      String liftedBy,
      Instant liftedAt) {

    static FreezeView of(FleetFreeze f, Instant now) {
      Standing s =
          f.lifted()
              ? Standing.LIFTED
              : !now.isBefore(f.to())
                  ? Standing.ENDED
                  : now.isBefore(f.from()) ? Standing.SCHEDULED : Standing.IN_EFFECT;
      return new FreezeView(
          f.freezeId(),
          f.from(),
          f.to(),
          f.reason(),
          s,
          f.declaredBy(),
          f.declaredAt(),
          f.liftedBy(),
          f.liftedAt());
    }
  }

  @GET
  @Operation(
      summary = "The fleet's freezes",
      description =
          "Scheduled and in effect; with all=true also the ended and lifted ones. Every signed-in"
              + " person may read them: they hold every team's upgrades.")
  public List<FreezeView> list(@QueryParam("all") boolean all) {
    authorizer.caller();
    Instant now = clock.instant();
    known();
    return freezes.all().stream()
        .map(f -> FreezeView.of(f, now))
        .filter(
            v -> all || v.standing() == Standing.SCHEDULED || v.standing() == Standing.IN_EFFECT)
        .toList();
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "One freeze, however it stands")
  @APIResponse(responseCode = "404", description = "No freeze has this id")
  public FreezeView get(@PathParam("id") String id) {
    authorizer.caller();
    return find(id)
        .map(f -> FreezeView.of(f, clock.instant()))
        .orElseThrow(() -> ProblemException.notFound("no freeze " + id));
  }

  @PUT
  @Path("/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Declare a freeze, or change one",
      description =
          "Platform admins only. From its start no upgrade starts its first traffic shift or the"
              + " decommission of blue; work under way goes on. Running upgrades and campaigns"
              + " learn of it before their next decision. The same body again changes nothing.")
  @APIResponse(
      responseCode = "201",
      description = "Declared",
      content = @Content(schema = @Schema(implementation = FreezeView.class)))
  @APIResponse(
      responseCode = "200",
      description = "Changed, or already so",
      content = @Content(schema = @Schema(implementation = FreezeView.class)))
  @APIResponse(
      responseCode = "422",
      description = "It would end before it begins, or has already ended",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Response declare(@PathParam("id") String id, String json) {
    checkId(id);
    String actor = authorizer.mayActOnFleet("freeze.declare", about(id)).actor();
    FreezeBody body = parse(json);
    Instant now = clock.instant();
    Instant from = body.from() == null ? now : body.from();
    if (body.to() == null) {
      throw ProblemException.badRequest("to", "to is required: when the freeze ends");
    }
    if (!from.isBefore(body.to())) {
      throw invalid("to", "to (" + body.to() + ") must be after from (" + from + ")");
    }
    if (!now.isBefore(body.to())) {
      throw invalid("to", "to (" + body.to() + ") has passed: a freeze that ended holds nothing");
    }
    String reason = body.reason() == null || body.reason().isBlank() ? null : body.reason().strip();
    if (reason != null && reason.length() > MAX_REASON) {
      throw ProblemException.badRequest(
          "reason", "reason is " + reason.length() + " characters; at most " + MAX_REASON);
    }
    Optional<FleetFreeze> before = find(id);
    if (before.isPresent()
        && !before.get().lifted()
        && before.get().from().equals(from)
        && before.get().to().equals(body.to())
        && Objects.equals(before.get().reason(), reason)) {
      return Response.ok(FreezeView.of(before.get(), now)).build();
    }
    FleetFreeze freeze = new FleetFreeze(id, from, body.to(), reason, actor, now, null, null);
    publishAndAwait(freeze);
    return Response.status(before.isPresent() ? 200 : 201)
        .entity(FreezeView.of(freeze, now))
        .build();
  }

  @DELETE
  @Path("/{id}")
  @Operation(
      summary = "Lift a freeze",
      description =
          "Platform admins only. Upgrades it held start their disruptive work when their own"
              + " windows allow. Kept in the history (GET /freezes?all=true) as LIFTED.")
  @APIResponse(responseCode = "404", description = "No freeze has this id")
  public FreezeView lift(@PathParam("id") String id) {
    checkId(id);
    String actor = authorizer.mayActOnFleet("freeze.lift", about(id)).actor();
    FleetFreeze freeze = find(id).orElseThrow(() -> ProblemException.notFound("no freeze " + id));
    Instant now = clock.instant();
    if (freeze.lifted()) {
      return FreezeView.of(freeze, now);
    }
    FleetFreeze lifted = freeze.liftedBy(actor, now);
    publishAndAwait(lifted);
    return FreezeView.of(lifted, now);
  }

  private static ProblemException invalid(String field, String detail) {
    return new ProblemException(
        Problem.of(422, "invalid-freeze", "The freeze cannot be declared as asked", detail, field));
  }

  private static DeniedAttempts.About about(String id) {
    return DeniedAttempts.About.fleet("fleet freeze " + id);
  }

  private static void checkId(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw ProblemException.badRequest(
          "id",
          "a freeze id is 1-63 lowercase letters, digits and '-', starting and ending with a"
              + " letter or digit; got '"
              + id
              + "'");
    }
  }

  /**
   * Publishes the freeze and waits (up to the decision timeout) until this instance's reader has
   * it, so that a read right after the answer shows it; the upgrades read the same store.
   */
  private void publishAndAwait(FleetFreeze freeze) {
    try {
      publisher.publish(
          CloudEvent.of(UpgradeResource.SOURCE, freeze, freeze.declaredAt()),
          config.decisionTimeout());
    } catch (IllegalStateException e) {
      throw ProblemException.unavailable("the freeze was not recorded: " + e.getMessage());
    }
    long deadline = System.nanoTime() + config.decisionTimeout().toNanos();
    while (System.nanoTime() < deadline) {
      if (find(freeze.freezeId()).filter(freeze::equals).isPresent()) {
        return;
      }
      LockSupport.parkNanos(20_000_000L);
    }
    throw ProblemException.unavailable(
        "the freeze was recorded but this instance has not read it back yet: GET /freezes/"
            + freeze.freezeId()
            + " shows it once it has");
  }

  private Optional<FleetFreeze> find(String id) {
    known();
    return freezes.byId(id);
  }

  /** 503 until this instance has read the freezes: an answer before then could be wrong. */
  private void known() {
    if (!freezes.caughtUp()) {
      throw ProblemException.unavailable(
          "the fleet's freezes are still being read; try again shortly");
    }
  }

  private static FreezeBody parse(String json) {
    if (json == null || json.isBlank()) {
      throw ProblemException.badRequest(
          null, "a JSON body is required: {\"to\": ..., \"reason\": ...}");
    }
    try {
      FreezeBody body = STRICT_JSON.readValue(json, FreezeBody.class);
      if (body == null) {
        throw ProblemException.badRequest(null, "a JSON object is required");
      }
      return body;
    } catch (JsonProcessingException e) {
      throw new ProblemException(ProblemMappers.fromJson(e));
    }
  }
}
