package dev.bluegreen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProblemsTest {

  @Test
  void aProblem_isTitleColonDetail_withTheFieldToBlame() {
    assertEquals(
        "Malformed request: unknown field 'stepz' (field: stepz)",
        Problems.describe(
            400,
            "application/problem+json",
            """
            {"type":"https://bluegreen.dev/problems/malformed-request","title":"Malformed request",
             "status":400,"detail":"unknown field 'stepz'","field":"stepz"}
            """));
  }

  @Test
  void aConflict_namesTheActiveUpgradeOrTheState() {
    assertEquals(
        "The cluster already has an active upgrade: search-002 is SHIFTING (field: cluster)"
            + " (active upgrade: u-1) (state: SHIFTING)",
        Problems.describe(
            409,
            "application/problem+json;charset=UTF-8",
            """
            {"title":"The cluster already has an active upgrade","status":409,
             "detail":"search-002 is SHIFTING","field":"cluster","activeUpgradeId":"u-1",
             "state":"SHIFTING"}
            """));
  }

  @Test
  void notAProblem_isTheStatusAndTheStartOfTheBody() {
    assertEquals(
        "HTTP 502: <html> <body>Bad Gateway</body> </html>",
        Problems.describe(502, "text/html", "<html>\n<body>Bad Gateway</body>\n</html>"));
    assertEquals("HTTP 404", Problems.describe(404, null, ""));
    assertEquals(
        "HTTP 500: {\"oops\":1}", Problems.describe(500, "application/json", "{\"oops\":1}"));
  }

  @Test
  void aProblemWithoutDetail_isItsTitle() {
    assertEquals(
        "Not Found",
        Problems.describe(
            404, "application/problem+json", "{\"title\":\"Not Found\",\"status\":404}"));
  }
}
