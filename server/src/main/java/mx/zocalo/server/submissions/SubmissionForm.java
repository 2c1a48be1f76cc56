package mx.zocalo.server.submissions;

import java.util.ArrayList;
import java.util.List;

/** What a visitor typed in the submission form (the file apart), with the checks each field must pass. */
public record SubmissionForm(String title, String description, String source, String contactName, String contactEmail, boolean consent) {
    static final int SHORT = 200;
    static final int LONG = 5000;

    public SubmissionForm {
        title = clean(title);
        description = clean(description);
        source = clean(source);
        contactName = clean(contactName);
        contactEmail = clean(contactEmail);
    }

    /** The fields that are wrong (names as in the form: title, description, source, name, email, consent); empty when all are right. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        if (title.isEmpty() || title.length() > SHORT) out.add("title");
        if (description.isEmpty() || description.length() > LONG) out.add("description");
        if (source.isEmpty() || source.length() > 1000) out.add("source");
        if (contactName.isEmpty() || contactName.length() > SHORT) out.add("name");
        if (contactEmail.length() > 254 || !Acceptance.EMAIL.matcher(contactEmail).matches()) out.add("email");
        if (!consent) out.add("consent");
        return out;
    }

    private static String clean(String s) {
        return s == null ? "" : s.strip();
    }
}
