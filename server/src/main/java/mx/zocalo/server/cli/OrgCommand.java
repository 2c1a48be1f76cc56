package mx.zocalo.server.cli;

import java.util.concurrent.Callable;
import mx.zocalo.server.accounts.Accounts;
import mx.zocalo.server.accounts.Users;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./zocalo org add|list}: the organisations (DCAT publishers) of the accounts database. */
@Command(name = "org", mixinStandardHelpOptions = true, description = "Add or list the organisations of a data directory's accounts database.",
        subcommands = {OrgCommand.Add.class, OrgCommand.ListOrgs.class})
final class OrgCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return 2;
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add an organisation.")
    static final class Add extends UserCommand.Data implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "SLUG", description = "Lower-case letters, digits and hyphens, e.g. finanzas")
        String slug;

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "Its name (Spanish).")
        String name;

        @Option(names = "--name-en", paramLabel = "NAME", description = "Its name in English.")
        String nameEn;

        @Option(names = "--homepage", paramLabel = "URL", description = "Its website.")
        String homepage;

        @Override
        public Integer call() {
            try (Accounts accounts = Accounts.open(dir())) {
                Users.Organisation o = accounts.users().addOrganisation(slug, name, nameEn, homepage);
                accounts.audit().record(UserCommand.who(), "organisation.add", o.slug(), o.name());
                System.out.println("Added the organisation " + o.slug() + " (" + o.name() + ")");
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the organisations.")
    static final class ListOrgs extends UserCommand.Data implements Callable<Integer> {
        @Override
        public Integer call() {
            try (Accounts accounts = Accounts.open(dir())) {
                for (Users.Organisation o : accounts.users().organisations()) {
                    System.out.println(o.slug() + "\t" + o.name() + (o.homepage() != null ? "\t" + o.homepage() : ""));
                }
            }
            return 0;
        }
    }
}
