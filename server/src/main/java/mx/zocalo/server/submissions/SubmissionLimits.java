package mx.zocalo.server.submissions;

import java.time.Duration;

/**
 * The limits of the anonymous submission form: the largest file, how many submissions one address may send in a window,
 * how long a challenge stays good, and how fast a person can fill the form at the quickest.
 */
public record SubmissionLimits(long maxBytes, int perAddress, Duration window, Duration challengeLifetime, Duration minimumFill) {
    public SubmissionLimits {
        if (maxBytes < 1) throw new IllegalArgumentException("The largest submitted file must be at least one byte");
        if (perAddress < 1) throw new IllegalArgumentException("An address must be allowed at least one submission per window");
        if (window.isNegative() || window.isZero()) throw new IllegalArgumentException("The rate window must be positive");
        if (challengeLifetime.compareTo(minimumFill) <= 0) {
            throw new IllegalArgumentException("A challenge must live longer than the minimum time to fill the form");
        }
    }

    /** 20 MiB, 5 submissions per address per hour, challenges good for 30 minutes, at least 3 seconds to fill the form. */
    public static SubmissionLimits defaults() {
        return new SubmissionLimits(20L << 20, 5, Duration.ofHours(1), Duration.ofMinutes(30), Duration.ofSeconds(3));
    }

    public SubmissionLimits maxBytes(long bytes) {
        return new SubmissionLimits(bytes, perAddress, window, challengeLifetime, minimumFill);
    }

    public SubmissionLimits perAddress(int count, Duration in) {
        return new SubmissionLimits(maxBytes, count, in, challengeLifetime, minimumFill);
    }

    public SubmissionLimits challenge(Duration lifetime, Duration fill) {
        return new SubmissionLimits(maxBytes, perAddress, window, lifetime, fill);
    }
}
