package dev.bluegreen.issuer;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The authorization-code flow with PKCE (RFC 7636, S256 only) for public clients such as the
 * console: {@link #check} a sign-in request, {@link #issue} a code once a demo user is picked, and
 * {@link #redeem} it for the user at the token endpoint. A code lives {@link #CODE_LIFETIME}, is
 * bound to its client, redirect URI and challenge, and is gone after its first redemption, whether
 * that succeeds or not. No HTTP here: {@link LocalIssuer} serves it.
 */
public final class CodeFlow {

  /** How long a code may wait for its redemption. */
  public static final Duration CODE_LIFETIME = Duration.ofSeconds(60);

  /** RFC 7636 4.1: 43 to 128 characters of the unreserved set. */
  private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

  /** A S256 challenge: the base64url SHA-256 of a verifier, 43 characters. */
  private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Grant> grants = new ConcurrentHashMap<>();

  public CodeFlow(Clock clock) {
    this.clock = clock;
  }

  /**
   * A sign-in request ({@code GET /authorize}).
   *
   * @param clientId {@code client_id}: any name, the code is bound to it
   * @param redirectUri {@code redirect_uri}: an absolute http(s) URI without fragment
   * @param state {@code state}: handed back unchanged
   * @param codeChallenge {@code code_challenge}
   * @param codeChallengeMethod {@code code_challenge_method}: S256
   * @param responseType {@code response_type}: code
   */
  public record SignInRequest(
      String clientId,
      String redirectUri,
      String state,
      String codeChallenge,
      String codeChallengeMethod,
      String responseType) {}

  /** An OAuth error ({@code error}, {@code error_description}). */
  public static final class Refused extends RuntimeException {
    private final String error;

    Refused(String error, String description) {
      super(description);
      this.error = error;
    }

    /** The OAuth error code, e.g. {@code invalid_grant}. */
    public String error() {
      return error;
    }
  }

  private record Grant(
      String user, String clientId, String redirectUri, String challenge, Instant expiresAt) {}

  /** Refuses a request this issuer cannot answer with a code: what is wrong, in words. */
  public Optional<String> check(SignInRequest r) {
    if (r.clientId() == null || r.clientId().isBlank()) {
      return Optional.of("client_id is missing");
    }
    if (!redirectable(r.redirectUri())) {
      return Optional.of("redirect_uri must be an absolute http(s) URI without fragment");
    }
    if (!"code".equals(r.responseType())) {
      return Optional.of("response_type must be code");
    }
    if (!"S256".equals(r.codeChallengeMethod())) {
      return Optional.of("PKCE is required: code_challenge_method must be S256");
    }
    if (r.codeChallenge() == null || !CHALLENGE.matcher(r.codeChallenge()).matches()) {
      return Optional.of("code_challenge must be a base64url SHA-256 (43 characters)");
    }
    return Optional.empty();
  }

  /** A new code for {@code user}, who signed in through {@code r} (already {@link #check}ed). */
  public String issue(SignInRequest r, String user) {
    check(r)
        .ifPresent(
            problem -> {
              throw new Refused("invalid_request", problem);
            });
    if (DemoUsers.groups(user).isEmpty()) {
      throw new Refused("access_denied", user + " is not a demo user");
    }
    dropExpired();
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String code = B64.encodeToString(bytes);
    grants.put(
        code,
        new Grant(
            user,
            r.clientId(),
            r.redirectUri(),
            r.codeChallenge(),
            clock.instant().plus(CODE_LIFETIME)));
    return code;
  }

  /**
   * The user a code was issued to, if the code is known, unexpired, for this client and redirect
   * URI, and {@code verifier} hashes to its challenge. The code is spent by this call either way.
   */
  public String redeem(String code, String verifier, String clientId, String redirectUri) {
    Grant grant = code == null ? null : grants.remove(code);
    if (grant == null) {
      throw new Refused("invalid_grant", "unknown or already used code");
    }
    if (!clock.instant().isBefore(grant.expiresAt())) {
      throw new Refused("invalid_grant", "the code expired");
    }
    if (!grant.clientId().equals(clientId)) {
      throw new Refused("invalid_grant", "the code was issued to another client");
    }
    if (!grant.redirectUri().equals(redirectUri)) {
      throw new Refused("invalid_grant", "redirect_uri differs from the sign-in request's");
    }
    if (verifier == null || !VERIFIER.matcher(verifier).matches()) {
      throw new Refused("invalid_grant", "code_verifier must be 43 to 128 unreserved characters");
    }
    if (!MessageDigest.isEqual(
        challenge(verifier).getBytes(StandardCharsets.US_ASCII),
        grant.challenge().getBytes(StandardCharsets.US_ASCII))) {
      throw new Refused("invalid_grant", "code_verifier does not match the code_challenge");
    }
    return grant.user();
  }

  /** The S256 challenge of {@code verifier}: base64url(SHA-256(ASCII(verifier))). */
  public static String challenge(String verifier) {
    try {
      return B64.encodeToString(
          MessageDigest.getInstance("SHA-256")
              .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The origin ({@code scheme://host:port}) of an absolute URI, for CORS. */
  static String origin(String uri) {
    URI u = URI.create(uri);
    return u.getScheme() + "://" + u.getRawAuthority();
  }

  private static boolean redirectable(String uri) {
    if (uri == null) {
      return false;
    }
    try {
      URI u = new URI(uri);
      return u.isAbsolute()
          && ("http".equals(u.getScheme()) || "https".equals(u.getScheme()))
          && u.getRawAuthority() != null
          && u.getRawFragment() == null;
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  private void dropExpired() {
    Instant now = clock.instant();
    grants.values().removeIf(g -> !now.isBefore(g.expiresAt()));
  }
}
