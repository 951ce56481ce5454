package dev.bluegreen.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The layering rule every module with a pure core keeps (docs/architecture.md, "Module graph"): its
 * {@code core} (or {@code domain}) package decides, thin adapters do the I/O. A core that uses
 * Kafka, the AWS SDK, fabric8, Quarkus, an HTTP client, files, or one of its own module's adapters,
 * or reads the wall clock, has let infrastructure in, and its decisions can no longer be tested (or
 * replayed) on their own.
 *
 * <p>A module applies the rules with one test:
 *
 * <pre>{@code
 * class ArchitectureTest {
 *   @Test
 *   void coreIsPure() {
 *     PureCores.check();
 *   }
 * }
 * }</pre>
 *
 * It reads the module's compiled main classes ({@code target/classes}), so dependencies of the
 * module (libraries, the simulator) are checked by their own module, never twice.
 */
public final class PureCores {

  /** The packages the rules apply to: every {@code core} and {@code domain} package. */
  public static final String[] CORE_PACKAGES = {"..core..", "..domain.."};

  /** Infrastructure no pure core may use, whichever module it belongs to. */
  public static final List<String> INFRASTRUCTURE =
      List.of(
          "org.apache.kafka..",
          "software.amazon..",
          "io.fabric8..",
          "io.quarkus..",
          "io.smallrye..",
          "io.vertx..",
          "io.netty..",
          "jakarta..",
          "org.eclipse.microprofile..",
          "org.jboss..",
          "io.opentelemetry..",
          "io.micrometer..",
          "java.net.http..",
          "java.nio.file..",
          "java.nio.channels..",
          // Our own adapters' libraries.
          "dev.bluegreen.messaging..",
          "dev.bluegreen.cloud..",
          "dev.bluegreen.tracing..",
          "dev.bluegreen.logs..");

  /** In {@code java.net} a core may name addresses; everything else there is a connection. */
  private static final Set<String> JAVA_NET_VALUES =
      Set.of(
          "java.net.URI",
          "java.net.URISyntaxException",
          "java.net.URLEncoder",
          "java.net.URLDecoder");

  /** In {@code java.io}, what reads or writes files. */
  private static final Set<String> JAVA_IO_FILES =
      Set.of(
          "java.io.File",
          "java.io.FileInputStream",
          "java.io.FileOutputStream",
          "java.io.FileReader",
          "java.io.FileWriter",
          "java.io.RandomAccessFile");

  private PureCores() {}

  /** A core uses no infrastructure: no Kafka, AWS SDK, fabric8, Quarkus, network or files. */
  public static ArchRule doNoIo() {
    return noClasses()
        .that()
        .resideInAnyPackage(CORE_PACKAGES)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(INFRASTRUCTURE.toArray(String[]::new))
        .orShould()
        .dependOnClassesThat(CONNECTIONS_OR_FILES)
        .because("a pure core decides; its module's adapters do the I/O");
  }

  /** A core reads no clock: the time comes in with its input. */
  public static ArchRule readNoClock() {
    return noClasses()
        .that()
        .resideInAnyPackage(CORE_PACKAGES)
        .should()
        .callMethodWhere(WALL_CLOCK)
        .orShould()
        .dependOnClassesThat()
        .areAssignableTo(java.time.Clock.class)
        .because("a decision that reads the clock cannot be replayed; the time is an input");
  }

  /**
   * A core uses nothing else of its own module: {@code dev.bluegreen.deployer.core} may use {@code
   * dev.bluegreen.deployer.core.*} but not {@code dev.bluegreen.deployer.cloud.*}.
   */
  public static ArchRule useNoAdapterOfTheirModule() {
    return classes()
        .that()
        .resideInAnyPackage(CORE_PACKAGES)
        .should(USE_NOTHING_ELSE_OF_THEIR_MODULE)
        .because("the adapters depend on the core, never the other way round");
  }

