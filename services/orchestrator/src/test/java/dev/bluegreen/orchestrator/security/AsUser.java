package dev.bluegreen.orchestrator.security;

import dev.bluegreen.issuer.DemoUsers;
import dev.bluegreen.issuer.LocalIssuer;
import dev.bluegreen.issuer.SigningKey;
import dev.bluegreen.issuer.TokenSigner;
import dev.bluegreen.issuer.TokenSpec;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The API as one of the demo users (libs/issuer's {@link DemoUsers}), with a token signed by the
 * test issuer ({@link IssuerTestResource}). {@link #given()} is alice, the platform admin: tests
 * about something else than authorization use it.
 */
public final class AsUser {

  private AsUser() {}

  /** A request as alice, who may do anything. */
  public static RequestSpecification given() {
    return given(DemoUsers.ALICE);
  }

  /** A request as {@code user}. */
  public static RequestSpecification given(String user) {
    return withToken(token(user));
  }

  /** A request as {@code user}, a member of exactly {@code groups}. */
  public static RequestSpecification given(String user, List<String> groups) {
    return withToken(signer().sign(spec(user).withGroups(groups)));
  }

  /** A request with exactly this bearer token. */
  public static RequestSpecification withToken(String token) {
    return RestAssured.given().auth().oauth2(token);
  }

  /** A token for {@code user}, as the test issuer signs it. */
  public static String token(String user) {
    return signer().sign(spec(user));
  }

  /** What a token for {@code user} says by default; tests change one field to forge a bad one. */
  public static TokenSpec spec(String user) {
    return new TokenSpec(
        issuerUrl(),
        user,
        LocalIssuer.AUDIENCE,
        DemoUsers.groups(user).orElse(List.of()),
        Clock.systemUTC().instant(),
        Duration.ofMinutes(10),
        Map.of());
  }

  /** The test issuer's signer. */
  public static TokenSigner signer() {
    return new TokenSigner(
        SigningKey.loadOrCreate(
            Path.of(
                ConfigProvider.getConfig().getValue(IssuerTestResource.KEY_FILE, String.class))));
  }

  public static String issuerUrl() {
    return ConfigProvider.getConfig().getValue("quarkus.oidc.auth-server-url", String.class);
  }
}
