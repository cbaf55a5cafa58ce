package org.khlang.calendar;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.khlang.audit.AuditLog;
import org.khlang.identity.KhlangUser;
import org.khlang.shared.KhlangProblem;
import org.khlang.support.Fixtures;
import org.khlang.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
@Tag("R12")
class HolidayIntegrationTests {

    /** A Monday far from every other test's dates. */
    static final LocalDate MONDAY = LocalDate.of(2031, 3, 17);

    @Autowired
    BusinessDays businessDays;

    @Autowired
    AuditLog audit;

    @Autowired
    Fixtures fixtures;

    @Autowired
    MockMvc mvc;

    @Test
    void anAdministratorsNewHolidayMovesDeadlinesAndIsAudited() throws Exception {
        KhlangUser admin = fixtures.admin();
        LocalDate friday = MONDAY.minusDays(3);
        assertThat(businessDays.plus(friday, 1)).isEqualTo(MONDAY);

        var asAdmin = authentication(UsernamePasswordAuthenticationToken.authenticated(admin, null,
                List.of(new SimpleGrantedAuthority("ROLE_SYSTEM_ADMIN"), new SimpleGrantedAuthority("SIGNED_IN"))));
        mvc.perform(post("/admin/holidays").with(asAdmin).with(csrf()).param("date", MONDAY.toString())
                .param("nameTh", "วันหยุดพิเศษ").param("nameEn", "Special holiday"))
                .andExpect(flash().attributeExists("notice"));

        assertThat(businessDays.isBusinessDay(MONDAY)).isFalse();
        assertThat(businessDays.plus(friday, 1)).isEqualTo(MONDAY.plusDays(1));
        assertThat(audit.latest(5)).anySatisfy(event -> assertThat(event.action()).isEqualTo("calendar.holiday.added"));
        assertThatThrownBy(() -> businessDays.add(MONDAY, "ซ้ำ", null, admin.actor()))
                .isInstanceOfSatisfying(KhlangProblem.class, p -> assertThat(p.code()).isEqualTo("holiday.exists"));

        mvc.perform(post("/admin/holidays/remove").with(asAdmin).with(csrf()).param("date", MONDAY.toString()))
                .andExpect(flash().attributeExists("notice"));
        assertThat(businessDays.isBusinessDay(MONDAY)).isTrue();
    }

    @Test
    void onlyTheAdministratorKeepsTheHolidays() throws Exception {
        KhlangUser registrar = fixtures.registrar(fixtures.office("10"));
        var asRegistrar = authentication(UsernamePasswordAuthenticationToken.authenticated(registrar, null,
                List.of(new SimpleGrantedAuthority("ROLE_REGISTRAR"), new SimpleGrantedAuthority("SIGNED_IN"))));
        mvc.perform(get("/admin/holidays").with(asRegistrar)).andExpect(status().isForbidden());
        mvc.perform(post("/admin/holidays").with(asRegistrar).with(csrf()).param("date", MONDAY.toString())
                .param("nameTh", "x")).andExpect(status().isForbidden());
        assertThat(businessDays.isBusinessDay(MONDAY)).isTrue();
    }
}
