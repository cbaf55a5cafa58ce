package org.khlang.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;

import javax.management.ObjectName;

import org.junit.jupiter.api.Test;

/** The Argon2 inlining directive reaches HotSpot, once, however often the password encoder is built. */
class Argon2CompilationTests {

    @Test
    void theDirectiveIsAddedOnceAndListedByTheCompiler() throws Exception {
        Argon2Compilation.install();
        Argon2Compilation.install();
        String listed = String.valueOf(ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesPrint",
                new Object[] {new String[0]}, new String[] {String[].class.getName()}));
        assertThat(listed).contains("Argon2BytesGenerator");
        assertThat(listed.split("Argon2BytesGenerator\\*\\.\\*", -1)).hasSize(2);
    }
}
