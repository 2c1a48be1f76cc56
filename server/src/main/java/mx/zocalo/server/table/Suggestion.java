package mx.zocalo.server.table;

import java.util.List;
import java.util.Locale;

/** The name a mistyped one most likely meant: the closest by edit distance, or one that contains it. */
final class Suggestion {
    private Suggestion() {}

    static String closest(String typed, List<String> names) {
        String t = typed.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String n : names) {
            int d = distance(t, n.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = n;
                bestDistance = d;
            }
        }
        if (best != null && bestDistance <= Math.max(1, t.length() / 3)) return best;
        if (t.length() >= 4) {
            for (String n : names) if (n.toLowerCase(Locale.ROOT).contains(t)) return n;
        }
        return null;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
