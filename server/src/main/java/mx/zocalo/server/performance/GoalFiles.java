package mx.zocalo.server.performance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The goal files of a {@code performance/} folder ({@code *.yaml}, {@code *.yml}, in name order), read. */
final class GoalFiles {
    private GoalFiles() {}

    static List<Goal> read(Path folder, List<PerformanceProblem> problems) {
        if (folder == null || !Files.isDirectory(folder)) return List.of();
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
        } catch (IOException e) {
            problems.add(new PerformanceProblem(folder, 0, "(folder)", "cannot be read: " + e.getMessage()));
            return List.of();
        }
        List<Goal> goals = new ArrayList<>();
        Map<String, Path> ids = new HashMap<>();
        for (Path f : files) {
            Goal g = GoalReader.read(f, problems);
            if (g == null) continue;
            Path other = ids.putIfAbsent(g.id(), f);
            if (other != null) {
                problems.add(new PerformanceProblem(f, 1, "id", "'" + g.id() + "' is the id of " + other.getFileName() + " too"));
                continue;
            }
            goals.add(g);
        }
        return goals;
    }
}
