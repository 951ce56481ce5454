package dev.bluegreen.issuer;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The local issuer on the command line.
 *
 * <pre>
 *   serve [--port 8090] [--key .local/issuer/signing-key.pem]    serve discovery and JWKS
 *         [--host 127.0.0.1] [--issuer-url http://localhost:8090]
 *   token USER [--port 8090] [--key ...] [--ttl PT8H] [--issuer-url ...]   print a token for USER
 *   users                                                          list the demo users
 * </pre>
 *
 * {@code --host} is the address to listen on (loopback by default; {@code 0.0.0.0} in a container);
 * {@code --issuer-url} is the URL clients know the issuer by, the {@code iss} of every token
 * (default {@code http://localhost:<port>}).
 */
public final class IssuerMain {

  static final int DEFAULT_PORT = 8090;
  static final String DEFAULT_KEY = ".local/issuer/signing-key.pem";

  private IssuerMain() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length == 0) {
      usage();
      return;
    }
    int port = Integer.parseInt(option(args, "--port", String.valueOf(DEFAULT_PORT)));
    Path keyFile = Path.of(option(args, "--key", DEFAULT_KEY));
    String url = option(args, "--issuer-url", LocalIssuer.issuerUrl(port));
    switch (args[0]) {
      case "serve" -> {
        LocalIssuer issuer =
            LocalIssuer.start(
                new InetSocketAddress(option(args, "--host", "127.0.0.1"), port),
                SigningKey.loadOrCreate(keyFile),
                url);
        System.out.println("issuer " + issuer.url() + " (key " + issuer.key().keyId() + ")");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> {
                      issuer.close();
                      stopped.countDown();
                    }));
        stopped.await();
      }
      case "token" -> {
        if (args.length < 2 || args[1].startsWith("--")) {
          usage();
          System.exit(2);
        }
        String user = args[1];
        if (DemoUsers.groups(user).isEmpty()) {
          System.err.println(
              "token: " + user + " is not a demo user; one of " + DemoUsers.all().keySet());
          System.exit(2);
        }
        Duration ttl = Duration.parse(option(args, "--ttl", "PT8H"));
        TokenSpec spec =
            LocalIssuer.spec(url, user, Clock.systemUTC()).issued(Clock.systemUTC().instant(), ttl);
        System.out.println(new TokenSigner(SigningKey.loadOrCreate(keyFile)).sign(spec));
      }
      case "users" ->
          DemoUsers.all()
              .forEach(
                  (user, groups) -> System.out.println(user + "\t" + String.join(",", groups)));
      default -> {
        usage();
        System.exit(2);
      }
    }
  }

  private static String option(String[] args, String name, String fallback) {
    List<String> list = List.of(args);
    int i = list.indexOf(name);
    return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
  }

  private static void usage() {
    System.err.println(
        "usage: issuer serve [--port 8090] [--key FILE] [--host ADDR] [--issuer-url URL]"
            + " | token USER [--port 8090] [--key FILE] [--ttl PT8H] [--issuer-url URL] | users");
  }
}
