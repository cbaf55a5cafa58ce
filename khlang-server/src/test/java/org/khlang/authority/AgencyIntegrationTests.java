package org.khlang.authority;

import java.io.StringReader;

import org.junit.jupiter.api.Test;
import org.khlang.identity.KhlangUser;
import org.khlang.shared.ImportReport;
import org.khlang.shared.KhlangProblem;
import org.khlang.support.Fixtures;
import org.khlang.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class AgencyIntegrationTests {

    @Autowired
    Agencies agencies;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void knowsAllSeventySevenProvincesAndTheirRegistrarOffices() {
        assertThat(agencies.provinces()).hasSize(77);
        assertThat(agencies.registrarOffices()).hasSize(77); // CGD and 76 provincial treasury offices
        assertThat(agencies.servingOffice(AgencyKind.CENTRAL, "30").code()).isEqualTo("CGD");
        assertThat(agencies.servingOffice(AgencyKind.LOCAL, "10").code()).isEqualTo("CGD");
        assertThat(agencies.servingOffice(AgencyKind.LOCAL, "30").code()).isEqualTo("PTO-30");
        assertThat(agencies.servingOffice(AgencyKind.PROVINCIAL, "96").nameTh()).isEqualTo("สำนักงานคลังจังหวัดนราธิวาส");
    }

    @Test
    void aRegistrarRegistersAnAgencyItsOfficeServes() {
        KhlangUser registrar = fixtures.registrar(fixtures.office("30"));
        String code = Fixtures.agencyCode();

        Agency agency = agencies.register(new NewAgency(new AgencyCode(code), "เทศบาลตำบลโนนสูง", "Non Sung",
                AgencyKind.LOCAL, LocalKind.SUBDISTRICT_MUNICIPALITY, "30", true), registrar.actor());

        assertThat(agency.registrarOfficeId()).isEqualTo(fixtures.office("30").id());
        assertThat(agency.pilot()).isTrue();
        assertThat(agencies.byCode(new AgencyCode(code))).contains(agency);
        assertThat(agencies.search(code, agency.registrarOfficeId(), 0, 20).items()).containsExactly(agency);
    }

    @Test
    void aRegistrarOfAnotherProvinceMayNotRegisterTheAgency() {
        KhlangUser chiangMai = fixtures.registrar(fixtures.office("50"));

        assertThatThrownBy(() -> agencies.register(new NewAgency(new AgencyCode(Fixtures.agencyCode()), "อบต.ทดสอบ",
                null, AgencyKind.LOCAL, LocalKind.SUBDISTRICT_ADMINISTRATION, "30", false), chiangMai.actor()))
                .isInstanceOfSatisfying(KhlangProblem.class,
                        problem -> assertThat(problem.code()).isEqualTo("agency.notYourOffice"));
    }

    @Test
    void refusesALocalOrganisationWithoutItsSubKindAndADuplicateCode() {
        assertThatThrownBy(() -> new NewAgency(new AgencyCode(Fixtures.agencyCode()), "อบต.", null, AgencyKind.LOCAL,
                null, "30", false)).isInstanceOfSatisfying(KhlangProblem.class, problem ->
                assertThat(problem.fieldProblems()).extracting(KhlangProblem.FieldProblem::code)
                        .containsExactly("agency.localKind.required"));
        Agency existing = fixtures.localAgency("30");
        assertThatThrownBy(() -> agencies.register(new NewAgency(existing.code(), "ซ้ำ", null, AgencyKind.LOCAL,
                LocalKind.SUBDISTRICT_ADMINISTRATION, "30", false), org.khlang.shared.Actor.SYSTEM))
                .isInstanceOfSatisfying(KhlangProblem.class,
                        problem -> assertThat(problem.code()).isEqualTo("agency.duplicate"));
    }

    @Test
    void importsAGoodFileWithThaiAndEnglishValues() {
        KhlangUser registrar = fixtures.registrar(fixtures.office("40"));
        String first = Fixtures.agencyCode();
        String second = Fixtures.agencyCode();
        String csv = """
                code,name_th,name_en,kind,local_kind,province,pilot
                %s,องค์การบริหารส่วนตำบลบ้านค้อ,Ban Kho SAO,ท้องถิ่น,อบต.,ขอนแก่น,ใช่
                %s,"เทศบาลนครขอนแก่น",Khon Kaen City Municipality,LOCAL,CITY_MUNICIPALITY,40,no
                """.formatted(first, second);

        ImportReport<Agency> report = agencies.importCsv(new StringReader(csv), registrar.actor());

        assertThat(report.imported()).isTrue();
        assertThat(report.errors()).isEmpty();
        assertThat(report.results()).extracting(agency -> agency.code().value()).containsExactly(first, second);
        assertThat(report.results().get(0).localKind()).isEqualTo(LocalKind.SUBDISTRICT_ADMINISTRATION);
        assertThat(report.results().get(0).pilot()).isTrue();
        assertThat(report.results().get(1).localKind()).isEqualTo(LocalKind.CITY_MUNICIPALITY);
    }

    @Test
    void aFileWithOneBadRowImportsNothingAndNamesEveryBadRow() {
        KhlangUser registrar = fixtures.registrar(fixtures.office("41"));
        String good = Fixtures.agencyCode();
        String csv = """
                code,name_th,name_en,kind,local_kind,province,pilot
                %s,อบต.หนองสูง,,LOCAL,อบต.,อุดรธานี,no
                12345,อบต.สั้น,,LOCAL,อบต.,41,no
                %s,ซ้ำในไฟล์,,LOCAL,อบต.,41,no
                %s,อบต.ผิดจังหวัด,,LOCAL,อบต.,ขอนแก่น,no
                %s,ไม่มีรูปแบบ,,LOCAL,,41,maybe
                """.formatted(good, good, Fixtures.agencyCode(), Fixtures.agencyCode());
        long before = jdbc.queryForObject("select count(*) from agency", Long.class);

        ImportReport<Agency> report = agencies.importCsv(new StringReader(csv), registrar.actor());

        assertThat(report.imported()).isFalse();
        assertThat(report.rowsRead()).isEqualTo(5);
        assertThat(report.errors()).extracting(ImportReport.RowError::line, ImportReport.RowError::code)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(3L, "agencyCode.format"),
                        org.assertj.core.groups.Tuple.tuple(4L, "import.duplicateInFile"),
                        org.assertj.core.groups.Tuple.tuple(5L, "agency.notYourOffice"),
                        org.assertj.core.groups.Tuple.tuple(6L, "import.boolean"),
                        org.assertj.core.groups.Tuple.tuple(6L, "agency.localKind.required"));
        assertThat(jdbc.queryForObject("select count(*) from agency", Long.class)).isEqualTo(before);
    }

    @Test
    void refusesAFileWithoutTheHeader() {
        ImportReport<Agency> report = agencies.importCsv(new StringReader("a,b\n1,2\n"), org.khlang.shared.Actor.SYSTEM);

        assertThat(report.imported()).isFalse();
        assertThat(report.errors()).extracting(ImportReport.RowError::code).containsExactly("import.header");
    }
}
