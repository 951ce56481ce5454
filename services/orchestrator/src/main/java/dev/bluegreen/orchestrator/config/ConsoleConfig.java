package dev.bluegreen.orchestrator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * How the web console signs people in, under {@code bluegreen.orchestrator.console.*}: the OIDC
 * authorization-code flow with PKCE, as a public client (no secret) of the same issuer whose tokens
 * the API accepts. Served to the console at {@code GET /console/config.json}.
 */
@ConfigMapping(prefix = "bluegreen.orchestrator.console")
public interface ConsoleConfig {

  /** The console's client id at the issuer (a public client, PKCE, redirect to /console/). */
  @WithDefault("bluegreen-console")
  String clientId();

  /**
   * The issuer URL as the browser reaches it, where it differs from the one the orchestrator uses
   * ({@code quarkus.oidc.auth-server-url}), e.g. behind another host name.
   */
  Optional<String> issuer();

  /**
   * The scopes the console asks for; the access token must carry the API's audience, e.g. {@code
   * openid api://bluegreen/.default} for Entra ID.
   */
  @WithDefault("openid")
  String scope();
}