  /** A stricter core of one module: none of {@code packages} either (e.g. {@code "java.io.."}). */
  public static ArchRule useNone(String... packages) {
    return noClasses()
        .that()
        .resideInAnyPackage(CORE_PACKAGES)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(packages)
        .because("this module's core is stricter than the rest");
  }

  /** Every rule, plus {@link #useNone} of {@code alsoForbidden} when any is given. */
  public static List<ArchRule> rules(String... alsoForbidden) {
    List<ArchRule> rules =
        new ArrayList<>(List.of(doNoIo(), readNoClock(), useNoAdapterOfTheirModule()));
    if (alsoForbidden.length > 0) {
      rules.add(useNone(alsoForbidden));
    }
    // A module that applies the rules has a core: an empty one is an error, not a pass.
    return rules.stream().map(r -> r.allowEmptyShould(false)).toList();
  }

  /**
   * Fails unless the core of the module the test runs in (its {@code target/classes}) keeps every
   * rule and uses none of {@code alsoForbidden} (packages as ArchUnit writes them, {@code
   * "java.io.."}).
   */
  public static void check(String... alsoForbidden) {
    Path classes = Path.of("target/classes");
    if (!Files.isDirectory(classes)) {
      throw new AssertionError("no compiled classes in " + classes.toAbsolutePath());
    }
    check(new ClassFileImporter().importLocations(Set.of(Location.of(classes))), alsoForbidden);
  }

  /** As {@link #check(String...)}, for {@code classes}. */
  public static void check(JavaClasses classes, String... alsoForbidden) {
    List<String> failures = new ArrayList<>();
    for (ArchRule rule : rules(alsoForbidden)) {
      EvaluationResult result = rule.evaluate(classes);
      if (result.hasViolation()) {
        failures.add(result.getFailureReport().toString());
      }
    }
    if (!failures.isEmpty()) {
      throw new AssertionError(String.join("\n\n", failures));
    }
  }

  private static final DescribedPredicate<JavaClass> CONNECTIONS_OR_FILES =
      DescribedPredicate.describe(
          "open connections (java.net beyond URI and URL coding) or files (java.io.File...)",
          c ->
              c.getPackageName().equals("java.net") && !JAVA_NET_VALUES.contains(c.getName())
                  || JAVA_IO_FILES.contains(c.getName()));

  private static final DescribedPredicate<JavaMethodCall> WALL_CLOCK =
      DescribedPredicate.describe(
          "read the wall clock (java.time's now(), System.currentTimeMillis())",
          call ->
              call.getName().equals("now")
                      && call.getTargetOwner().getPackageName().equals("java.time")
                  || call.getName().equals("currentTimeMillis")
                      && call.getTargetOwner().isEquivalentTo(System.class));

  private static final ArchCondition<JavaClass> USE_NOTHING_ELSE_OF_THEIR_MODULE =
      new ArchCondition<>("use nothing of their own module outside the core") {
        @Override
        public void check(JavaClass c, ConditionEvents events) {
          String core = corePackage(c.getPackageName());
          String module = core.substring(0, core.lastIndexOf('.'));
          for (Dependency d : c.getDirectDependenciesFromSelf()) {
            String target = d.getTargetClass().getBaseComponentType().getPackageName();
            if (within(target, module) && !within(target, core)) {
              events.add(SimpleConditionEvent.violated(d, d.getDescription()));
            }
          }
        }
      };

  /** {@code dev.bluegreen.x.core.plan} → {@code dev.bluegreen.x.core}. */
  private static String corePackage(String pkg) {
    String[] parts = pkg.split("\\.");
    StringBuilder out = new StringBuilder();
    for (String part : parts) {
      out.append(out.length() == 0 ? "" : ".").append(part);
      if (part.equals("core") || part.equals("domain")) {
        return out.toString();
      }
    }
    return pkg;
  }

  private static boolean within(String pkg, String root) {
    return pkg.equals(root) || pkg.startsWith(root + ".");
  }
}
