package org.khlang.browser;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.khlang.authenticator.KhlangAuthenticator;
import org.khlang.authenticator.PendingRequest;
import org.khlang.authority.AppointmentOrder;
import org.khlang.authority.AppointmentOrders;
import org.khlang.authority.NewAssignment;
import org.khlang.authority.Right;
import org.khlang.disbursement.NewReceipt;
import org.khlang.disbursement.Receipt;
import org.khlang.disbursement.ReceiptMethod;
import org.khlang.disbursement.Receipts;
import org.khlang.disbursement.Withdrawal;
import org.khlang.identity.KhlangUser;
import org.khlang.support.Accessibility;
import org.khlang.support.BrowserTest;
import org.khlang.support.Browsers;
import org.khlang.support.Fixtures;
import org.khlang.support.IntegrationTest;
import org.khlang.support.MoneyFixtures;
import org.khlang.support.SoftTokenFixtures;
import org.khlang.support.Ticket;
import org.khlang.support.Tickets;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.server.PathContainer;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WCAG 2.2 A/AA with axe-core on every page of the application, for every right: a person of each right signs in
 * (with their phone where they have one) and the test follows every link from the home page, opening each distinct
 * page (by its address with ids left out) once. Every page must answer 200 (no link leads to an error) and have no
 * serious or critical violation (a page whose content another right's visit checked to the letter is not checked
 * again; every right's layout is checked on its home page); moderate and minor ones are listed in {@code target/accessibility/}. Each page is
 * also photographed, the first time it is reached, at desktop size and at 360×640
 * ({@code target/screenshots/every-*}). Last, the pages reached are
 * held against the application's own request mappings: every GET handler that renders a page is reached by the
 * crawl, or named in {@link #NOT_LINKED} with the reason and the test that checks it.
 */
@IntegrationTest
@Tag("WCAG22")
class EveryPageBrowserTests extends BrowserTest {

    /** Pages no link leads to (reached by a form or a redirect), each with where they are checked. */
    private static final Map<String, String> NOT_LINKED = Map.ofEntries(
            Map.entry("/login", "before sign-in: checked here, in signIn"),
            Map.entry("/login/confirm", "during sign-in: checked here, in signIn"),
            Map.entry("/login/passkey", "during sign-in with a passkey: PasskeyBrowserTests"),
            Map.entry("/account/passkeys/confirm", "after adding a passkey (a POST): PasskeyBrowserTests"),
            Map.entry("/account/password", "the forced change after sign-in: checked here, in signIn"),
            Map.entry("/money/withdrawals/{id}/confirm", "after asking for an approval (a POST): MoneyBrowserTests"),
            Map.entry("/money/payments/confirm", "after asking for approval 2 (a POST): MoneyBrowserTests"),
            Map.entry("/money/remittances/{id}/confirm", "after asking to approve a remittance (a POST)"),
            Map.entry("/risk/{id}/confirm", "after the head asks to release a hold (a POST): RiskBrowserTests"),
            Map.entry("/money/withholding/confirm", "after asking to remit withheld tax (a POST): "
                    + "WithholdingRemittanceIntegrationTests, the confirmation page shared with remittances"),
            Map.entry("/agency/orders/{id}/confirm", "after asking to submit an order (a POST): "
                    + "AppointmentOrderBrowserTests"),
            Map.entry("/registrar/orders/{id}/confirm", "after a registrar's review (a POST): "
                    + "AppointmentOrderBrowserTests"),
            Map.entry("/registrar/head-appointments/{id}/confirm", "after a registrar's review (a POST)"),
            Map.entry("/proofing/start", "the hand-over to the identity provider (a redirect): "
                    + "SoftTokenBrowserTests"),
            Map.entry("/lost-phone", "reached from the sign-in page: LostPhoneBrowserTests"),
            Map.entry("/error", "the error page: ErrorPagesBrowserTests"));
    /** Downloads and the calls of a page's script: not pages. */
    private static final Pattern NOT_A_PAGE = Pattern.compile(
            ".*(\\.(pdf|csv|xlsx|xml|png|svg|ico|js|css)$|/file$|/letter$|/pain001$|/export$|/status$"
                    + "|/attachments/\\d+$)");
    private static final Pattern ID = Pattern.compile("/\\d+(?=/|$)");
    private static final int MAX_PAGES = 120;

    @LocalServerPort
    int port;

    @Autowired
    MoneyFixtures money;

    @Autowired
    SoftTokenFixtures tokens;

    @Autowired
    Receipts receipts;

    @Autowired
    AppointmentOrders orders;

    @Autowired
    Tickets tickets;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    /** What the crawl found: page (ids left out) → the rights that opened it, and the moderate findings. */
    private final Map<String, Set<String>> reached = new TreeMap<>();
    private final Map<String, Integer> moderate = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();
    private final List<Map.Entry<String, Long>> slowest = new ArrayList<>();
    private int visits;
    private final Set<String> checkedContent = new java.util.HashSet<>();

    @Test
    void everyPageOfEveryRightPassesAxeAndEveryPageIsReached() throws Exception {
        long started = System.nanoTime();
        String base = "http://localhost:" + port;
        URI server = URI.create(base);
        MoneyFixtures.Office office = money.office("76", server, "900000.00");
        Fixtures fixtures = money.fixtures();
        // Something on every list: a draft, a withdrawal after approval 1, one paid; a receipt in a remittance;
        // a draft order; a head's appointment; a ticket.
        Withdrawal draft = money.recorded(office, "1500.00");
        Withdrawal first = money.approved1(office, money.recorded(office, "2500.00"));
        Withdrawal paid = money.approved1(office, money.recorded(office, "3500.00"));
        money.approved2(office, List.of(paid.id()));
        Receipt receipt = receipts.issue(office.agency().id(), new NewReceipt(LocalDate.now(money.clock()),
                "นายสมหมาย ใจงาม", "ค่าธรรมเนียม", ReceiptMethod.CASH, new java.math.BigDecimal("350.00")),
                office.recorder().actor());
        receipts.prepare(office.agency().id(), List.of(receipt.id()), office.recorder().actor());
        KhlangUser head = office.head();
        KhlangAuthenticator headPhone = tokens.bindPhone(head.accountId(), head.username(), server);
        LocalDate today = LocalDate.now(money.clock());
        orders.draft(office.agency().id(), "คำสั่ง 7/2569", today, "นายก อบต.", head.actor());
        // One order submitted to the registrar, for the review page.
        AppointmentOrder submitted = orders.draft(office.agency().id(), "คำสั่ง 9/2569", today, "นายก อบต.",
                head.actor());
        orders.addAssignment(submitted.id(), new NewAssignment(office.recorder().accountId(), Right.RECORDER, false,
                today, null, "บันทึกเอกสารเบิกจ่าย", "ตรวจสอบโดยหัวหน้าส่วนการคลัง", "เก็บรหัสผ่านเป็นความลับ"),
                head.actor());
        orders.attach(submitted.id(), "order.pdf", Fixtures.SAMPLE_PDF, head.actor());
        String submitting = orders.askToSubmit(submitted.id(), head.actor());
        SoftTokenFixtures.approveOnPhone(headPhone, submitting);
        orders.submit(submitted.id(), submitting, head.actor());
        AppointmentOrder headAppointment = orders.draftHeadAppointment(office.agency().id(), "คำสั่ง 8/2569", today,
                "นายอำเภอ", office.registrar().actor());
        KhlangUser helpdesk = fixtures.helpdesk();
        Ticket ticket = tickets.open("เข้าสู่ระบบไม่ได้", "กดอนุมัติบนโทรศัพท์แล้วไม่ขึ้น", office.recorder().actor());
        tickets.reply(ticket.id(), "โปรดตรวจว่าโทรศัพท์ต่ออินเทอร์เน็ตอยู่", helpdesk.actor()); // a notice to read
        MoneyFixtures.Person auditor = money.person(office.registrar(), office.agency(), Right.INTERNAL_AUDITOR,
                server);
        assertThat(first.id()).isPositive();

        // Pages reached by a redirect, not a link, are opened directly too: the draft (whose edit link the crawl
        // then follows: the first document a list links is not a draft) and the head's appointment.
        crawl(base, "recorder", office.recorder().actor().username(), office.recorder().phone(), true,
                base + "/money/withdrawals/" + draft.id());
        crawl(base, "approver1", office.approver1().actor().username(), office.approver1().phone(), false);
        crawl(base, "approver2", office.approver2().actor().username(), office.approver2().phone(), false);
        crawl(base, "head", head.username(), headPhone, false);
        crawl(base, "auditor", auditor.actor().username(), auditor.phone(), false);
        crawl(base, "registrar", office.registrar().username(), null, false,
                base + "/registrar/head-appointments/" + headAppointment.id());
        crawl(base, "helpdesk", helpdesk.username(), null, false);
        KhlangUser admin = fixtures.admin();
        crawl(base, "admin", admin.username(), null, false);
        slowest.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
        System.out.println("every page: " + visits + " visits in " + (System.nanoTime() - started) / 1_000_000
                + " ms; slowest: " + slowest.subList(0, Math.min(8, slowest.size())));

        List<String> missing = new ArrayList<>();
        for (String pattern : pagePatterns()) {
            PathPattern parsed = org.springframework.web.util.pattern.PathPatternParser.defaultInstance
                    .parse(pattern);
            boolean found = reached.keySet().stream().anyMatch(path -> parsed.matches(PathContainer.parsePath(
                    path.replace("{id}", "1"))));
            if (!found && !NOT_LINKED.containsKey(pattern)) {
                missing.add(pattern);
            }
        }
        writeSummary();
        assertThat(failures).as("pages that failed (status or serious/critical axe violations)").isEmpty();
        assertThat(missing).as("pages that no right's crawl reached and that are not named in NOT_LINKED")
                .isEmpty();
        assertThat(reached).hasSizeGreaterThan(40);
    }

    /** Signs in, then opens every page reachable by links, each distinct one once. */
    private void crawl(String base, String right, String username, KhlangAuthenticator phone, boolean signInPages,
                       String... seeds) throws Exception {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900)
                .setLocale("th-TH"));
        Page page = context.newPage();
        signIn(page, base, right, username, phone, signInPages);
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> queue = new ArrayDeque<>(List.of(base + "/"));
        queue.addAll(List.of(seeds));
        int opened = 0;
        while (!queue.isEmpty() && opened < MAX_PAGES) {
            String url = queue.removeFirst();
            String path = URI.create(url).getPath();
            String template = ID.matcher(path).replaceAll("/{id}");
            if (!seen.add(template)) {
                continue;
            }
            long start = System.nanoTime();
            Response response = page.navigate(url);
            opened++;
            visits++;
            if (response == null || response.status() != 200) {
                failures.add(right + " " + url + ": status " + (response == null ? "none" : response.status())
                        + " (a link leads to an error)");
                continue;
            }
            String name = "every-" + right + template.replaceAll("[^A-Za-z0-9]+", "-");
            boolean first = !reached.containsKey(template);
            check(page, name, right, template);
            if (first) { // one pair of pictures a page: desktop and a cheap phone's 360 x 640
                String picture = "every" + template.replaceAll("[^A-Za-z0-9]+", "-");
                Browsers.screenshot(page, picture);
                page.setViewportSize(360, 640);
                Browsers.screenshot(page, picture + "-phone");
                page.setViewportSize(1280, 900);
            }
            slowest.add(Map.entry(right + " " + template, (System.nanoTime() - start) / 1_000_000));
            @SuppressWarnings("unchecked")
            List<String> links = (List<String>) page.locator("a[href]:not([download])").evaluateAll(
                    "links => links.map(link => link.href)");
            for (String link : links) {
                String target = link.replaceAll("#.*$", "");
                if (target.startsWith(base + "/") && !NOT_A_PAGE.matcher(URI.create(target).getPath()).matches()
                        && !target.contains("/logout")) {
                    queue.addLast(target);
                }
            }
        }
        context.close();
    }

    private void check(Page page, String name, String right, String template) {
        reached.computeIfAbsent(template, key -> new LinkedHashSet<>()).add(right);
        // A page whose content another right's visit has checked already, to the letter, is not checked again:
        // the layout around it (header, menu, footer) is this right's own and is checked on its home page.
        String content = (String) page.evaluate("() => { const main = document.querySelector('main');"
                + " return main ? main.innerHTML.replace(/value=\"[^\"]*\"/g, '') : document.body.innerHTML; }");
        if (!template.equals("/") && !checkedContent.add(template + "\n" + content)) {
            return;
        }
        try {
            List<Rule> violations = Accessibility.check(page, name);
            int count = (int) violations.stream().filter(rule -> "moderate".equals(rule.getImpact())).count();
            if (count > 0) {
                moderate.merge(template, count, Math::max);
            }
        } catch (AssertionError serious) {
            failures.add(right + " " + template + ": " + serious.getMessage());
        }
    }

    private void signIn(Page page, String base, String right, String username, KhlangAuthenticator phone,
                        boolean checkPages) {
        page.navigate(base + "/login");
        if (checkPages) {
            check(page, "every-signin-login", "anonymous", "/login");
        }
        page.fill("#username", username);
        page.fill("#password", Fixtures.GOOD_PASSWORD);
        page.click("button.primary");
        if (phone != null) {
            page.waitForSelector("#number");
            if (checkPages) {
                check(page, "every-signin-confirm", right, "/login/confirm");
            }
            int number = Integer.parseInt(page.textContent("#number").replaceAll("\\D", ""));
            PendingRequest login = phone.pending().stream().filter(request -> request.kind().equals("LOGIN"))
                    .findFirst().orElseThrow();
            assertThat(phone.approve(login, number).approved()).isTrue();
        }
        page.waitForURL(base + "/");
    }

    /** Every GET handler that renders a page (a view, not a body or a file), by its address pattern. */
    private List<String> pagePatterns() {
        List<String> patterns = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            HandlerMethod handler = entry.getValue();
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            boolean get = methods.isEmpty() || methods.contains(RequestMethod.GET);
            boolean view = handler.getReturnType().getParameterType() == String.class
                    && !handler.hasMethodAnnotation(ResponseBody.class)
                    && !handler.getBeanType().isAnnotationPresent(ResponseBody.class)
                    && !handler.getBeanType().isAnnotationPresent(
                            org.springframework.web.bind.annotation.RestController.class);
            if (get && view && info.getPathPatternsCondition() != null) {
                for (PathPattern pattern : info.getPathPatternsCondition().getPatterns()) {
                    String text = pattern.getPatternString().replaceAll("\\{[^}]+}", "{id}");
                    if (!NOT_A_PAGE.matcher(text).matches() && !text.startsWith("/api/")) {
                        patterns.add(text);
                    }
                }
            }
        }
        return patterns;
    }

    private void writeSummary() throws IOException {
        Files.createDirectories(Accessibility.REPORTS);
        StringBuilder text = new StringBuilder("page\trights\tmoderate (most on one right's view)\n");
        reached.forEach((template, rights) -> text.append(template).append('\t').append(String.join(",", rights))
                .append('\t').append(moderate.getOrDefault(template, 0)).append('\n'));
        text.append("pages: ").append(reached.size()).append(", with moderate findings: ").append(moderate.size())
                .append(", moderate in all: ").append(moderate.values().stream().mapToInt(Integer::intValue).sum())
                .append('\n');
        Files.writeString(Accessibility.REPORTS.resolve("every-page-summary.tsv"), text, StandardCharsets.UTF_8);
    }
}
