package org.khlang.disbursement.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.khlang.disbursement.BankAccount;
import org.khlang.disbursement.BudgetLine;
import org.khlang.disbursement.Budgets;
import org.khlang.disbursement.DocumentType;
import org.khlang.disbursement.FiscalYears;
import org.khlang.disbursement.IdempotentCommands;
import org.khlang.disbursement.NewBudgetLine;
import org.khlang.disbursement.NewPayee;
import org.khlang.disbursement.NewWithdrawal;
import org.khlang.disbursement.PayeeKind;
import org.khlang.disbursement.Payees;
import org.khlang.disbursement.Withdrawal;
import org.khlang.disbursement.WithdrawalState;
import org.khlang.disbursement.Withdrawals;
import org.khlang.disbursement.web.MoneyViews.BatchView;
import org.khlang.disbursement.web.MoneyViews.BudgetLineView;
import org.khlang.disbursement.web.MoneyViews.CheckView;
import org.khlang.disbursement.web.MoneyViews.PayeeView;
import org.khlang.disbursement.web.MoneyViews.SigningView;
import org.khlang.disbursement.web.MoneyViews.WithdrawalView;
import org.khlang.shared.Actor;
import org.khlang.shared.ActorPrincipal;
import org.khlang.shared.Baht;
import org.khlang.shared.ImportReport;
import org.khlang.shared.KhlangProblem;
import org.khlang.shared.Page;
import org.khlang.shared.ProblemKind;
import org.khlang.shared.web.ApiController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.json.JsonMapper;

/**
 * The money API (R6, R13) for the signed-in person's own agency. Commands that move money — recording, correcting,
 * cancelling, approving, paying, importing bank results — need an {@code Idempotency-Key} header: a retry returns
 * the first answer (with {@code Idempotent-Replayed: true}) and never moves money twice.
 */
@ApiController("/api/v1/money")
class MoneyApiController {

    private final Budgets budgets;
    private final Payees payees;
    private final Withdrawals withdrawals;
    private final IdempotentCommands idempotent;
    private final org.khlang.disbursement.Receipts receipts;
    private final java.time.Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    MoneyApiController(Budgets budgets, Payees payees, Withdrawals withdrawals, IdempotentCommands idempotent,
                       java.time.Clock clock, org.khlang.disbursement.Receipts receipts) {
        this.receipts = receipts;
        this.budgets = budgets;
        this.payees = payees;
        this.withdrawals = withdrawals;
        this.idempotent = idempotent;
        this.clock = clock;
    }

    record BudgetLineRequest(Integer fiscalYear, String budgetCode, String fundSource, String glCode, String activity,
                             String allotted) {
    }

    /** {@code taxStatus} is optional: without it an officer is exempt and a firm as its tax ID suggests. */
    record PayeeRequest(PayeeKind kind, String name, String taxId, String bankCode, String accountNumber,
                        String accountName, org.khlang.disbursement.TaxStatus taxStatus) {
    }

    record LineRequest(Long budgetLineId, String glCode, String description, String invoiceRef, String amount) {
    }

    /** {@code vat} (included in the total, not taxed again), {@code fine} and {@code fineReason} are optional. */
    record WithdrawalRequest(DocumentType type, Long payeeId, String purchaseOrder, String description,
                             List<LineRequest> lines, String vat, String fine, String fineReason) {
    }

    record ConfirmationRequest(String confirmationId) {
    }

    record BatchRequest(List<Long> withdrawalIds, String confirmationId) {
    }

    record ReceiptRequest(java.time.LocalDate receivedOn, String payer, String description,
                          org.khlang.disbursement.ReceiptMethod method, String amount) {
    }

    record CancelRequest(String reason) {
    }

    record RemittanceRequest(List<Long> receiptIds) {
    }

    // ---------------------------------------------------------------- budget and payees

    @GetMapping("/budget")
    List<BudgetLineView> budget(Authentication authentication, @RequestParam(required = false) Integer year) {
        int fiscalYear = year == null ? FiscalYears.of(java.time.LocalDate.now(clock)) : year;
        return budgets.lines(agencyOf(authentication), fiscalYear).stream().map(BudgetLineView::of).toList();
    }

    @PostMapping("/budget")
    ResponseEntity<BudgetLineView> createBudgetLine(Authentication authentication, Actor actor,
                                                    @RequestBody BudgetLineRequest request) {
        BudgetLine line = budgets.create(agencyOf(authentication), new NewBudgetLine(
                request.fiscalYear() == null ? 0 : request.fiscalYear(), request.budgetCode(), request.fundSource(),
                request.glCode(), request.activity(), Baht.parse(request.allotted())), actor);
        return ResponseEntity.status(HttpStatus.CREATED).body(BudgetLineView.of(line));
    }

