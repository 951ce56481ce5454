package dev.bluegreen.orchestrator.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bluegreen.orchestrator.rest.Problem;
import io.quarkus.security.AuthenticationException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;

/**
 * Answers a call without a valid bearer token with 401 {@code application/problem+json} saying why
 * (no token, expired, another issuer, another audience, a signature that does not verify, an
 * unsigned token), instead of Quarkus' empty 401. Authentication happens before any resource, so
 * this is a Vert.x failure handler, not a JAX-RS exception mapper.
 */
@ApplicationScoped
public class AuthenticationProblems {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final DeniedAttempts denied;
  private final List<String> openPaths;

  /**
   * @param openPaths the paths open without a token: the same list as the HTTP permission that lets
   *     them through ({@code *} at the end matches anything below)
   */
  public AuthenticationProblems(
      DeniedAttempts denied,
      @ConfigProperty(name = "quarkus.http.auth.permission.open.paths") List<String> openPaths) {
    this.denied = denied;
    this.openPaths = List.copyOf(openPaths);
  }

  void register(@Observes Router router) {
    // A call without any credentials is refused here, before Quarkus' HTTP permission would answer
    // it with an empty challenge; the permission stays as the second lock.
    router.route().order(Integer.MIN_VALUE).handler(this::requireToken);
    router.route().order(Integer.MIN_VALUE).failureHandler(this::handle);
  }

  private void requireToken(RoutingContext ctx) {
    String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    if ((authorization == null || authorization.isBlank()) && !open(ctx.normalizedPath())) {
      refuse(ctx, classify(authorization, null));
      return;
    }
    ctx.next();
  }

  boolean open(String path) {
    for (String p : openPaths) {
      if (p.endsWith("/*")
          ? path.startsWith(p.substring(0, p.length() - 1))
              || path.equals(p.substring(0, p.length() - 2))
          : path.equals(p)) {
        return true;
      }
    }
    return false;
  }

  private void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (!(failure instanceof AuthenticationException || failure instanceof UnauthorizedException)
        || ctx.response().headWritten()) {
      ctx.next();
      return;
    }
    refuse(ctx, classify(ctx.request().getHeader(HttpHeaders.AUTHORIZATION), failure));
  }

  private void refuse(RoutingContext ctx, Reason reason) {
    String action = ctx.request().method().name() + " " + ctx.request().path();
    denied.record(
        new DeniedAttempts.Denial(
            401, reason.word, null, action, DeniedAttempts.About.fleet(action), reason.detail));
    String body;
    try {
      body =
          JSON.writeValueAsString(
              Problem.of(401, "unauthenticated", "Not authenticated", reason.detail, null));
    } catch (JsonProcessingException e) {
      body = "{\"status\":401}";
    }
    ctx.response()
        .setStatusCode(401)
        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
        .putHeader(
            "WWW-Authenticate",
            "Bearer error=\"invalid_token\", error_description=\"" + reason.word + "\"")
        .end(body);
  }

  /** Why a call was not authenticated: a fixed word (metric label) and a sentence for people. */
  record Reason(String word, String detail) {}

  static Reason classify(String authorization, Throwable failure) {
    if (authorization == null || authorization.isBlank()) {
      return new Reason(
          "no-token", "no bearer token: send Authorization: Bearer <token> from your IdP");
    }
    if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return new Reason("not-bearer", "the Authorization header is not a bearer token");
    }
    if (unsigned(authorization.substring(7).trim())) {
      return new Reason("unsigned", "the bearer token is not signed (alg none)");
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof InvalidJwtException jwt) {
        if (jwt.hasExpired()) {
          return new Reason("expired", "the bearer token has expired");
        }
        if (jwt.hasErrorCode(ErrorCodes.ISSUER_INVALID)
            || jwt.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
          return new Reason("wrong-issuer", "the bearer token is from another issuer");
        }
        if (jwt.hasErrorCode(ErrorCodes.AUDIENCE_INVALID)
            || jwt.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
          return new Reason("wrong-audience", "the bearer token is for another audience");
        }
        if (jwt.hasErrorCode(ErrorCodes.SIGNATURE_INVALID)
            || jwt.hasErrorCode(ErrorCodes.SIGNATURE_MISSING)) {
          return new Reason(
              "bad-signature",
              "the bearer token's signature does not verify with the issuer's keys");
        }
      }
      String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
      if (message.contains("expired") || message.contains("expiration")) {
        return new Reason("expired", "the bearer token has expired");
      }
      if (message.contains("issuer") || message.contains("iss ")) {
        return new Reason("wrong-issuer", "the bearer token is from another issuer");
      }
      if (message.contains("audience") || message.contains("aud ")) {
        return new Reason("wrong-audience", "the bearer token is for another audience");
      }
      if (message.contains("key") || message.contains("signature") || message.contains("kid")) {
        return new Reason(
            "bad-signature", "the bearer token's signature does not verify with the issuer's keys");
      }
    }
    return new Reason("invalid-token", "the bearer token could not be verified");
  }

  /** Whether the token's header says {@code "alg": "none"} (what a forger sends). */
  private static boolean unsigned(String token) {
    int dot = token.indexOf('.');
    if (dot <= 0) {
      return false;
    }
    try {
      var header = JSON.readTree(java.util.Base64.getUrlDecoder().decode(token.substring(0, dot)));
      return header != null && "none".equalsIgnoreCase(header.path("alg").asText());
    } catch (java.io.IOException | IllegalArgumentException e) {
      return false;
    }
  }
}
