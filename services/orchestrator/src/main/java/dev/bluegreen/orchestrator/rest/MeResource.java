package dev.bluegreen.orchestrator.rest;

import dev.bluegreen.orchestrator.security.Authorizer;
import dev.bluegreen.orchestrator.security.Caller;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Who the caller is and what they may do, from the same {@link Authorizer} the API enforces: the
 * console shows a control only where the caller's role allows it. The server stays the authority:
 * every call is authorized again when it is made.
 */
@Path("/me")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "me", description = "The signed-in caller")
public class MeResource {

  /**
   * @param actor the token's subject, the actor the audit log records
   * @param platformAdmin anything on any cluster, campaigns too
   * @param platformViewer reads every cluster, upgrade and campaign
   * @param teams the roles per team ({@code viewer}, {@code operator}, {@code approver}), sorted
   */
  public record Me(
      String actor,
      boolean platformAdmin,
      boolean platformViewer,
      Map<String, List<String>> teams) {

    static Me of(Caller caller) {
      Map<String, List<String>> teams = new TreeMap<>();
      caller
          .teamRoles()
          .forEach(
              (team, roles) ->
                  teams.put(
                      team,
                      roles.stream()
                          .sorted()
                          .map(r -> r.name().toLowerCase(Locale.ROOT))
                          .toList()));
      return new Me(caller.actor(), caller.admin(), caller.readsAll(), teams);
    }
  }

  private final Authorizer authorizer;

  public MeResource(Authorizer authorizer) {
    this.authorizer = authorizer;
  }

  @GET
  @Operation(summary = "Who the caller is: actor, platform admin or viewer, roles per team")
  public Me get() {
    return Me.of(authorizer.caller());
  }
}
