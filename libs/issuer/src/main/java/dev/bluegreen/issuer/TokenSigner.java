package dev.bluegreen.issuer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Turns a {@link TokenSpec} into a compact JWS (RS256), the bearer token the API checks. */
public final class TokenSigner {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final SigningKey key;

  public TokenSigner(SigningKey key) {
    this.key = key;
  }

  /** The token, signed with this signer's key. */
  public String sign(TokenSpec spec) {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("alg", "RS256");
    header.put("typ", "JWT");
    header.put("kid", key.keyId());
    String signingInput = part(header) + "." + part(claims(spec));
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(key.privateKey());
      rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + B64.encodeToString(rsa.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign", e);
    }
  }

  /**
   * A forged token with {@code "alg":"none"} and no signature, carrying this signer's key id: what
   * an attacker sends hoping the verifier trusts the header. Only for tests that prove it is
   * refused.
   */
  public String unsigned(TokenSpec spec) {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("alg", "none");
    header.put("typ", "JWT");
    header.put("kid", key.keyId());
    return part(header) + "." + part(claims(spec)) + ".";
  }

  static Map<String, Object> claims(TokenSpec spec) {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", spec.issuer());
    claims.put("sub", spec.subject());
    claims.put("aud", spec.audience());
    claims.put("iat", spec.issuedAt().getEpochSecond());
    claims.put("nbf", spec.issuedAt().getEpochSecond());
    claims.put("exp", spec.expiresAt().getEpochSecond());
    claims.put("jti", java.util.UUID.randomUUID().toString());
    claims.put("preferred_username", spec.subject());
    claims.put("groups", spec.groups());
    claims.putAll(spec.extraClaims());
    return claims;
  }

  private static String part(Map<String, Object> json) {
    try {
      return B64.encodeToString(JSON.writeValueAsBytes(json));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
