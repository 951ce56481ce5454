package dev.bluegreen.cloudsim.core;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * The Kubernetes versions and add-on versions the simulated EKS offers, with support dates.
 *
 * @param versions supported (and formerly supported) Kubernetes versions
 * @param addons add-ons with the versions compatible with each Kubernetes version
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Catalog(List<VersionInfo> versions, List<AddonInfo> addons) {

  /** One Kubernetes version and its support window. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record VersionInfo(
      String version,
      LocalDate releaseDate,
      LocalDate endOfStandardSupport,
      LocalDate endOfExtendedSupport,
      String platformVersion,
      String kubernetesPatchVersion,
      @JsonProperty("default") boolean isDefault) {

    /** STANDARD_SUPPORT, EXTENDED_SUPPORT or UNSUPPORTED at {@code now}. */
    public String status(Instant now) {
      if (now.isBefore(startOf(endOfStandardSupport))) {
        return "STANDARD_SUPPORT";
      }
      if (now.isBefore(startOf(endOfExtendedSupport))) {
        return "EXTENDED_SUPPORT";
      }
      return "UNSUPPORTED";
    }

    private static Instant startOf(LocalDate date) {
      return date.atStartOfDay().toInstant(ZoneOffset.UTC);
    }
  }

  /** An add-on and its versions. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record AddonInfo(String name, String type, List<AddonVersion> versions) {}

  /** One add-on version and the Kubernetes versions it runs on. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record AddonVersion(
      String version,
      List<String> kubernetesVersions,
      @JsonProperty("default") boolean isDefault) {}

  /** The catalog shipped as a resource. */
  public static Catalog builtIn() {
    try (InputStream in =
        Catalog.class.getResourceAsStream("/dev/bluegreen/cloudsim/catalog.yaml")) {
      return yaml().readValue(in, Catalog.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the built-in catalog", e);
    }
  }

  static ObjectMapper yaml() {
    ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
    mapper.registerModule(new JavaTimeModule());
    return mapper;
  }

  public Optional<VersionInfo> version(String version) {
    return versions.stream().filter(v -> v.version().equals(version)).findFirst();
  }

  public Optional<AddonInfo> addon(String name) {
    return addons.stream().filter(a -> a.name().equals(name)).findFirst();
  }
}
