package dev.bluegreen.orchestrator.rest;

import dev.bluegreen.orchestrator.cloud.EksFleet;
import dev.bluegreen.orchestrator.inventory.LogicalCluster;
import dev.bluegreen.orchestrator.security.Authorizer;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The fleet inventory: every logical cluster with the EKS cluster serving it, its version and
 * support deadlines, its team, and its upgrades. Read from EKS (reads only) and the state stores.
 */
@Path("/clusters")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "clusters", description = "The fleet: logical clusters and their generations")
public class ClusterResource {

  private static final Set<String> SUPPORT =
      Set.of("STANDARD_SUPPORT", "EXTENDED_SUPPORT", "UNSUPPORTED", "UNKNOWN");

  private final EksFleet fleet;
  private final ClusterTargets targets;
  private final Authorizer authorizer;

  public ClusterResource(EksFleet fleet, ClusterTargets targets, Authorizer authorizer) {
    this.fleet = fleet;
    this.targets = targets;
    this.authorizer = authorizer;
  }

  @GET
  @Operation(
      summary = "Every logical cluster, filtered by team, version and support status",
      description =
          "sort=deadline (default: by name) puts the earliest end of standard support first.")
  @APIResponse(
      responseCode = "400",
      description = "Unknown support status or sort",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public List<LogicalCluster> list(
      @QueryParam("team") String team,
      @QueryParam("version") String version,
      @QueryParam("support") String support,
      @QueryParam("sort") String sort) {
    String wantedSupport = support == null ? null : support.toUpperCase(Locale.ROOT);
    if (wantedSupport != null && !SUPPORT.contains(wantedSupport)) {
      throw ProblemException.badRequest(
          "support", "unknown support status " + support + "; one of " + SUPPORT);
    }
    if (sort != null && !sort.equals("deadline") && !sort.equals("name")) {
      throw ProblemException.badRequest("sort", "unknown sort " + sort + "; name or deadline");
    }
    Comparator<LogicalCluster> order =
        "deadline".equals(sort)
            ? Comparator.comparing(
                    LogicalCluster::endOfStandardSupport,
                    Comparator.nullsLast(Comparator.<LocalDate>naturalOrder()))
                .thenComparing(LogicalCluster::name)
            : Comparator.comparing(LogicalCluster::name);
    // Only the clusters the caller may see: their teams', or all for platform viewers and admins.
    var visible = authorizer.teamsVisible();
    return all().stream()
        .filter(c -> visible.test(c.team()))
        .filter(c -> team == null || team.equals(c.team()))
        .filter(c -> version == null || version.equals(c.version()))
        .filter(c -> wantedSupport == null || wantedSupport.equals(c.supportStatus()))
        .sorted(order)
        .toList();
  }

  @GET
  @Path("/{name}")
  @Operation(summary = "One logical cluster, by its name or the name of any of its EKS clusters")
  @APIResponse(
      responseCode = "404",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public LogicalCluster get(@PathParam("name") String name) {
    LogicalCluster found =
        all().stream()
            .filter(
                c ->
                    c.name().equals(name)
                        || c.generations().stream().anyMatch(g -> g.cluster().equals(name)))
            .findFirst()
            .orElseThrow(
                () ->
                    ProblemException.notFound(
                        "no logical cluster, and no EKS cluster of one, named " + name));
    authorizer.mayReadCluster(found.name(), found.team());
    return found;
  }

  private List<LogicalCluster> all() {
    if (!fleet.enabled()) {
      throw ProblemException.unavailable(
          "the inventory needs EKS, which this orchestrator does not ask"
              + " (bluegreen.orchestrator.eks.enabled=false)");
    }
    try {
      return targets.inventory(fleet.clusters(""));
    } catch (EksFleet.Unavailable u) {
      throw ProblemException.unavailable(u.getMessage());
    }
  }
}
