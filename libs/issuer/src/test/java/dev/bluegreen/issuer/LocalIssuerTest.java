package dev.bluegreen.issuer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalIssuerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  private JsonNode get(String url) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), url);
    return JSON.readTree(r.body());
  }

  @Test
  void tokenForAlice_verifiesAgainstThePublishedJwks() throws Exception {
    try (LocalIssuer issuer = LocalIssuer.start(0, SigningKey.generate())) {
      JsonNode discovery = get(issuer.url() + "/.well-known/openid-configuration");
      assertEquals(issuer.url(), discovery.path("issuer").asText());
      JsonNode jwk = get(discovery.path("jwks_uri").asText()).path("keys").get(0);

      String[] parts = issuer.token(DemoUsers.ALICE).split("\\.");
      JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
      JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
      assertEquals("RS256", header.path("alg").asText());
      assertEquals(jwk.path("kid").asText(), header.path("kid").asText());
      assertEquals("alice", claims.path("sub").asText());
      assertEquals(LocalIssuer.AUDIENCE, claims.path("aud").asText());
      assertEquals("platform-admins", claims.path("groups").get(0).asText());

      PublicKey key =
          KeyFactory.getInstance("RSA")
              .generatePublic(
                  new RSAPublicKeySpec(
                      new BigInteger(1, Base64.getUrlDecoder().decode(jwk.path("n").asText())),
                      new BigInteger(1, Base64.getUrlDecoder().decode(jwk.path("e").asText()))));
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initVerify(key);
      rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      assertTrue(rsa.verify(Base64.getUrlDecoder().decode(parts[2])), "signature verifies");
    }
  }

  @Test
  void keyFile_isCreatedOnce_ownerOnly_andReadBack(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("issuer/signing-key.pem");
    SigningKey first = SigningKey.loadOrCreate(file);
    SigningKey again = SigningKey.loadOrCreate(file);
    assertEquals(first.keyId(), again.keyId());
    assertEquals(
        "rw-------",
        java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }
}
