package dev.bluegreen.orchestrator.rest;

import dev.bluegreen.orchestrator.config.ConsoleConfig;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What the console needs before anyone signs in: where to sign in and as which client. Open, like
 * the console's static files ({@code /console/*}); it holds no secret (the client is public).
 */
@Path("/console/config.json")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "console", description = "The web console's sign-in")
public class ConsoleResource {

  /**
   * @param issuer the OIDC issuer the browser signs in at (its discovery document is under it)
   * @param clientId the console's public client id
   * @param scope the scopes to ask for
   */
  public record ConsoleSignIn(String issuer, String clientId, String scope) {}

  private final ConsoleSignIn signIn;

  public ConsoleResource(
      ConsoleConfig config, @ConfigProperty(name = "quarkus.oidc.auth-server-url") String server) {
    this.signIn =
        new ConsoleSignIn(
            stripSlash(config.issuer().orElse(server)), config.clientId(), config.scope());
  }

  @GET
  @Operation(summary = "The console's sign-in settings: issuer, client id, scope (no token needed)")
  public ConsoleSignIn get() {
    return signIn;
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
