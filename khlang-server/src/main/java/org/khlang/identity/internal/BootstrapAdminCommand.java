package org.khlang.identity.internal;

import java.util.List;

import org.khlang.authority.Right;
import org.khlang.identity.IssuedCredential;
import org.khlang.identity.NewPerson;
import org.khlang.identity.Staff;
import org.khlang.identity.Username;
import org.khlang.shared.Actor;
import org.khlang.shared.KhlangProblem;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * {@code bootstrap-admin --citizen-id=... --username=... --title=... --first-name=... --last-name=...}: issues a
 * system administrator on a new installation, who then issues registrar staff. Prints the initial password once.
 */
@Component
@Profile("command")
class BootstrapAdminCommand implements ApplicationRunner, ExitCodeGenerator {

    private final Staff staff;
    private int exitCode;

    BootstrapAdminCommand(Staff staff) {
        this.staff = staff;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        if (!arguments.getNonOptionArgs().equals(List.of("bootstrap-admin"))) {
            return;
        }
        try {
            NewPerson person = NewPerson.of(value(arguments, "citizen-id"), valueOr(arguments, "title", "นาย"),
                    value(arguments, "first-name"), value(arguments, "last-name"), null, null,
                    valueOr(arguments, "email", null), null, null);
            IssuedCredential issued = staff.issue(person, new Username(value(arguments, "username")),
                    Right.SYSTEM_ADMIN, null, Actor.SYSTEM);
            System.out.printf("system administrator %s issued; initial password (shown once): %s%n",
                    issued.account().username(), issued.initialPassword());
        } catch (KhlangProblem problem) {
            System.err.println("refused: " + problem.code() + " " + problem.fieldProblems());
            exitCode = 2;
        }
    }

    private static String value(ApplicationArguments arguments, String name) {
        String value = valueOr(arguments, name, null);
        if (value == null) {
            throw new KhlangProblem(org.khlang.shared.ProblemKind.INVALID, "field.required", name);
        }
        return value;
    }

    private static String valueOr(ApplicationArguments arguments, String name, String fallback) {
        List<String> values = arguments.getOptionValues(name);
        return values == null || values.isEmpty() ? fallback : values.getFirst();
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
