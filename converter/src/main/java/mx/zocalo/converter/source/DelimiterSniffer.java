package mx.zocalo.converter.source;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds a CSV file's delimiter among {@code , ; tab |} from its first lines (at most {@value #LINES} records of the
 * first 64 KiB). Delimiters inside quotes do not count. For each candidate, the number of times it occurs on each line is
 * counted; the candidate whose most frequent non-zero count is shared by the most lines wins (a delimiter splits every
 * record into as many cells; a comma inside decimal numbers or prose does not), ties going to the larger count, then to
 * the order above. When no candidate occurs, the comma is kept (a one-column file).
 */
final class DelimiterSniffer {
    static final int LINES = 30;
    static final int CHARS = 1 << 16;
    private static final char[] CANDIDATES = {',', ';', '\t', '|'};

    private DelimiterSniffer() {}

    static char sniff(CharSequence text) {
        List<int[]> lines = counts(text);
        char best = ',';
        int bestLines = 0;
        int bestCount = 0;
        for (int k = 0; k < CANDIDATES.length; k++) {
            Map<Integer, Integer> byCount = new HashMap<>();
            for (int[] line : lines) {
                if (line[k] > 0) {
                    byCount.merge(line[k], 1, Integer::sum);
                }
            }
            for (Map.Entry<Integer, Integer> e : byCount.entrySet()) {
                int n = e.getValue();
                int count = e.getKey();
                if (n > bestLines || n == bestLines && count > bestCount) {
                    best = CANDIDATES[k];
                    bestLines = n;
                    bestCount = count;
                }
            }
        }
        return best;
    }

    /** Per non-blank record, how many times each candidate occurs outside quotes. */
    private static List<int[]> counts(CharSequence text) {
        List<int[]> lines = new ArrayList<>();
        int[] current = new int[CANDIDATES.length];
        boolean quoted = false;
        boolean blank = true;
        int end = Math.min(text.length(), CHARS);
        for (int i = 0; i < end && lines.size() < LINES; i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                blank = false;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                if (!blank) {
                    lines.add(current);
                }
                current = new int[CANDIDATES.length];
                blank = true;
            } else if (!quoted) {
                for (int k = 0; k < CANDIDATES.length; k++) {
                    if (c == CANDIDATES[k]) {
                        current[k]++;
                    }
                }
                if (!Character.isWhitespace(c) || c == '\t') {
                    blank = false;
                }
            }
        }
        // The last line counts only when the text ended there, not when the sample cut it.
        if (!blank && text.length() <= end && lines.size() < LINES) {
            lines.add(current);
        }
        return lines;
    }
}
