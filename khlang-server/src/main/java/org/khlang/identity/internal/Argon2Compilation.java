package org.khlang.identity.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.management.JMException;
import javax.management.ObjectName;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the JIT compile Bouncy Castle's Argon2 inner loop the same way in every run.
 *
 * <p>The block function's small helpers ({@code quarterRound} and the calls leading to it) are normally inlined into
 * {@code applyBlake}. Whether they are depends on the order in which the JIT happens to compile them: when a helper
 * is compiled on its own first, it is later refused for inlining as "already compiled into a big method", and every
 * password hash of that JVM costs up to 2.6 times as much CPU (measured: 34 against 90 ms, docs/benchmarks.md). A
 * compiler directive that asks for the inlining, added through HotSpot's diagnostic command before the first hash,
 * removes the lottery. On a JVM without that command nothing changes but the speed.
 */
final class Argon2Compilation {

    private static final Logger log = LoggerFactory.getLogger(Argon2Compilation.class);
    private static final String DIRECTIVES = "/jit/argon2-directives.json";
    private static boolean installed;

    private Argon2Compilation() {
    }

    static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        Path file = null;
        try (InputStream directives = Argon2Compilation.class.getResourceAsStream(DIRECTIVES)) {
            if (directives == null) {
                log.warn("compiler directives {} are missing from the application", DIRECTIVES);
                return;
            }
            file = Files.createTempFile("khlang-argon2-", ".json");
            Files.write(file, directives.readAllBytes());
            Object answer = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesAdd",
                    new Object[] {new String[] {file.toString()}}, new String[] {String[].class.getName()});
            log.info("Argon2 compiler directives: {}", String.valueOf(answer).strip());
        } catch (JMException | IOException | RuntimeException unavailable) {
            log.info("Argon2 compiler directives not added ({}); password hashing works, its speed may vary",
                    unavailable.toString());
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temporary file left behind holds nothing secret
                }
            }
        }
    }
}
