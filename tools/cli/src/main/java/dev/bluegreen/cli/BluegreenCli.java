package dev.bluegreen.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code bin/bluegreen}: the orchestrator's REST API in a terminal. Every command is one or a few
 * HTTP calls; the CLI knows no service's code, only the API's JSON.
 */
@Command(
    name = "bluegreen",
    mixinStandardHelpOptions = true,
    versionProvider = BluegreenCli.Version.class,
    description = "Blue/green upgrades of EKS clusters, through the orchestrator's REST API.",
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {
      ClusterCommands.Clusters.class,
      ClusterCommands.Cluster.class,
      UpgradeCommands.Upgrade.class,
      UpgradeCommands.Get.class,
      UpgradeCommands.ListUpgrades.class,
      WatchCommand.class,
      ControlCommands.Approve.class,
      ControlCommands.Pause.class,
      ControlCommands.Resume.class,
      ControlCommands.Cancel.class,
      ControlCommands.Rollback.class,
      ControlCommands.Retry.class,
      ControlCommands.Promote.class,
      UpgradeCommands.TimelineOf.class,
      UpgradeCommands.Events.class,
      CampaignCommands.class,
      FreezeCommands.class,
      AutoComplete.GenerateCompletion.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:done; a watched upgrade or campaign COMPLETED",
      "1:the API refused (its problem is on stderr), or another error",
      "2:wrong command line",
      "3:the API could not be reached, or a watch gave up",
      "10:a watched upgrade FAILED",
      "11:a watched upgrade or campaign was ROLLED_BACK",
      "12:a watched upgrade or campaign was CANCELLED",
      "13:a watched campaign PAUSED (campaign watch --exit-on-pause)"
    },
    footerHeading = "%nConfiguration:%n",
    footer = {
      "  API    --api, else env BLUEGREEN_API, else api= in the config file,",
      "         else http://localhost:8080",
      "  token  env BLUEGREEN_TOKEN, else token= in the config file; sent as",
      "         Authorization: Bearer",
      "  actor  env BLUEGREEN_ACTOR, else actor= in the config file, else your user",
      "         name; sent as X-Actor, recorded in the audit log",
      "  The config file is ~/.config/bluegreen/config ($XDG_CONFIG_HOME/bluegreen/config",
      "  when set), key=value lines."
    })
public final class BluegreenCli implements Callable<Integer> {

  /** How the API's answers are printed. */
  public enum Output {
    /** For people. */
    text,
    /** The API's JSON as it answered, for scripts. */
    json
  }

  @Option(
      names = "--api",
      scope = ScopeType.INHERIT,
      paramLabel = "URL",
      description =
          "the orchestrator's base URL (default: env BLUEGREEN_API, the config file, "
              + Settings.DEFAULT_API
              + ")")
  String api;

  @Option(
      names = {"-o", "--output"},
      scope = ScopeType.INHERIT,
      paramLabel = "text|json",
      defaultValue = "text",
      description = "text for people (default), json for the API's JSON as it answered")
  Output output;

  @Spec CommandSpec spec;

  private final Environment environment;
  private ApiClient client;

  public BluegreenCli(Environment environment) {
    this.environment = environment;
  }

  /** The command line, ready to execute, in {@code environment}. */
  public static CommandLine commandLine(Environment environment) {
    CommandLine commandLine = new CommandLine(new BluegreenCli(environment));
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setExecutionExceptionHandler(BluegreenCli::failed);
    return commandLine;
  }

  public static void main(String[] args) {
    CommandLine commandLine = commandLine(Environment.system());
    // UTF-8 whatever the locale: timelines and reasons hold arrows, and HTML says it is UTF-8.
    commandLine.setOut(utf8(FileDescriptor.out));
    commandLine.setErr(utf8(FileDescriptor.err));
    System.exit(commandLine.execute(args));
  }

  private static PrintWriter utf8(FileDescriptor fd) {
    return new PrintWriter(
        new OutputStreamWriter(new FileOutputStream(fd), StandardCharsets.UTF_8), true);
  }