    @PostMapping(path = "/budget/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<ImportReport<BudgetLineView>> importBudget(Authentication authentication, Actor actor,
                                                              @RequestParam(required = false) MultipartFile file)
            throws IOException {
        ImportReport<BudgetLine> report = budgets.importCsv(agencyOf(authentication), bytes(file), actor);
        ImportReport<BudgetLineView> view = new ImportReport<>(report.rowsRead(), report.imported(), report.errors(),
                report.results().stream().map(BudgetLineView::of).toList());
        return ResponseEntity.status(report.imported() ? HttpStatus.CREATED : HttpStatus.UNPROCESSABLE_CONTENT)
                .body(view);
    }

    @GetMapping("/payees")
    List<PayeeView> payees(Authentication authentication) {
        return payees.forAgency(agencyOf(authentication)).stream().map(PayeeView::of).toList();
    }

    @PostMapping("/payees")
    ResponseEntity<PayeeView> registerPayee(Authentication authentication, Actor actor,
                                            @RequestBody PayeeRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(PayeeView.of(payees.register(agencyOf(authentication),
                new NewPayee(request.kind(), request.name(), request.taxId(), new BankAccount(request.bankCode(),
                        request.accountNumber(), request.accountName()), request.taxStatus()), actor)));
    }

    // ---------------------------------------------------------------- withdrawals

    @GetMapping("/withdrawals")
    Page<WithdrawalView> list(Authentication authentication, @RequestParam(required = false) WithdrawalState state,
                              @RequestParam(defaultValue = "0") int page) {
        Page<Withdrawal> found = withdrawals.forAgency(agencyOf(authentication), state, page);
        return new Page<>(found.items().stream().map(WithdrawalView::of).toList(), found.number(), found.size(),
                found.total());
    }

    @GetMapping("/withdrawals/{id}")
    WithdrawalView withdrawal(Authentication authentication, @PathVariable long id) {
        return WithdrawalView.of(own(authentication, id));
    }

    @PostMapping("/withdrawals")
    ResponseEntity<String> record(Authentication authentication, Actor actor,
                                  @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                  @RequestBody WithdrawalRequest request) {
        long agencyId = agencyOf(authentication);
        return once(actor, key, "POST /withdrawals", request, () -> answer(201,
                WithdrawalView.of(withdrawals.record(agencyId, withdrawal(request), actor))));
    }

    @PutMapping("/withdrawals/{id}")
    ResponseEntity<String> correct(Authentication authentication, Actor actor, @PathVariable long id,
                                   @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                   @RequestBody WithdrawalRequest request) {
        own(authentication, id);
        return once(actor, key, "PUT /withdrawals/" + id, request, () -> answer(200,
                WithdrawalView.of(withdrawals.correct(id, withdrawal(request), actor))));
    }

    @PostMapping("/withdrawals/{id}/cancel")
    ResponseEntity<String> cancel(Authentication authentication, Actor actor, @PathVariable long id,
                                  @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        own(authentication, id);
        return once(actor, key, "POST /withdrawals/" + id + "/cancel", Map.of(), () -> answer(200,
                WithdrawalView.of(withdrawals.cancel(id, actor))));
    }

    record AttachmentView(long id, String fileName, String contentType, String sha256, int size) {
    }

    @PostMapping(path = "/withdrawals/{id}/attachments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<AttachmentView> attach(Authentication authentication, Actor actor, @PathVariable long id,
                                          @RequestParam(required = false) MultipartFile file) throws IOException {
        own(authentication, id);
        if (file == null || file.isEmpty()) {
            throw new KhlangProblem(ProblemKind.INVALID, "attachment.required");
        }
        org.khlang.disbursement.Attachment attached = withdrawals.attach(id, file.getOriginalFilename(),
                file.getBytes(), actor);
        return ResponseEntity.status(HttpStatus.CREATED).body(new AttachmentView(attached.id(), attached.fileName(),
                attached.contentType(), attached.sha256(), attached.size()));
    }

    /** Sends approval 1 to the approver's phone; the answer names the request to confirm with. */
    @PostMapping("/withdrawals/{id}/approval-requests")
    ResponseEntity<SigningView> askApproval1(Authentication authentication, Actor actor, @PathVariable long id) {
        own(authentication, id);
        return ResponseEntity.status(HttpStatus.CREATED).body(SigningView.of(withdrawals.askApproval1(id, actor)));
    }

    @PostMapping("/withdrawals/{id}/approvals")
    ResponseEntity<String> approve1(Authentication authentication, Actor actor, @PathVariable long id,
                                    @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                    @RequestBody ConfirmationRequest request) {
        own(authentication, id);
        return once(actor, key, "POST /withdrawals/" + id + "/approvals", request, () -> answer(200,
                WithdrawalView.of(withdrawals.approve1(id, request.confirmationId(), actor))));
    }

