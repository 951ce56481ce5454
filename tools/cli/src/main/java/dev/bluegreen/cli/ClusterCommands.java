package dev.bluegreen.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** The fleet inventory: {@code clusters} and {@code cluster NAME}. */
final class ClusterCommands {

  private ClusterCommands() {}

  /**
   * {@code GET /clusters}. Its {@code --version} filters by Kubernetes version, as the API's {@code
   * version} parameter does, so the CLI's own version is {@code -V} here.
   */
  @Command(
      name = "clusters",
      versionProvider = BluegreenCli.Version.class,
      description = {
        "The fleet: every logical cluster with the EKS cluster serving it, its version, team,"
            + " support deadlines and upgrades (GET /clusters).",
        "Here --version filters by Kubernetes version; -V prints the CLI's version."
      })
  public static final class Clusters implements Callable<Integer> {
    @ParentCommand BluegreenCli root;

    @Option(
        names = {"-h", "--help"},
        usageHelp = true,
        description = "Show this help message and exit.")
    boolean help;

    @Option(names = "-V", versionHelp = true, description = "Print the CLI's version and exit.")
    boolean versionHelp;

    @Option(names = "--team", paramLabel = "TEAM", description = "only this team's clusters")
    String team;

    @Option(
        names = "--version",
        paramLabel = "VERSION",
        description = "only clusters at, e.g., 1.32")
    String version;

    @Option(
        names = "--support",
        paramLabel = "STATUS",
        description = "only STANDARD_SUPPORT, EXTENDED_SUPPORT, UNSUPPORTED or UNKNOWN")
    String support;

    @Option(
        names = "--sort",
        paramLabel = "name|deadline",
        description = "deadline: earliest end of standard support first (default: by name)")
    String sort;

    @Override
    public Integer call() {
      Map<String, String> query = new LinkedHashMap<>();
      query.put("team", team);
      query.put("version", version);
      query.put("support", support);
      query.put("sort", sort);
      return root.show(ApiClient.path(List.of("clusters"), query), ClusterRendering::fleet);
    }
  }

  /** {@code GET /clusters/{name}}. */
  @Command(
      name = "cluster",
      mixinStandardHelpOptions = true,
      versionProvider = BluegreenCli.Version.class,
      description =
          "One logical cluster, by its name or the name of any of its EKS clusters: serving"
              + " cluster, support, upgrades, generations (GET /clusters/{name}).")
  public static final class Cluster implements Callable<Integer> {
    @ParentCommand BluegreenCli root;

    @Parameters(paramLabel = "NAME", description = "a logical cluster or one of its EKS clusters")
    String name;

    @Override
    public Integer call() {
      return root.show(ApiClient.path(List.of("clusters", name), Map.of()), ClusterRendering::one);
    }
  }
}
