package mx.zocalo.converter.source;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Column names as a reader gives them: each name stripped of surrounding white space; an empty name becomes
 * {@code column_N} (N its 1-based position); a name already used gets {@code _2}, {@code _3}... (the first suffix no other
 * column has), so that every column can be referenced by a name of its own.
 */
final class HeaderNames {
    private HeaderNames() {}

    static List<String> unique(List<String> written) {
        Set<String> taken = new HashSet<>();
        List<String> names = new ArrayList<>(written.size());
        // Names as written come first: "a, a_2, a" gives "a, a_2, a_3", not a second "a_2".
        for (String w : written) {
            if (w != null && !w.isBlank()) {
                taken.add(w.strip());
            }
        }
        Set<String> used = new HashSet<>();
        for (int i = 0; i < written.size(); i++) {
            String w = written.get(i);
            String name = w == null || w.isBlank() ? "column_" + (i + 1) : w.strip();
            if (used.contains(name) || (w == null || w.isBlank()) && taken.contains(name)) {
                String base = name;
                int n = 2;
                do {
                    name = base + "_" + n++;
                } while (used.contains(name) || taken.contains(name));
            }
            used.add(name);
            names.add(name);
        }
        return List.copyOf(names);
    }
}