  /** {@code bluegreen} alone: the usage. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }

  /** One line on stderr instead of a stack trace. */
  private static int failed(Exception e, CommandLine commandLine, ParseResult parsed) {
    PrintWriter err = commandLine.getErr();
    if (e instanceof CliFailure f) {
      err.println("bluegreen: " + f.getMessage());
      err.flush();
      return f.exitCode();
    }
    err.println(
        "bluegreen: "
            + (e instanceof UncheckedIOException u ? u.getMessage() + ": " + u.getCause() : e));
    err.flush();
    return ExitCodes.ERROR;
  }

  // ------------------------------------------------------------- for the commands

  Environment environment() {
    return environment;
  }

  boolean json() {
    return output == Output.json;
  }

  /** The API client, with the settings resolved on first use. */
  ApiClient api() {
    if (client == null) {
      ConfigFile file =
          ConfigFile.read(ConfigFile.location(environment.variables(), environment.userHome()));
      file.warnings().forEach(w -> err().println("bluegreen: " + w));
      try {
        client =
            new ApiClient(
                Settings.resolve(api, environment.variables(), file, environment.userName()));
      } catch (IllegalArgumentException e) {
        throw new CliFailure(ExitCodes.USAGE, e.getMessage());
      }
    }
    return client;
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** Prints text as is and flushes. */
  void print(String text) {
    out().print(text);
    out().flush();
  }

  /** Prints an answer's JSON as the API sent it, one document per line. */
  void printJson(String body) {
    out().println(body == null ? "" : body.strip());
    out().flush();
  }

  /** A progress line on stderr, for anything that waits; stdout stays the command's answer. */
  void progress(String message) {
    err().println(message);
    err().flush();
  }

  /**
   * The one shape of a read command: GET {@code path}, then print the API's JSON as it answered
   * ({@code -o json}) or {@code render} of it for people.
   */
  int show(String path, Function<JsonNode, String> render) {
    return print(ApiClient.expectOk(api().get(path)), render);
  }

  /** GET {@code path}, an answer in text for people (timelines), whatever {@code -o} says. */
  int showText(String path) {
    String body = ApiClient.expectOk(api().get(path)).body();
    String text = body == null ? "" : body;
    print(text.isEmpty() || text.endsWith("\n") ? text : text + "\n");
    return ExitCodes.OK;
  }

  /**
   * The one shape of a request or control: POST {@code body} to {@code path} (saying on stderr that
   * it waits for {@code whatDecides}'s decision), then print the accepted answer like {@link
   * #show}.
   */
  int decide(
      String what,
      String whatDecides,
      String path,
      JsonNode body,
      Function<JsonNode, String> render) {
    progress(what + ": waiting for " + whatDecides + "'s decision...");
    return print(ApiClient.expectOk(api().post(path, Json.write(body))), render);
  }

  /**
   * The one shape of a change answered at once (PUT, DELETE): print the answer like {@link #show}.
   */
  int change(ApiClient.Answer answer, Function<JsonNode, String> render) {
    return print(ApiClient.expectOk(answer), render);
  }

  private int print(ApiClient.Answer answer, Function<JsonNode, String> render) {
    if (json()) {
      printJson(answer.body());
    } else {
      print(render.apply(Json.parse(answer.body())));
    }
    return ExitCodes.OK;
  }

  /** A renderer of a JSON array: one line per element, or {@code none} when it is empty. */
  static Function<JsonNode, String> eachLine(Function<JsonNode, String> line, String none) {
    return array -> {
      StringBuilder out = new StringBuilder();
      for (JsonNode element : array) {
        out.append(line.apply(element)).append('\n');
      }
      return out.length() == 0 ? none : out.toString();
    };
  }

  /** The version from the build ({@code bluegreen-cli.properties}). */
  public static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties properties = new Properties();
      try (InputStream in = BluegreenCli.class.getResourceAsStream("/bluegreen-cli.properties")) {
        if (in != null) {
          properties.load(in);
        }
      }
      return new String[] {
        "bluegreen " + properties.getProperty("version", "unknown"),
        "Java " + System.getProperty("java.version")
      };
    }
  }
}
