package dev.bluegreen.e2e.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

class GrowthTest {

  private static final double MIB = 1024 * 1024;

  /** 60 samples, one every 10 s, as a PT10M soak takes them. */
  private static List<Growth.Sample> series(IntToDoubleFunction valueAt) {
    List<Growth.Sample> samples = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      samples.add(new Growth.Sample(i * 10.0, valueAt.applyAsDouble(i)));
    }
    return samples;
  }

  @Test
  void flatSeries_levelsOff() {
    Growth.Judgement j = Growth.RSS.judge(series(i -> 300 * MIB));

    assertEquals(Growth.Verdict.LEVELS_OFF, j.verdict());
    assertEquals(300 * MIB, j.middle());
    assertEquals(300 * MIB, j.last());
  }

  @Test
  void steadyGrowth_grows_andTheFiguresSayBy_howMuch() {
    // 3 MiB a sample: 60 MiB from the middle third's median to the last's, on 300 MiB; 10 % of
    // the middle (39 MiB) and the slack (48 MiB) allow less.
    Growth.Judgement j = Growth.RSS.judge(series(i -> 300 * MIB + i * 3 * MIB));

    assertEquals(Growth.Verdict.GROWS, j.verdict());
    assertEquals(60 * MIB, j.last() - j.middle(), 1);
    assertEquals(48 * MIB, j.allowed(), 1);
    assertTrue(j.figures().startsWith("rssBytes medians first/middle/last"), j.figures());
  }

  @Test
  void slowGrowth_withinTheSlack_levelsOff() {
    // 2 MiB a sample: +40 MiB, under the 48 MiB slack: a JVM's RSS settling, not a leak to judge
    // on a run this short.
    Growth.Judgement j = Growth.RSS.judge(series(i -> 300 * MIB + i * 2 * MIB));

    assertEquals(Growth.Verdict.LEVELS_OFF, j.verdict(), j.figures());
  }

  @Test
  void threadLeak_ofOneThreadPerSample_grows() {
    Growth.Judgement j = Growth.THREADS.judge(series(i -> 80 + i));

    assertEquals(Growth.Verdict.GROWS, j.verdict());
    assertEquals(20, j.last() - j.middle(), 0.001);
  }

  @Test
  void garbageCollectorSawtooth_levelsOff() {
    // Heap climbs 10 MiB a sample from 100 MiB and a collection drops it back every 7 samples:
    // the thirds start at different points of the tooth, their medians stay close.
    Growth.Judgement j = Growth.RSS.judge(series(i -> 100 * MIB + (i % 7) * 10 * MIB));

    assertEquals(Growth.Verdict.LEVELS_OFF, j.verdict(), j.figures());
  }

  @Test
  void stepThenFlat_levelsOff() {
    // Warm-up: a pool fills to its working size within the first third, then stays.
    Growth.Judgement j = Growth.THREADS.judge(series(i -> i < 12 ? 40 : 95));

    assertEquals(Growth.Verdict.LEVELS_OFF, j.verdict(), j.figures());
    assertEquals(40, j.first());
  }

  @Test
  void stepLate_inTheLastThird_grows() {
    Growth.Judgement j = Growth.FILE_HANDLES.judge(series(i -> i < 42 ? 200 : 400));

    assertEquals(Growth.Verdict.GROWS, j.verdict(), j.figures());
  }

  @Test
  void smallAbsoluteNoise_onASmallFigure_levelsOff() {
    // 12 → 16 threads is +33 %, but within the absolute slack of 5.
    Growth.Judgement j = Growth.THREADS.judge(series(i -> i < 40 ? 12 : 16));

    assertEquals(Growth.Verdict.LEVELS_OFF, j.verdict(), j.figures());
  }

  @Test
  void shrinking_levelsOff() {
    Growth.Judgement j = Growth.STATE_STORE.judge(series(i -> 100 * MIB - i * MIB));

    assertEquals(Growth.Verdict.LEVELS_OFF, j.verdict(), j.figures());
  }

  @Test
  void fewerSamplesThanTheMinimum_isNotJudged() {
    List<Growth.Sample> short8 = series(i -> i * 1000.0).subList(0, 8);

    assertEquals(Growth.Verdict.TOO_SHORT, Growth.THREADS.judge(short8).verdict());
    assertEquals(Growth.Verdict.TOO_SHORT, Growth.THREADS.judge(List.of()).verdict());
  }

  @Test
  void median_ofAnEvenCount_isTheMeanOfTheTwoInTheMiddle() {
    assertEquals(2.5, Growth.median(List.of(4.0, 1.0, 3.0, 2.0)));
    assertEquals(3.0, Growth.median(List.of(5.0, 3.0, 1.0)));
  }
}
