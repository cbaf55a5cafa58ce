package org.khlang.audit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.khlang.KhlangApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code java -jar khlang-server-exec.jar audit verify}, run the way an operator's cron job runs it. */
@Tag("R14")
class AuditCommandIntegrationTests {

    @Test
    void theVerifyCommandPrintsTheOutcomeAndExitsWithZeroWhenTheChainIsIntact() {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exitCode;
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            ConfigurableApplicationContext context = new SpringApplicationBuilder(KhlangApplication.class)
                    .web(WebApplicationType.NONE).profiles("test", "command").run("audit", "verify");
            exitCode = SpringApplication.exit(context);
        } finally {
            System.setOut(original);
        }

        assertThat(exitCode).isZero();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("audit chain intact");
    }
}
