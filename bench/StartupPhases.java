import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads async-profiler's collapsed wall-clock stacks of a Quarkus start-up (bench/startup-profile)
 * and prints the main thread's time per step: each recorded start-up step Quarkus generated
 * ({@code io.quarkus.runner.recorded.XxxProcessor$step…}), the JVM and class loading before them,
 * and the wait after the start (readiness checks until ready); the shutdown that ends the profile is left out.
 *
 *   java bench/StartupPhases.java FILE INTERVAL_MS
 */
public class StartupPhases {

    private static final Pattern STEP = Pattern.compile("io/quarkus/runner/recorded/(\\w+\\$[a-zA-Z]+)\\d*\\.deploy$");

    public static void main(String[] args) throws IOException {
        double interval = Double.parseDouble(args[1]) / 1000;
        Map<String, Long> phases = new LinkedHashMap<>();
        long total = 0;
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            int space = line.lastIndexOf(' ');
            String[] frames = line.substring(0, space).split(";");
            if (!frames[0].startsWith("[main ")) {
                continue;
            }
            long samples = Long.parseLong(line.substring(space + 1));
            String phase = phase(List.of(frames));
            if (phase != null) {
                total += samples;
                phases.merge(phase, samples, Long::sum);
            }
        }
        System.out.printf("%nmain thread, %.2f s sampled before shutdown%n%n| step | s | share |%n|---|---:|---:|%n", total * interval);
        long shown = 0;
        for (Map.Entry<String, Long> e : phases.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).toList()) {
            if (e.getValue() * interval < 0.05) {
                continue;
            }
            shown += e.getValue();
            System.out.printf("| %s | %.2f | %.0f%% |%n", e.getKey(), e.getValue() * interval, 100.0 * e.getValue() / total);
        }
        System.out.printf("| (steps under 0.05 s each) | %.2f | %.0f%% |%n", (total - shown) * interval,
                100.0 * (total - shown) / total);
    }

    private static String phase(List<String> frames) {
        boolean started = false;
        for (String frame : frames) {
            Matcher m = STEP.matcher(frame);
            if (m.find()) {
                return "step " + m.group(1);
            }
            if (frame.endsWith("Application.stop")) {
                return null; // shutting down: after start-up, not part of it
            }
            started |= frame.endsWith("ApplicationLifecycleManager.run");
        }
        if (started) {
            return "started, waiting (readiness checks until ready, then idle until stopped)";
        }
        return "JVM start, class loading and static init before the first step";
    }
}
