package dev.bluegreen.cloudsim.core;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * EKS's clientRequestToken idempotency: a call sent again with the token of an earlier one returns
 * what the earlier one made; the same token with other parameters is refused.
 */
final class ClientTokens {
  /** "op|scope|token" to the name or id of what that call made. */
  private final Map<String, String> made = new HashMap<>();

  /**
   * What an earlier call of {@code op} in {@code scope} with this token made, looked up by its
   * name; empty without a token, for a first call, or when it is gone.
   *
   * @param name the name this call asks for, or null when the call names nothing new
   */
  <T> Optional<T> replay(
      String op, String scope, String token, String name, Function<String, T> lookup) {
    if (token == null || token.isBlank()) {
      return Optional.empty();
    }
    String previous = made.get(op + "|" + scope + "|" + token);
    if (previous == null) {
      return Optional.empty();
    }
    if (name != null && !previous.equals(name)) {
      throw SimError.invalid(
          "clientRequestToken " + token + " was already used with different parameters");
    }
    return Optional.ofNullable(lookup.apply(previous));
  }

  void remember(String op, String scope, String token, String name) {
    if (token != null && !token.isBlank()) {
      made.put(op + "|" + scope + "|" + token, name);
    }
  }
}
