package dev.bluegreen.orchestrator.security;

import dev.bluegreen.issuer.LocalIssuer;
import dev.bluegreen.issuer.SigningKey;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * A real local issuer (libs/issuer) for every Quarkus test of this module: the orchestrator
 * verifies the tests' tokens against its JWKS over HTTP, as it would a real IdP's. The signing key
 * goes to a file under target/ so the tests ({@link AsUser}) sign with it.
 */
public class IssuerTestResource implements QuarkusTestResourceLifecycleManager {

  /** Config property naming the key file the tests sign with. */
  static final String KEY_FILE = "bluegreen.test.issuer.key-file";

  private LocalIssuer issuer;

  @Override
  public Map<String, String> start() {
    Path keyFile = Path.of("target", "test-issuer", UUID.randomUUID() + ".pem").toAbsolutePath();
    issuer = LocalIssuer.start(0, SigningKey.loadOrCreate(keyFile));
    return Map.of("quarkus.oidc.auth-server-url", issuer.url(), KEY_FILE, keyFile.toString());
  }

  @Override
  public void stop() {
    if (issuer != null) {
      issuer.close();
    }
  }
}
