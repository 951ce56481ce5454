package dev.bluegreen.issuer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * A real OIDC issuer for the local run and tests: it serves the discovery document ({@code
 * /.well-known/openid-configuration}) and its public key ({@code /jwks}) over HTTP on the loopback
 * interface, and signs tokens for the demo users. Whoever holds the key file mints tokens ({@code
 * bin/token}); a browser signs in with the authorization-code flow and PKCE ({@code /authorize},
 * {@code /token}, {@link CodeFlow}) by picking a demo user on a page without password: a local demo
 * sign-in, nothing more. A real deployment points the orchestrator and the console at a real IdP
 * instead (docs/security.md).
 */
public final class LocalIssuer implements AutoCloseable {

  /** The audience the orchestrator expects by default ({@code quarkus.oidc.token.audience}). */
  public static final String AUDIENCE = "bluegreen-api";

  /** How long a token lives by default. */
  public static final Duration LIFETIME = Duration.ofHours(1);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final String url;
  private final SigningKey key;
  private final TokenSigner signer;
  private final Clock clock;
  private final CodeFlow codes;

  private LocalIssuer(HttpServer server, SigningKey key, Clock clock, String url) {
    this.server = server;
    this.key = key;
    this.signer = new TokenSigner(key);
    this.clock = clock;
    this.codes = new CodeFlow(clock);
    this.url = url != null ? url : issuerUrl(server.getAddress().getPort());
    // Discovery and keys are public: any page may read them (the console reads the discovery).
    server.createContext(
        "/.well-known/openid-configuration", ex -> json(ex, "*", 200, discovery()));
    server.createContext(
        "/jwks", ex -> json(ex, "*", 200, Map.of("keys", List.of(key.publicJwk()))));
    server.createContext("/authorize", this::authorize);
    server.createContext("/token", this::tokenEndpoint);
    server.createContext("/", ex -> answer(ex, 404, "{\"error\":\"not found\"}"));
  }

