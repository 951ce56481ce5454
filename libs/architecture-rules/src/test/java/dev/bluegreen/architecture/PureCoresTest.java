package dev.bluegreen.architecture;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

class PureCoresTest {

  private static JavaClasses module(String name) {
    return new ClassFileImporter().importPackages("dev.bluegreen.archtest." + name);
  }

  @Test
  void aCoreThatDecidesFromItsInputs_isPure() {
    PureCores.check(module("good"));
  }

  @Test
  void httpFilesTheWallClockAndItsOwnAdapters_areEachNamed() {
    AssertionError e = assertThrows(AssertionError.class, () -> PureCores.check(module("bad")));
    String report = e.getMessage();
    assertTrue(report.contains("Fetches") && report.contains("java.net.http.HttpClient"), report);
    assertTrue(report.contains("ReadsFiles") && report.contains("java.nio.file.Files"), report);
    assertTrue(report.contains("ReadsTheClock") && report.contains("Instant.now()"), report);
    assertTrue(
        report.contains("UsesAnAdapter") && report.contains("archtest.bad.cloud.Eks"), report);
  }

  @Test
  void aModuleMayForbidMore() {
    PureCores.check(module("good"));
    AssertionError e =
        assertThrows(AssertionError.class, () -> PureCores.check(module("good"), "java.net.."));
    assertTrue(e.getMessage().contains("java.net.URI"), e.getMessage());
  }

  @Test
  void aModuleWithoutACore_isAnError_notAPass() {
    assertThrows(AssertionError.class, () -> PureCores.check(module("nocore")));
  }
}
