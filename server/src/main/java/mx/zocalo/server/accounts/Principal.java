package mx.zocalo.server.accounts;

import java.util.Objects;

/**
 * Who is asking, once signed in (a session cookie or an API token): the user's e-mail, display name, role, and the
 * organisation (its slug) an {@link Role#EDITOR} edits for; null for the other roles.
 */
public record Principal(String email, String name, Role role, String organisation) {
    public Principal {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(role, "role");
        if (role == Role.EDITOR && (organisation == null || organisation.isBlank())) {
            throw new IllegalArgumentException("An editor edits for an organisation: " + email);
        }
    }

    public boolean admin() {
        return role == Role.ADMIN;
    }
}
