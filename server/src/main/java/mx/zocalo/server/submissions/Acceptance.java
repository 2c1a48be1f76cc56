package mx.zocalo.server.submissions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a reviewer completes to accept a submission: the dataset's slug, the organisation that will own it (its slug) and
 * the publisher's name, titles and descriptions (Spanish required, English optional), the licence, keywords, the public
 * contact, the provenance (where the data comes from, from the submission's source) and a change note.
 */
public record Acceptance(String slug, String organisation, String publisherName, String titleEs, String titleEn, String descriptionEs,
        String descriptionEn, String license, List<String> keywords, String contactName, String contactEmail, String provenance,
        String note) {
    static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    static final Pattern EMAIL = Pattern.compile("[^@\\s<>\"]+@[^@\\s<>\"]+\\.[^@\\s<>\"]+");

    public Acceptance {
        slug = clean(slug);
        organisation = clean(organisation);
        publisherName = clean(publisherName);
        titleEs = clean(titleEs);
        titleEn = clean(titleEn);
        descriptionEs = clean(descriptionEs);
        descriptionEn = clean(descriptionEn);
        license = clean(license);
        keywords = keywords == null ? List.of() : keywords.stream().map(String::strip).filter(k -> !k.isEmpty()).toList();
        contactName = clean(contactName);
        contactEmail = clean(contactEmail);
        provenance = clean(provenance);
        note = clean(note);
    }

    /** Keywords typed as one line separated by commas. */
    public static List<String> keywords(String line) {
        return line == null ? List.of() : Arrays.stream(line.split(",")).map(String::strip).filter(k -> !k.isEmpty()).toList();
    }

    /** The fields that are wrong, as message keys {@code review.error.FIELD}; empty when it can be published. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        if (slug.isEmpty() || slug.length() > 80 || !SLUG.matcher(slug).matches()) out.add("slug");
        if (organisation.isEmpty() || organisation.length() > 80 || !SLUG.matcher(organisation).matches()) out.add("organisation");
        if (publisherName.isEmpty()) out.add("publisher");
        if (titleEs.isEmpty()) out.add("title");
        if (!license.isEmpty() && !license.matches("https?://\\S+")) out.add("license");
        if (!contactEmail.isEmpty() && !EMAIL.matcher(contactEmail).matches()) out.add("contactEmail");
        return out;
    }

    private static String clean(String s) {
        return s == null ? "" : s.strip();
    }
}