    @GetMapping("/withdrawals/{id}/verification")
    List<CheckView> verify(Authentication authentication, @PathVariable long id) {
        own(authentication, id);
        return withdrawals.verifyApprovals(id).stream().map(CheckView::of).toList();
    }

    // ---------------------------------------------------------------- payments

    @PostMapping("/payment-approval-requests")
    ResponseEntity<SigningView> askApproval2(Authentication authentication, Actor actor,
                                             @RequestBody BatchRequest request) {
        ownAll(authentication, request.withdrawalIds());
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(SigningView.of(withdrawals.askApproval2(request.withdrawalIds(), actor)));
    }

    @PostMapping("/payment-batches")
    ResponseEntity<String> approve2(Authentication authentication, Actor actor,
                                    @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                    @RequestBody BatchRequest request) {
        ownAll(authentication, request.withdrawalIds());
        return once(actor, key, "POST /payment-batches", request, () -> answer(201,
                BatchView.of(withdrawals.approve2(request.withdrawalIds(), request.confirmationId(), actor))));
    }

    @GetMapping("/payment-batches/{id}")
    BatchView batch(Authentication authentication, @PathVariable long id) {
        return BatchView.of(ownBatch(authentication, id));
    }

    @GetMapping("/payment-batches/{id}/pain001")
    ResponseEntity<byte[]> paymentFile(Authentication authentication, Actor actor, @PathVariable long id) {
        org.khlang.disbursement.PaymentBatch batch = ownBatch(authentication, id);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML)
                .header("Content-Disposition", "attachment; filename=\"" + batch.messageId() + ".xml\"")
                .body(withdrawals.paymentFile(id, actor));
    }

    @PostMapping(path = "/payment-batches/{id}/results", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<String> results(Authentication authentication, Actor actor, @PathVariable long id,
                                   @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                   @RequestParam(required = false) MultipartFile file) throws IOException {
        ownBatch(authentication, id);
        byte[] content = bytes(file);
        return once(actor, key, "POST /payment-batches/" + id + "/results", Map.of("sha256", sha256(content)),
                () -> {
                    org.khlang.disbursement.BankResults results = withdrawals.importBankResults(id, content, actor);
                    return answer(results.applied() ? 200 : 422, results);
                });
    }

    // ---------------------------------------------------------------- receipts and remittances

    @GetMapping("/receipts")
    List<MoneyViews.ReceiptView> receipts(Authentication authentication, @RequestParam(required = false) String from,
                                          @RequestParam(required = false) String to) {
        java.time.LocalDate today = java.time.LocalDate.now(clock);
        java.time.LocalDate start;
        java.time.LocalDate end;
        try {
            start = from == null ? today.minusDays(31) : java.time.LocalDate.parse(from);
            end = to == null ? today : java.time.LocalDate.parse(to);
        } catch (java.time.format.DateTimeParseException invalid) {
            throw new KhlangProblem(ProblemKind.INVALID, "report.date");
        }
        if (end.isBefore(start) || start.plusYears(2).isBefore(end)) {
            throw new KhlangProblem(ProblemKind.INVALID, "report.period");
        }
        return receipts.between(agencyOf(authentication), start, end).stream().map(MoneyViews.ReceiptView::of)
                .toList();
    }

    @PostMapping("/receipts")
    ResponseEntity<String> issueReceipt(Authentication authentication, Actor actor,
                                        @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                        @RequestBody ReceiptRequest request) {
        long agencyId = agencyOf(authentication);
        return once(actor, key, "POST /receipts", request, () -> answer(201, MoneyViews.ReceiptView.of(
                receipts.issue(agencyId, new org.khlang.disbursement.NewReceipt(request.receivedOn(), request.payer(),
                        request.description(), request.method(), Baht.parse(request.amount())), actor))));
    }

    @PostMapping("/receipts/{id}/cancel")
    ResponseEntity<String> cancelReceipt(Authentication authentication, Actor actor, @PathVariable long id,
                                         @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                         @RequestBody CancelRequest request) {
        long agencyId = agencyOf(authentication);
        receipts.find(id).filter(found -> found.agencyId() == agencyId)
                .orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "receipt.notFound"));
        return once(actor, key, "POST /receipts/" + id + "/cancel", request, () -> answer(200,
                MoneyViews.ReceiptView.of(receipts.cancel(id, request.reason(), actor))));
    }

    @PostMapping("/remittances")
    ResponseEntity<String> prepareRemittance(Authentication authentication, Actor actor,
                                             @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                             @RequestBody RemittanceRequest request) {
        long agencyId = agencyOf(authentication);
        return once(actor, key, "POST /remittances", request, () -> answer(201,
                MoneyViews.RemittanceView.of(receipts.prepare(agencyId, request.receiptIds(), actor))));
    }

    @GetMapping("/remittances/{id}")
    MoneyViews.RemittanceView remittance(Authentication authentication, @PathVariable long id) {
        return MoneyViews.RemittanceView.of(ownRemittance(authentication, id));
    }

    @PostMapping("/remittances/{id}/approval-requests")
    ResponseEntity<SigningView> askRemittanceApproval(Authentication authentication, Actor actor,
                                                      @PathVariable long id) {
        ownRemittance(authentication, id);
        return ResponseEntity.status(HttpStatus.CREATED).body(SigningView.of(receipts.askApproval(id, actor)));
    }

    @PostMapping("/remittances/{id}/approvals")
    ResponseEntity<String> approveRemittance(Authentication authentication, Actor actor, @PathVariable long id,
                                             @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                             @RequestBody ConfirmationRequest request) {
        ownRemittance(authentication, id);
        return once(actor, key, "POST /remittances/" + id + "/approvals", request, () -> answer(200,
                MoneyViews.RemittanceView.of(receipts.approve(id, request.confirmationId(), actor))));
    }

    private org.khlang.disbursement.Remittance ownRemittance(Authentication authentication, long id) {
        long agencyId = agencyOf(authentication);
        return receipts.remittance(id).filter(found -> found.agencyId() == agencyId)
                .orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "remittance.notFound"));
    }

    // ---------------------------------------------------------------- helpers

    private ResponseEntity<String> once(Actor actor, String key, String what, Object request,
                                        Supplier<IdempotentCommands.Answer> command) {
        if (key == null || key.isBlank()) {
            throw new KhlangProblem(ProblemKind.INVALID, "idempotency.key");
        }
        String requestSha256 = sha256((what + "\n" + json.writeValueAsString(request))
                .getBytes(StandardCharsets.UTF_8));
        IdempotentCommands.Answer answer = idempotent.run(actor.accountId(), key.strip(), requestSha256, command);
        return ResponseEntity.status(answer.status()).contentType(MediaType.APPLICATION_JSON)
                .header("Idempotent-Replayed", Boolean.toString(answer.replayed())).body(answer.body());
    }

    private IdempotentCommands.Answer answer(int status, Object body) {
        return new IdempotentCommands.Answer(status, json.writeValueAsString(body), false);
    }

    private static NewWithdrawal withdrawal(WithdrawalRequest request) {
        if (request.payeeId() == null) {
            throw new KhlangProblem(ProblemKind.INVALID, "withdrawal.payee");
        }
        List<LineRequest> lines = request.lines() == null ? List.of() : request.lines();
        List<NewWithdrawal.Line> parsed = new java.util.ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            LineRequest line = lines.get(i);
            java.math.BigDecimal amount;
            try {
                amount = Baht.parse(line.amount());
            } catch (org.khlang.shared.InvalidValueException invalid) {
                throw new KhlangProblem(ProblemKind.INVALID, "withdrawal.line." + invalid.code(), i + 1);
            }
            parsed.add(new NewWithdrawal.Line(line.budgetLineId(), line.glCode(), line.description(),
                    line.invoiceRef(), amount));
        }
        return new NewWithdrawal(request.type(), request.payeeId(), request.purchaseOrder(), request.description(),
                parsed, MoneyController.optionalAmount(request.vat(), "withdrawal.vat"),
                MoneyController.optionalAmount(request.fine(), "withdrawal.fine"), request.fineReason());
    }

    private Withdrawal own(Authentication authentication, long id) {
        long agencyId = agencyOf(authentication);
        return withdrawals.find(id).filter(found -> found.agencyId() == agencyId)
                .orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "withdrawal.notFound"));
    }

    private void ownAll(Authentication authentication, List<Long> ids) {
        if (ids == null || ids.isEmpty()) {
            throw new KhlangProblem(ProblemKind.INVALID, "payment.batch.empty");
        }
        if (ids.size() > 10_000) {
            throw new KhlangProblem(ProblemKind.INVALID, "payment.batch.size", 10_000);
        }
        agencyOf(authentication);
    }

    private org.khlang.disbursement.PaymentBatch ownBatch(Authentication authentication, long id) {
        long agencyId = agencyOf(authentication);
        return withdrawals.batch(id).filter(batch -> batch.agencyId() == agencyId)
                .orElseThrow(() -> new KhlangProblem(ProblemKind.NOT_FOUND, "payment.batch.notFound"));
    }

    static long agencyOf(Authentication authentication) {
        if (authentication != null && authentication.getPrincipal() instanceof ActorPrincipal principal
                && principal.agencyId() != null) {
            return principal.agencyId();
        }
        throw new KhlangProblem(ProblemKind.FORBIDDEN, "forbidden");
    }

    private static byte[] bytes(MultipartFile file) throws IOException {
        if (file == null || file.isEmpty()) {
            throw new KhlangProblem(ProblemKind.INVALID, "import.fileRequired");
        }
        return file.getBytes();
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
