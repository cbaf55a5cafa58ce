package org.khlang.audit;

import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.khlang.identity.KhlangUser;
import org.khlang.support.Fixtures;
import org.khlang.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
@Tag("R14")
class CheckpointIntegrationTests {

    @Autowired
    Checkpoints checkpoints;

    @Autowired
    AuditLog audit;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Fixtures fixtures;

    @Autowired
    MockMvc mvc;

    @Test
    void aCheckpointSignsTheHeadAndAnOutsiderVerifiesItWithThePublishedKey() throws Exception {
        audit.append(AuditEntry.of("test.checkpoint").by("tester", null).build());
        Checkpoint checkpoint = checkpoints.create().orElseThrow();

        JWSObject jws = JWSObject.parse(checkpoint.jws());
        ECKey publicKey = ECKey.parse(checkpoints.publicKey().orElseThrow());
        assertThat(publicKey.isPrivate()).isFalse();
        assertThat(jws.verify(new ECDSAVerifier(publicKey))).isTrue();
        Map<String, Object> claims = jws.getPayload().toJSONObject();
        assertThat(((Number) claims.get("seq")).longValue()).isEqualTo(checkpoint.sequence());
        assertThat(claims.get("hash")).isEqualTo(jdbc.queryForObject("select hash from audit_event where seq = ?",
                String.class, checkpoint.sequence()).strip());
        assertThat(checkpoints.verify(checkpoint)).isTrue();
        assertThat(checkpoints.verify(new Checkpoint(checkpoint.sequence(), "0".repeat(64), checkpoint.createdAt(),
                checkpoint.keyId(), checkpoint.jws()))).isFalse();
        assertThatThrownBy(() -> jdbc.update("delete from audit_checkpoint where seq = ?", checkpoint.sequence()))
                .rootCause().hasMessageContaining("append-only");
    }

    @Test
    void checkpointsAreExportedToAuditorsAndOnlyTheAdministratorMakesOneNow() throws Exception {
        KhlangUser admin = fixtures.admin();
        var asAdmin = authentication(UsernamePasswordAuthenticationToken.authenticated(admin, null,
                List.of(new SimpleGrantedAuthority("ROLE_SYSTEM_ADMIN"), new SimpleGrantedAuthority("SIGNED_IN"))));
        mvc.perform(post("/api/v1/audit/checkpoints").with(asAdmin).with(csrf())).andExpect(status().isCreated())
                .andExpect(jsonPath("$.valid").value(true));
        mvc.perform(get("/api/v1/audit/checkpoints/export").with(asAdmin)).andExpect(status().isOk())
                .andExpect(jsonPath("$.checkpoints[0].jws").isNotEmpty())
                .andExpect(jsonPath("$.publicKey").isNotEmpty());
        mvc.perform(get("/api/v1/audit/checkpoints").with(asAdmin)).andExpect(jsonPath("$[0].valid").value(true));
    }
}
