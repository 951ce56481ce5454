package dev.bluegreen.issuer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The authorization-code flow with PKCE: over HTTP against a running {@link LocalIssuer} (sign-in
 * page, code, token), and {@link CodeFlow} alone where time matters (expiry).
 */
class CodeFlowTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONSOLE = "http://localhost:8080/console/";

  /** A verifier and its S256 challenge, computed apart (Python's hashlib and base64). */
  private static final String VERIFIER = "dBjftJeZ4CVP-mJ0kY9Ln8flm8wqz3AsDWsRzvNsU3Ur7";

  private static final String CHALLENGE = "F_qYGiOuHB1_lzDk0ul8wSXQM_yTZk16W6tmvzRVpp4";

  private final HttpClient http = HttpClient.newHttpClient();
  private final LocalIssuer issuer = LocalIssuer.start(0, SigningKey.generate());

  @AfterEach
  void stop() {
    issuer.close();
  }

  @Test
  void challenge_isBase64UrlOfSha256_asComputedElsewhere() {
    assertEquals(CHALLENGE, CodeFlow.challenge(VERIFIER));
  }

  @Test
  void discovery_listsTheCodeFlowWithS256() throws Exception {
    JsonNode d = JSON.readTree(get(issuer.url() + "/.well-known/openid-configuration").body());
    assertEquals(issuer.url() + "/authorize", d.path("authorization_endpoint").asText());
    assertEquals(issuer.url() + "/token", d.path("token_endpoint").asText());
    assertEquals("S256", d.path("code_challenge_methods_supported").get(0).asText());
    assertEquals("code", d.path("response_types_supported").get(0).asText());
  }

  @Test
  void signInPage_listsEveryDemoUser_andSaysItIsALocalDemoWithoutPassword() throws Exception {
    HttpResponse<String> page = get(issuer.url() + "/authorize?" + Form.encode(signIn(CHALLENGE)));
    assertEquals(200, page.statusCode());
    for (String user : DemoUsers.all().keySet()) {
      assertTrue(page.body().contains("data-user=\"" + user + "\""), user);
    }
    assertTrue(page.body().contains("Local demo sign-in, no password"), page.body());
  }

  @Test
  void codeAndVerifier_giveVicASignedTokenWithHisGroups_readableByTheConsolesOrigin()
      throws Exception {
    String code = pick(DemoUsers.VIC, signIn(CHALLENGE));
    HttpResponse<String> answer = redeem(code, VERIFIER, CONSOLE);
    assertEquals(200, answer.statusCode(), answer.body());
    assertEquals(
        "http://localhost:8080",
        answer.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
    JsonNode body = JSON.readTree(answer.body());
    assertEquals("Bearer", body.path("token_type").asText());
    JsonNode claims =
        JSON.readTree(
            Base64.getUrlDecoder().decode(body.path("access_token").asText().split("\\.")[1]));
    assertEquals("vic", claims.path("sub").asText());
    assertEquals(issuer.url(), claims.path("iss").asText());
    assertEquals(LocalIssuer.AUDIENCE, claims.path("aud").asText());
    assertEquals("platform-viewers", claims.path("groups").get(0).asText());
  }

  @Test
  void aCodeUsedTwice_isRefusedTheSecondTime() throws Exception {
    String code = pick(DemoUsers.ALICE, signIn(CHALLENGE));
    assertEquals(200, redeem(code, VERIFIER, CONSOLE).statusCode());
    HttpResponse<String> again = redeem(code, VERIFIER, CONSOLE);
    assertEquals(400, again.statusCode());
    assertEquals("invalid_grant", JSON.readTree(again.body()).path("error").asText());
  }

  @Test
  void aWrongVerifier_isRefused_andSpendsTheCode() throws Exception {
    String code = pick(DemoUsers.ALICE, signIn(CHALLENGE));
    HttpResponse<String> wrong = redeem(code, "x".repeat(43), CONSOLE);
    assertEquals(400, wrong.statusCode());
    assertTrue(wrong.body().contains("does not match the code_challenge"), wrong.body());
    // The right verifier after a wrong one: the code is gone (a guesser gets one try).
    assertEquals(400, redeem(code, VERIFIER, CONSOLE).statusCode());
  }

  @Test
  void anotherRedirectUri_isRefused_andGetsNoCorsHeader() throws Exception {
    String code = pick(DemoUsers.ALICE, signIn(CHALLENGE));
    HttpResponse<String> answer = redeem(code, VERIFIER, "http://evil.example/console/");
    assertEquals(400, answer.statusCode());
    assertTrue(answer.body().contains("redirect_uri"), answer.body());
    assertFalse(answer.headers().firstValue("Access-Control-Allow-Origin").isPresent());
  }

  @Test
  void aSignInWithoutS256_getsAnErrorPage_notARedirect() throws Exception {
    Map<String, String> plain = signIn("x".repeat(43));
    plain.put("code_challenge_method", "plain");
    HttpResponse<String> page = get(issuer.url() + "/authorize?" + Form.encode(plain));
    assertEquals(400, page.statusCode());
    assertTrue(page.body().contains("S256"), page.body());
  }

  @Test
  void cancel_goesBackWithAccessDenied() throws Exception {
    Map<String, String> form = signIn(CHALLENGE);
    form.put("user", "");
    HttpResponse<String> back = post(issuer.url() + "/authorize", form);
    assertEquals(303, back.statusCode());
    String location = back.headers().firstValue("Location").orElseThrow();
    assertTrue(location.startsWith(CONSOLE + "?error=access_denied&state=s1"), location);
  }

  @Test
  void aCode_expiresAfterItsLifetime() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    CodeFlow flow = new CodeFlow(clock);
    CodeFlow.SignInRequest request =
        new CodeFlow.SignInRequest("bluegreen-console", CONSOLE, "s", CHALLENGE, "S256", "code");
    String code = flow.issue(request, DemoUsers.SAM);
    clock.now = clock.now.plus(CodeFlow.CODE_LIFETIME);
    CodeFlow.Refused refused =
        assertThrows(
            CodeFlow.Refused.class,
            () -> flow.redeem(code, VERIFIER, "bluegreen-console", CONSOLE));
    assertEquals("the code expired", refused.getMessage());

    String fresh = flow.issue(request, DemoUsers.SAM);
    clock.now = clock.now.plus(CodeFlow.CODE_LIFETIME.minus(Duration.ofSeconds(1)));
    assertEquals("sam", flow.redeem(fresh, VERIFIER, "bluegreen-console", CONSOLE));
  }

  @Test
  void aCodeForAnotherClient_isRefused() {
    CodeFlow flow = new CodeFlow(Clock.systemUTC());
    String code =
        flow.issue(
            new CodeFlow.SignInRequest(
                "bluegreen-console", CONSOLE, "s", CHALLENGE, "S256", "code"),
            DemoUsers.SAM);
    assertThrows(
        CodeFlow.Refused.class, () -> flow.redeem(code, VERIFIER, "another-client", CONSOLE));
  }

  // ------------------------------------------------------------------------------- helpers

  private static Map<String, String> signIn(String challenge) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("response_type", "code");
    p.put("client_id", "bluegreen-console");
    p.put("redirect_uri", CONSOLE);
    p.put("state", "s1");
    p.put("code_challenge", challenge);
    p.put("code_challenge_method", "S256");
    return p;
  }

  /** Picks {@code user} on the sign-in page; the code from the redirect. */
  private String pick(String user, Map<String, String> signIn) throws Exception {
    Map<String, String> form = new LinkedHashMap<>(signIn);
    form.put("user", user);
    HttpResponse<String> back = post(issuer.url() + "/authorize", form);
    assertEquals(303, back.statusCode(), back.body());
    URI location = URI.create(back.headers().firstValue("Location").orElseThrow());
    assertEquals("/console/", location.getPath());
    Map<String, String> query = Form.parse(location.getRawQuery());
    assertEquals("s1", query.get("state"), "the state comes back unchanged");
    return query.get("code");
  }

  private HttpResponse<String> redeem(String code, String verifier, String redirectUri)
      throws Exception {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("code", code);
    form.put("code_verifier", verifier);
    form.put("client_id", "bluegreen-console");
    form.put("redirect_uri", redirectUri);
    return http.send(
        HttpRequest.newBuilder(URI.create(issuer.url() + "/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Origin", "http://localhost:8080")
            .POST(HttpRequest.BodyPublishers.ofString(Form.encode(form)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String url, Map<String, String> form) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(Form.encode(form), StandardCharsets.UTF_8))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
