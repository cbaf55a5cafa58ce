package org.khlang.audit.internal;

import java.io.PrintStream;

import org.khlang.audit.AuditLog;
import org.khlang.audit.ChainVerification;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar khlang-server-exec.jar audit verify}: re-walks the chain, prints the outcome and exits with 0
 * when intact, 1 when broken (naming the first broken sequence number), so that cron or a monitor can run it.
 */
@Component
@Profile("command")
class AuditCommand implements ApplicationRunner, ExitCodeGenerator {

    private final AuditLog audit;
    private int exitCode;

    AuditCommand(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        if (!arguments.getNonOptionArgs().equals(java.util.List.of("audit", "verify"))) {
            return;
        }
        exitCode = print(audit.verify(), System.out);
    }

    static int print(ChainVerification verification, PrintStream out) {
        return switch (verification) {
            case ChainVerification.Intact intact -> {
                out.printf("audit chain intact: %d events, head %s%n", intact.eventsChecked(), intact.headHash());
                yield 0;
            }
            case ChainVerification.Broken broken -> {
                out.printf("audit chain BROKEN at sequence %d (%s) after %d intact events%n", broken.sequence(),
                        broken.reason(), broken.eventsChecked());
                yield 1;
            }
        };
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
