package dev.bluegreen.issuer;

import java.util.List;
import java.util.Map;

/**
 * The issuer's sign-in page: the demo users to pick from, each a button that posts the sign-in
 * request back with the user. No password: it says so at the top, in words nobody can miss.
 */
final class SignInPage {

  private SignInPage() {}

  static String render(CodeFlow.SignInRequest r, String issuerUrl) {
    StringBuilder users = new StringBuilder();
    for (Map.Entry<String, List<String>> u : DemoUsers.all().entrySet()) {
      users
          .append("<li><button type=\"submit\" name=\"user\" value=\"")
          .append(escape(u.getKey()))
          .append("\" data-user=\"")
          .append(escape(u.getKey()))
          .append("\"><b>")
          .append(escape(u.getKey()))
          .append("</b> <span>")
          .append(escape(String.join(", ", u.getValue())))
          .append("</span></button></li>\n");
    }
    return """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Local demo sign-in</title>
        <style>
          body { font: 15px/1.4 system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; color: #1d2733; }
          .warning { background: #fff4e0; border: 1px solid #e0a040; padding: .8rem 1rem; border-radius: 6px; }
          ul { list-style: none; padding: 0; }
          li button { width: 100%%; text-align: left; padding: .7rem 1rem; margin: .3rem 0; font: inherit;
                      border: 1px solid #c8d0da; border-radius: 6px; background: #fff; cursor: pointer; }
          li button:hover { background: #eef4fb; }
          li span { color: #5a6878; margin-left: .5rem; }
          .small { color: #5a6878; font-size: 13px; }
        </style></head>
        <body>
        <h1>Sign in to bluegreen</h1>
        <p class="warning" id="demo-warning"><b>Local demo sign-in, no password.</b> This is the
        local issuer of the local run and the tests (libs/issuer): anyone who reaches it may sign
        in as any demo user. A real deployment signs in at its own identity provider.</p>
        <p>Sign in as <span class="small">(groups in the token)</span>:</p>
        <form method="post" action="authorize">
        <input type="hidden" name="client_id" value="%s">
        <input type="hidden" name="redirect_uri" value="%s">
        <input type="hidden" name="state" value="%s">
        <input type="hidden" name="code_challenge" value="%s">
        <input type="hidden" name="code_challenge_method" value="%s">
        <input type="hidden" name="response_type" value="%s">
        <ul id="users">
        %s</ul>
        <button type="submit" name="user" value="" id="cancel">Cancel</button>
        </form>
        <p class="small">Issuer %s; signing in to %s, back to %s.</p>
        </body></html>
        """
        .formatted(
            escape(r.clientId()),
            escape(r.redirectUri()),
            escape(r.state()),
            escape(r.codeChallenge()),
            escape(r.codeChallengeMethod()),
            escape(r.responseType()),
            users,
            escape(issuerUrl),
            escape(r.clientId()),
            escape(r.redirectUri()));
  }

  static String error(String what) {
    return """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>Sign-in refused</title></head>
        <body><h1>Sign-in refused</h1><p id="error">%s</p></body></html>
        """
        .formatted(escape(what));
  }

  static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