  /** Starts an issuer on {@code port} of the loopback interface (0: any free port). */
  public static LocalIssuer start(int port, SigningKey key) {
    return start(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), key, null);
  }

  /**
   * Starts an issuer listening on {@code address}, known to its clients as {@code url} (null: this
   * machine's {@code http://localhost:<port>}), e.g. {@code http://issuer:8090} in a container
   * network.
   */
  public static LocalIssuer start(InetSocketAddress address, SigningKey key, String url) {
    try {
      HttpServer server = HttpServer.create(address, 16);
      server.setExecutor(
          Executors.newFixedThreadPool(
              2,
              r -> {
                Thread t = new Thread(r, "local-issuer");
                t.setDaemon(true);
                return t;
              }));
      LocalIssuer issuer = new LocalIssuer(server, key, Clock.systemUTC(), url);
      server.start();
      return issuer;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the local issuer on " + address, e);
    }
  }

  /** The issuer URL ({@code iss}) of an issuer on {@code port} of this machine. */
  public static String issuerUrl(int port) {
    return "http://localhost:" + port;
  }

  /** This issuer's URL: {@code quarkus.oidc.auth-server-url} and every token's {@code iss}. */
  public String url() {
    return url;
  }

  public SigningKey key() {
    return key;
  }

  /** A signed token for {@code user} with the groups of the demo directory. */
  public String token(String user) {
    return signer.sign(spec(user));
  }

  /** A signed token for {@code user} with exactly {@code groups}. */
  public String token(String user, List<String> groups) {
    return signer.sign(spec(user).withGroups(groups));
  }

  /** Signs {@code spec} with this issuer's key. */
  public String sign(TokenSpec spec) {
    return signer.sign(spec);
  }

  /** What a token for {@code user} says by default: this issuer, the API's audience, an hour. */
  public TokenSpec spec(String user) {
    return spec(url, user, clock);
  }

  static TokenSpec spec(String issuer, String user, Clock clock) {
    return new TokenSpec(
        issuer,
        user,
        AUDIENCE,
        DemoUsers.groups(user).orElse(List.of()),
        clock.instant(),
        LIFETIME,
        Map.of());
  }

  private Map<String, Object> discovery() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("issuer", url);
    doc.put("jwks_uri", url + "/jwks");
    doc.put("authorization_endpoint", url + "/authorize");
    doc.put("token_endpoint", url + "/token");
    doc.put("id_token_signing_alg_values_supported", List.of("RS256"));
    doc.put("subject_types_supported", List.of("public"));
    doc.put("response_types_supported", List.of("code"));
    doc.put("grant_types_supported", List.of("authorization_code"));
    doc.put("code_challenge_methods_supported", List.of("S256"));
    doc.put("token_endpoint_auth_methods_supported", List.of("none"));
    doc.put("scopes_supported", List.of("openid"));
    doc.put("claims_supported", List.of("sub", "iss", "aud", "exp", "iat", "groups"));
    return doc;
  }

  /**
   * {@code GET /authorize}: the sign-in page listing the demo users; {@code POST /authorize} with
   * the picked {@code user}: back to the redirect URI with a code and the state (or {@code
   * error=access_denied} on cancel). A request that cannot be answered safely (no client, no usable
   * redirect URI, no S256 challenge) gets an error page, never a redirect.
   */
  private void authorize(HttpExchange ex) throws IOException {
    boolean post = "POST".equals(ex.getRequestMethod());
    if (!post && !"GET".equals(ex.getRequestMethod())) {
      answer(ex, 405, "text/plain", "GET or POST");
      return;
    }
    Map<String, String> p =
        post ? Form.parse(readBody(ex)) : Form.parse(ex.getRequestURI().getRawQuery());
    CodeFlow.SignInRequest request =
        new CodeFlow.SignInRequest(
            p.get("client_id"),
            p.get("redirect_uri"),
            p.get("state"),
            p.get("code_challenge"),
            p.get("code_challenge_method"),
            p.get("response_type"));
    var problem = codes.check(request);
    if (problem.isPresent()) {
      answer(ex, 400, "text/html; charset=utf-8", SignInPage.error(problem.get()));
      return;
    }
    if (!post) {
      ex.getResponseHeaders().set("Cache-Control", "no-store");
      // The page may not be framed: a click on it must be the user's own.
      ex.getResponseHeaders().set("X-Frame-Options", "DENY");
      answer(ex, 200, "text/html; charset=utf-8", SignInPage.render(request, url));
      return;
    }
    String user = p.getOrDefault("user", "");
    Map<String, String> back = new LinkedHashMap<>();
    if (user.isEmpty()) {
      back.put("error", "access_denied");
    } else {
      try {
        back.put("code", codes.issue(request, user));
      } catch (CodeFlow.Refused r) {
        back.put("error", r.error());
        back.put("error_description", r.getMessage());
      }
    }
    if (request.state() != null) {
      back.put("state", request.state());
    }
    String redirect = request.redirectUri();
    ex.getResponseHeaders()
        .set("Location", redirect + (redirect.contains("?") ? "&" : "?") + Form.encode(back));
    ex.sendResponseHeaders(303, -1);
    ex.close();
  }

  /**
   * {@code POST /token} ({@code grant_type=authorization_code}, {@code code}, {@code
   * code_verifier}, {@code client_id}, {@code redirect_uri}): a signed access token for the user
   * the code was issued to, the same token {@code bin/token} makes. Readable by the page at the
   * redirect URI's origin (CORS), no other.
   */
  private void tokenEndpoint(HttpExchange ex) throws IOException {
    String origin = ex.getRequestHeaders().getFirst("Origin");
    if ("OPTIONS".equals(ex.getRequestMethod())) {
      // A preflight: the real request says which origin it is for, so any may ask.
      if (origin != null) {
        ex.getResponseHeaders().set("Access-Control-Allow-Origin", origin);
        ex.getResponseHeaders().set("Access-Control-Allow-Methods", "POST");
        ex.getResponseHeaders().set("Access-Control-Allow-Headers", "Content-Type");
        ex.getResponseHeaders().set("Vary", "Origin");
      }
      ex.sendResponseHeaders(204, -1);
      ex.close();
      return;
    }
    if (!"POST".equals(ex.getRequestMethod())) {
      answer(ex, 405, "text/plain", "POST");
      return;
    }
    Map<String, String> p = Form.parse(readBody(ex));
    String redirectUri = p.get("redirect_uri");
    String allowed = null;
    if (origin != null && redirectUri != null) {
      try {
        allowed = origin.equals(CodeFlow.origin(redirectUri)) ? origin : null;
      } catch (IllegalArgumentException ignored) {
        // not a URI: no CORS, and the redemption below refuses it
      }
    }
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    if (!"authorization_code".equals(p.get("grant_type"))) {
      json(
          ex,
          allowed,
          400,
          Map.of(
              "error", "unsupported_grant_type", "error_description", "only authorization_code"));
      return;
    }
    try {
      String user =
          codes.redeem(p.get("code"), p.get("code_verifier"), p.get("client_id"), redirectUri);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("access_token", token(user));
      body.put("token_type", "Bearer");
      body.put("expires_in", LIFETIME.toSeconds());
      body.put("scope", "openid");
      json(ex, allowed, 200, body);
    } catch (CodeFlow.Refused r) {
      json(ex, allowed, 400, Map.of("error", r.error(), "error_description", r.getMessage()));
    }
  }

  private static String readBody(HttpExchange ex) throws IOException {
    try (var in = ex.getRequestBody()) {
      // A form of a few fields: anything beyond 16 KiB is not one.
      return new String(in.readNBytes(16 * 1024), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private static void json(HttpExchange exchange, String corsOrigin, int status, Object body)
      throws IOException {
    if (corsOrigin != null) {
      exchange.getResponseHeaders().set("Access-Control-Allow-Origin", corsOrigin);
      exchange.getResponseHeaders().set("Vary", "Origin");
    }
    try {
      answer(exchange, status, JSON.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      answer(exchange, 500, "{}");
    }
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    answer(exchange, status, "application/json", body);
  }

  private static void answer(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
