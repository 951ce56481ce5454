package dev.bluegreen.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.SaslAuthenticationException;

/**
 * Gives every service its Kafka principal: a SCRAM-SHA-512 credential with the password in {@code
 * <credentials>/<service>.password}, and the ACLs of {@link KafkaPrincipals}. Connects as the admin
 * ({@code <credentials>/admin.password}). Safe to run again: credentials are upserted, ACLs that
 * exist are left as they are. Prints names only, never a password.
 *
 * <p>Usage: {@code SetUpSecurity <bootstrap-servers> <credentials-folder>}
 */
public final class SetUpSecurity {

  private SetUpSecurity() {}

  /** SCRAM iterations (Kafka's minimum is 4096). */
  static final int ITERATIONS = 8192;

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: SetUpSecurity <bootstrap-servers> <credentials-folder>");
      System.exit(2);
    }
    try {
      apply(args[0], Path.of(args[1]));
    } catch (ExecutionException e) {
      System.err.println("cannot set up Kafka security at " + args[0] + ": " + e.getCause());
      System.exit(1);
    }
  }

  /** Creates or updates every service's credential and ACLs on the broker at {@code bootstrap}. */
  public static void apply(String bootstrap, Path credentials)
      throws IOException, ExecutionException, InterruptedException {
    try (Admin admin = Admin.create(adminSettings(bootstrap, credentials))) {
      List<UserScramCredentialAlteration> users = new ArrayList<>();
      for (String service : KafkaPrincipals.SERVICES) {
        users.add(
            new UserScramCredentialUpsertion(
                service,
                new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS),
                password(credentials, service)));
      }
      admin.alterUserScramCredentials(users).all().get();
      List<AclBinding> acls = new ArrayList<>();
      KafkaPrincipals.acls().values().forEach(acls::addAll);
      admin.createAcls(acls).all().get();
      // Both reach the broker through the metadata log a moment after the controller took them:
      // wait, so that the services started next are not refused.
      awaitApplied(admin, bootstrap, credentials, acls);
      for (String service : KafkaPrincipals.SERVICES) {
        System.out.println(
            "principal "
                + KafkaPrincipals.principal(service)
                + " ("
                + KafkaPrincipals.acls(service).size()
                + " ACLs)");
      }
    }
  }

  /** How long the broker may take to apply new credentials and ACLs. */
  static final Duration APPLIED_WITHIN = Duration.ofSeconds(30);

  private static void awaitApplied(
      Admin admin, String bootstrap, Path credentials, List<AclBinding> acls)
      throws IOException, InterruptedException, ExecutionException {
    Instant deadline = Instant.now().plus(APPLIED_WITHIN);
    while (!admin.describeAcls(AclBindingFilter.ANY).values().get().containsAll(acls)) {
      pauseBefore(deadline, "the ACLs");
    }
    for (String service : KafkaPrincipals.SERVICES) {
      Map<String, Object> p =
          new HashMap<>(KafkaClientSecurity.scram(service, password(credentials, service)));
      p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
      p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
      while (true) {
        try (Admin asService = Admin.create(p)) {
          asService.describeCluster().clusterId().get();
          break;
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof SaslAuthenticationException)) {
            throw e;
          }
          pauseBefore(deadline, "the credential of " + service);
        }
      }
    }
  }

  private static void pauseBefore(Instant deadline, String what) throws InterruptedException {
    if (Instant.now().isAfter(deadline)) {
      throw new IllegalStateException(
          "the broker did not apply " + what + " within " + APPLIED_WITHIN);
    }
    Thread.sleep(200);
  }

  /** Admin client settings for the admin principal. */
  public static Map<String, Object> adminSettings(String bootstrap, Path credentials)
      throws IOException {
    Map<String, Object> p =
        new HashMap<>(
            KafkaClientSecurity.scram(
                KafkaPrincipals.ADMIN, password(credentials, KafkaPrincipals.ADMIN)));
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    return p;
  }

  /** The password of {@code user}, from {@code <credentials>/<user>.password}. */
  public static String password(Path credentials, String user) throws IOException {
    Path file = credentials.resolve(user + ".password");
    String password = Files.readString(file, StandardCharsets.UTF_8).trim();
    if (password.isEmpty() || !password.matches("[A-Za-z0-9]+")) {
      throw new IOException(file + " must hold letters and digits only");
    }
    return password;
  }
}
