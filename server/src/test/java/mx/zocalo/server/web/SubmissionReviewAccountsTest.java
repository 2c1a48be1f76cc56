package mx.zocalo.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import mx.zocalo.server.submissions.Submission;
import mx.zocalo.server.submissions.SubmissionForm;
import mx.zocalo.server.submissions.SubmissionLimits;
import mx.zocalo.server.submissions.Submissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reviewing with the real accounts: a reviewer signed in through {@code /login} chooses one of the organisations of the
 * accounts database, the dataset is published under that organisation's name, and the decision is in the audit log.
 */
class SubmissionReviewAccountsTest {
    @TempDir
    Path data;

    @Test
    void a_signed_in_reviewer_accepts_for_an_organisation_of_the_accounts_database() throws Exception {
        try (AccountsPortal portal = new AccountsPortal(data)) {
            // a submission in the queue of the portal's data directory, received as the form receives it
            Submissions queue = Submissions.open(portal.portal.store, portal.portal.iris, data, SubmissionLimits.defaults());
            Path upload = Files.createTempFile("upload", ".csv");
            Files.copy(SubmissionPortal.ACCIDENTS, upload, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Submission s = queue.receive(new SubmissionForm("Accidentes por entidad", "Por mes.", "SCT", "Ana", "ana@example.org", true),
                    upload, "sct.csv", "192.0.2.7");
            String session = portal.signIn(AccountsPortal.REVIEWER);
            String cookie = AccountsPortal.cookie(session);
            AccountsPortal.Answer page = portal.send("GET", "/review/" + s.id(), null, cookie, null);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).contains("<select id=\"organisation\"").contains("<option value=\"finanzas\"")
                    .contains("<option value=\"salud\"");
            String csrf = page.csrf();
            // an organisation the database does not know is refused
            assertThat(portal.send("POST", "/review/" + s.id() + "/accept", Map.of("csrf", csrf, "slug", "accidentes-finanzas",
                    "organisation", "inventada", "titleEs", "Accidentes"), cookie, null).status()).isEqualTo(400);
            AccountsPortal.Answer accepted = portal.send("POST", "/review/" + s.id() + "/accept", Map.of("csrf", csrf,
                    "slug", "accidentes-finanzas", "organisation", "finanzas", "publisher", "", "titleEs", "Accidentes por entidad"), cookie, null);
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(303);
            String q = "PREFIX dct: <http://purl.org/dc/terms/> PREFIX foaf: <http://xmlns.com/foaf/0.1/> SELECT ?name WHERE { <"
                    + TestPortal.BASE + "dataset/accidentes-finanzas> dct:publisher/foaf:name ?name }";
            HttpResponse<String> r = portal.portal.http.send(HttpRequest.newBuilder(URI.create(portal.url("/sparql?query=" + TestPortal.enc(q))))
                    .header("Accept", "application/sparql-results+json").build(), HttpResponse.BodyHandlers.ofString());
            JsonNode b = new ObjectMapper().readTree(r.body()).path("results").path("bindings");
            assertThat(b).hasSize(1);
            assertThat(b.get(0).path("name").path("value").asText())
                    .isEqualTo(portal.accounts.users().organisation("finanzas").orElseThrow().name());
            var entries = portal.accounts.audit().page("submission.accept", null, 0, 10);
            assertThat(entries).hasSize(1);
            assertThat(entries.get(0).who()).isEqualTo(AccountsPortal.REVIEWER);
            assertThat(entries.get(0).target()).isEqualTo(s.id());
            // an editor signed in sees no queue
            String editor = AccountsPortal.cookie(portal.signIn(AccountsPortal.EDITOR));
            assertThat(portal.send("GET", "/review", null, editor, null).status()).isEqualTo(403);
        }
    }
}
