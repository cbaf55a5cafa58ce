package org.khlang.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.khlang.identity.IssuedCredential;
import org.khlang.support.Fixtures;
import org.khlang.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** Health and metrics on their own port, and logs that never hold a password or a whole citizen ID. */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class OperationsIntegrationTests {

    @LocalManagementPort
    int managementPort;

    @LocalServerPort
    int port;

    @Autowired
    MockMvc mvc;

    @Autowired
    Fixtures fixtures;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void healthProbesAndMetricsAnswerOnTheManagementPortOnly() throws Exception {
        IssuedCredential issued = fixtures.issue(fixtures.registrar(fixtures.office("49")), fixtures.localAgency("49"));
        mvc.perform(post("/login").with(csrf()).param("username", issued.account().username().value())
                .param("password", issued.initialPassword()));

        assertThat(get(managementPort, "/actuator/health/liveness").body()).contains("\"UP\"");
        assertThat(get(managementPort, "/actuator/health/readiness").body()).contains("\"UP\"");
        String metrics = get(managementPort, "/actuator/prometheus").body();
        assertThat(metrics).contains("khlang_logins_total{outcome=\"succeeded\"}");
        assertThat(metrics).contains("khlang_audit_appends_total");
        // The sign-in's password hash is timed: count and total time are published.
        java.util.regex.Matcher hashes = java.util.regex.Pattern
                .compile("(?m)^khlang_password_hash_seconds_count(?:\\{[^}]*\\})? (\\S+)$").matcher(metrics);
        assertThat(hashes.find()).isTrue();
        assertThat(Double.parseDouble(hashes.group(1))).isGreaterThanOrEqualTo(1);
        java.util.regex.Matcher time = java.util.regex.Pattern
                .compile("(?m)^khlang_password_hash_seconds_sum(?:\\{[^}]*\\})? (\\S+)$").matcher(metrics);
        assertThat(time.find()).isTrue();
        assertThat(Double.parseDouble(time.group(1))).isPositive();
        // ... and its processor time, which cannot exceed the wall time around it.
        java.util.regex.Matcher cpu = java.util.regex.Pattern
                .compile("(?m)^khlang_password_hash_cpu_seconds_sum(?:\\{[^}]*\\})? (\\S+)$").matcher(metrics);
        assertThat(cpu.find()).isTrue();
        assertThat(Double.parseDouble(cpu.group(1))).isPositive()
                .isLessThanOrEqualTo(Double.parseDouble(time.group(1)));
        assertThat(get(port, "/actuator/health").statusCode()).isNotEqualTo(200);
    }

    @Test
    void logsNeverHoldPasswordsOrCitizenIds(CapturedOutput output) throws Exception {
        IssuedCredential issued = fixtures.issue(fixtures.registrar(fixtures.office("49")), fixtures.localAgency("49"));
        mvc.perform(post("/login").with(csrf()).param("username", issued.account().username().value())
                .param("password", "a wrong password typed here"));
        mvc.perform(post("/login").with(csrf()).param("username", issued.account().username().value())
                .param("password", issued.initialPassword()));
        mvc.perform(post("/api/v1/registrar/people").with(csrf()).contentType("application/json").content("{"));

        assertThat(output.getAll()).doesNotContain(issued.initialPassword())
                .doesNotContain("a wrong password typed here")
                .doesNotContain(issued.person().citizenId().value());
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
