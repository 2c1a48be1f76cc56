package mx.zocalo.server.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import mx.zocalo.server.accounts.Accounts;
import mx.zocalo.server.accounts.Role;
import mx.zocalo.server.accounts.Users;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./zocalo user add|reset|list}: the first admin and recovery, on the accounts database of a data directory
 * (with the portal stopped: the database is held by a running portal, whose {@code /admin/users} page does the same).
 */
@Command(name = "user", mixinStandardHelpOptions = true,
        description = "Add a user, reset a password, list the users of a data directory's accounts database (DIR/accounts).",
        subcommands = {UserCommand.Add.class, UserCommand.Reset.class, UserCommand.ListUsers.class})
final class UserCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return 2;
    }

    /** The {@code --data} option (the same default as the other commands). */
    static class Data {
        @Option(names = "--data", paramLabel = "DIR", description = "Data directory. Default: zocalo-data (the demo's: zocalo-data/demo)")
        Path data;

        Path dir() {
            return data != null ? data : Path.of("zocalo-data");
        }
    }

    /** Who the audit log records for the command line. */
    static String who() {
        return "cli:" + System.getProperty("user.name", "unknown");
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a user (asks for the password, or reads it with --password-stdin).")
    static final class Add extends Data implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "EMAIL")
        String email;

        @Option(names = "--role", paramLabel = "ROLE", defaultValue = "editor", description = "admin, editor or reviewer. Default: ${DEFAULT-VALUE}")
        String role;

        @Option(names = "--org", paramLabel = "SLUG", description = "The organisation an editor edits for (it must exist, or give --org-name to create it).")
        String org;

        @Option(names = "--org-name", paramLabel = "NAME", description = "Create the organisation --org with this name when it does not exist.")
        String orgName;

        @Option(names = "--name", paramLabel = "NAME", description = "The user's display name.")
        String name;

        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
        boolean passwordStdin;

        @Override
        public Integer call() {
            Role r = Role.parse(role);
            if (r != Role.EDITOR && org != null) throw new IllegalArgumentException("Only an editor has an organisation (--org)");
            try (Accounts accounts = Accounts.open(dir())) {
                Users users = accounts.users();
                if (users.find(email).isPresent()) throw new IllegalArgumentException("The user " + email + " exists already (./zocalo user reset to change the password)");
                if (org != null && users.organisation(org).isEmpty()) {
                    if (orgName == null) throw new IllegalArgumentException("No organisation " + org + ": add it with --org-name NAME (or ./zocalo org add " + org + " --name NAME)");
                    users.addOrganisation(org, orgName, null, null);
                    accounts.audit().record(who(), "organisation.add", org, orgName);
                }
                char[] password = password(passwordStdin, email);
                try {
                    Users.User u = users.add(email, name, r, org, password, false);
                    accounts.audit().record(who(), "user.add", u.email(), r.word() + (org != null ? " of " + org : ""));
                    System.out.println("Added " + u.email() + " (" + r.word() + (org != null ? " of " + org : "") + "); sign in at /login");
                } finally {
                    Arrays.fill(password, '\0');
                }
            }
            return 0;
        }
    }

    @Command(name = "reset", mixinStandardHelpOptions = true,
            description = "Set a new password for a user, end their sessions and revoke their API tokens; enables a disabled user.")
    static final class Reset extends Data implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "EMAIL")
        String email;

        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
        boolean passwordStdin;

        @Override
        public Integer call() {
            try (Accounts accounts = Accounts.open(dir())) {
                Users.User u = accounts.users().find(email).orElseThrow(() -> new IllegalArgumentException("No user " + email + " (./zocalo user list)"));
                char[] password = password(passwordStdin, u.email());
                try {
                    accounts.users().setPassword(u.email(), password, false);
                } finally {
                    Arrays.fill(password, '\0');
                }
                accounts.users().setDisabled(u.email(), false);
                int sessions = accounts.sessions().deleteAll(u.email());
                int tokens = accounts.tokens().revokeAll(u.email());
                accounts.audit().record(who(), "password.reset", u.email(), sessions + " sessions ended, " + tokens + " tokens revoked");
                System.out.println("New password for " + u.email() + "; " + sessions + " sessions ended, " + tokens + " API tokens revoked");
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the users: e-mail, role, organisation, state.")
    static final class ListUsers extends Data implements Callable<Integer> {
        @Override
        public Integer call() {
            try (Accounts accounts = Accounts.open(dir())) {
                for (Users.User u : accounts.users().list()) {
                    System.out.println(u.email() + "\t" + u.role().word() + "\t" + (u.organisation() == null ? "-" : u.organisation())
                            + "\t" + (u.disabled() ? "disabled" : "active") + "\t" + (u.name() == null ? "" : u.name()));
                }
            }
            return 0;
        }
    }

    /** The password: the first line of stdin, or asked twice on the console. */
    static char[] password(boolean fromStdin, String email) {
        char[] pw;
        if (fromStdin) {
            try {
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                if (line == null) throw new IllegalArgumentException("No password on standard input");
                pw = line.toCharArray();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        } else {
            Console console = System.console();
            if (console == null) throw new IllegalArgumentException("No console to ask the password on: give it with --password-stdin");
            pw = console.readPassword("Password for %s (at least %d characters): ", email, mx.zocalo.server.accounts.Passwords.MIN_LENGTH);
            char[] again = console.readPassword("Again: ");
            if (pw == null || !Arrays.equals(pw, again)) throw new IllegalArgumentException("The two passwords differ");
        }
        if (mx.zocalo.server.accounts.Passwords.weakness(pw, email) != null) {
            throw new IllegalArgumentException("Password refused: at least " + mx.zocalo.server.accounts.Passwords.MIN_LENGTH
                    + " characters, not the e-mail");
        }
        return pw;
    }
}
