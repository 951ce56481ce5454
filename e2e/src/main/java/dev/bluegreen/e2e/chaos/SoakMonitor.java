package dev.bluegreen.e2e.chaos;

import dev.bluegreen.e2e.Platform;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples every service process of a soak run at a fixed interval: resident memory, threads and
 * open file handles from {@code /proc}, the heap live after a full collection and the metaspace
 * ({@link HeapProbe}), and the size on disk of the orchestrator's Kafka Streams state directory. A
 * process is one series: a restarted service (a new pid) starts a new one, so a restart's warm-up
 * is never read as growth.
 */
final class SoakMonitor implements AutoCloseable {

  /** One process's samples, by metric. */
  record Series(String service, long pid, Map<String, List<Growth.Sample>> samples) {}

  private final Platform platform;
  private final Path stateDir;
  private final Duration interval;
  private final long t0 = System.nanoTime();
  private final Map<String, Series> series = new LinkedHashMap<>();

  /** By service: the probe of its current process (only the sampler thread touches it). */
  private final Map<String, HeapProbe> probes = new HashMap<>();

  private final ScheduledExecutorService sampler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "soak-sampler");
            t.setDaemon(true);
            return t;
          });

  /**
   * @param stateDir the orchestrator's {@code kafka-streams.state.dir}
   * @param interval the time between two samples
   */
  SoakMonitor(Platform platform, Path stateDir, Duration interval) {
    if (!ProcFs.available()) {
      throw new IllegalStateException("a soak run reads /proc: it runs on Linux only");
    }
    this.platform = platform;
    this.stateDir = stateDir;
    this.interval = interval;
  }

  /** Takes a sample now and then one every interval until {@link #close}. */
  SoakMonitor start() {
    sampler.scheduleAtFixedRate(this::sampleSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  private void sampleSafely() {
    try {
      sample();
    } catch (RuntimeException e) {
      // One unreadable sample (a process gone mid-read) must not end the sampling.
      System.out.println("soak: a sample failed: " + e);
    }
  }

  private void sample() {
    double seconds = (System.nanoTime() - t0) / 1e9;
    for (String service : platform.services()) {
      long pid = platform.service(service).pid();
      var usage = ProcFs.usage(pid);
      if (usage.isEmpty()) {
        continue; // killed, not restarted yet
      }
      Map<String, List<Growth.Sample>> of = seriesOf(service, pid);
      add(of, Growth.RSS, seconds, usage.get().rssBytes());
      add(of, Growth.THREADS, seconds, usage.get().threads());
      add(of, Growth.FILE_HANDLES, seconds, usage.get().fileHandles());
      probeOf(service, pid)
          .flatMap(HeapProbe::read)
          .ifPresent(
              heap -> {
                add(of, Growth.LIVE_HEAP, seconds, heap.liveHeapBytes());
                add(of, Growth.METASPACE, seconds, heap.metaspaceBytes());
              });
      if (service.equals("orchestrator")) {
        long bytes = ProcFs.sizeOf(stateDir);
        if (bytes >= 0) {
          add(of, Growth.STATE_STORE, seconds, bytes);
        }
      }
    }
  }

  /** The probe of {@code pid}, attached on its first sample; a restart's old probe is closed. */
  private Optional<HeapProbe> probeOf(String service, long pid) {
    HeapProbe current = probes.get(service);
    if (current != null && current.pid() == pid) {
      return Optional.of(current);
    }
    if (current != null) {
      current.close();
      probes.remove(service);
    }
    Optional<HeapProbe> attached = HeapProbe.attach(pid);
    attached.ifPresent(p -> probes.put(service, p));
    return attached;
  }

  private synchronized Map<String, List<Growth.Sample>> seriesOf(String service, long pid) {
    return series
        .computeIfAbsent(service + "#" + pid, k -> new Series(service, pid, new LinkedHashMap<>()))
        .samples();
  }

  private synchronized void add(
      Map<String, List<Growth.Sample>> of, Growth metric, double seconds, double value) {
    of.computeIfAbsent(metric.metric(), k -> new ArrayList<>())
        .add(new Growth.Sample(seconds, value));
  }

  /** Every series so far, each metric judged. */
  synchronized List<SoakReport.SeriesResult> judge() {
    List<SoakReport.SeriesResult> results = new ArrayList<>();
    for (Series s : series.values()) {
      List<Growth.Sample> any = s.samples().values().iterator().next();
      double from = any.get(0).seconds();
      double to = any.get(any.size() - 1).seconds();
      for (Growth metric : Growth.ALL) {
        List<Growth.Sample> samples = s.samples().get(metric.metric());
        if (samples != null) {
          results.add(
              new SoakReport.SeriesResult(
                  s.service(), s.pid(), from, to, metric.judge(List.copyOf(samples))));
        }
      }
    }
    return results;
  }

  @Override
  public void close() {
    sampler.shutdownNow();
    try {
      sampler.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    probes.values().forEach(HeapProbe::close);
  }
}
