package dev.bluegreen.cloudsim.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonPatchesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String s) throws Exception {
    return JSON.readTree(s.replace('\'', '"'));
  }

  @Test
  void mergePatch_replacesScalars_mergesObjects_andNullRemoves() throws Exception {
    JsonNode result =
        JsonPatches.mergePatch(
            json(
                "{'spec':{'suspend':false,'schedule':'* * * * *'},'metadata':{'labels':{'a':'1'}}}"),
            json("{'spec':{'suspend':true},'metadata':{'labels':null}}"));
    assertEquals(json("{'spec':{'suspend':true,'schedule':'* * * * *'},'metadata':{}}"), result);
  }

  @Test
  void jsonPatch_appliesAddReplaceRemoveAndTest() throws Exception {
    JsonNode result =
        JsonPatches.jsonPatch(
            json("{'spec':{'suspend':false,'list':[1,2]},'x':1}"),
            json(
                "[{'op':'test','path':'/x','value':1},{'op':'replace','path':'/spec/suspend','value':true},"
                    + "{'op':'add','path':'/spec/list/-','value':3},{'op':'remove','path':'/x'}]"));
    assertEquals(json("{'spec':{'suspend':true,'list':[1,2,3]}}"), result);
  }

  @Test
  void jsonPatch_onAMissingPath_isInvalid() throws Exception {
    SimError e =
        assertThrows(
            SimError.class,
            () -> JsonPatches.jsonPatch(json("{}"), json("[{'op':'remove','path':'/a/b'}]")));
    assertEquals(ErrorKind.INVALID, e.kind());
  }
}
