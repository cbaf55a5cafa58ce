package org.khlang;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;

/**
 * Khlang: government treasury disbursement with Soft Token authentication.
 *
 * <p>{@code java -jar khlang-server.jar} serves the web application; {@code java -jar khlang-server.jar audit verify}
 * re-walks the audit chain and exits with 0 when it is intact, 1 when it is broken;
 * {@code java -jar khlang-server.jar bootstrap-admin --citizen-id=... --username=... --first-name=... --last-name=...}
 * issues the first system administrator and prints the initial password once.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Modulithic(sharedModules = "shared")
public class KhlangApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(KhlangApplication.class);
        boolean command = args.length > 0 && !args[0].startsWith("-");
        if (command) {
            // A command (e.g. "audit verify") runs without a web server and exits when done.
            application.setWebApplicationType(org.springframework.boot.WebApplicationType.NONE);
            application.setAdditionalProfiles("command");
        }
        org.springframework.context.ConfigurableApplicationContext context = application.run(args);
        if (command) {
            System.exit(SpringApplication.exit(context));
        }
    }
}
