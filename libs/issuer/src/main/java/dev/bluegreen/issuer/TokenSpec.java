package dev.bluegreen.issuer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a token says. Tests change one field at a time to forge a token that must be refused
 * (expired, another issuer, another audience).
 *
 * @param issuer {@code iss}
 * @param subject {@code sub}: who the caller is; the platform's actor
 * @param audience {@code aud}
 * @param groups {@code groups}: what the platform maps to roles
 * @param issuedAt {@code iat} (and {@code nbf})
 * @param lifetime {@code exp} - {@code iat}
 * @param extraClaims any further claims (e.g. {@code preferred_username})
 */
public record TokenSpec(
    String issuer,
    String subject,
    String audience,
    List<String> groups,
    Instant issuedAt,
    Duration lifetime,
    Map<String, Object> extraClaims) {

  public TokenSpec {
    groups = groups == null ? List.of() : List.copyOf(groups);
    extraClaims = extraClaims == null ? Map.of() : Map.copyOf(extraClaims);
  }

  public TokenSpec withIssuer(String value) {
    return new TokenSpec(value, subject, audience, groups, issuedAt, lifetime, extraClaims);
  }

  public TokenSpec withAudience(String value) {
    return new TokenSpec(issuer, subject, value, groups, issuedAt, lifetime, extraClaims);
  }

  public TokenSpec withGroups(List<String> value) {
    return new TokenSpec(issuer, subject, audience, value, issuedAt, lifetime, extraClaims);
  }

  /** Issued at {@code at}, valid for {@code validFor}. */
  public TokenSpec issued(Instant at, Duration validFor) {
    return new TokenSpec(issuer, subject, audience, groups, at, validFor, extraClaims);
  }

  public Instant expiresAt() {
    return issuedAt.plus(lifetime);
  }
}
