package org.khlang.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.khlang.KhlangApplication;
import org.khlang.audit.AuditEntry;
import org.khlang.audit.AuditLog;
import org.khlang.audit.ChainVerification;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;

import static org.khlang.benchmarks.Bench.print;
/**
 * Measures the foundation's figures of design.md section 8 on this machine: the cost of one password hash, audit
 * appends per second (batched, and one event per transaction from several threads) and audit verification
 * per second. Runs against a PostgreSQL database that it empties first (default khlang_bench).
 *
 * <p>Run with {@code benchmarks/run}; the figures go into docs/benchmarks.md by hand, with the machine's facts.
 */
public final class FoundationBenchmark {

    private static final int HASHES = 40;
    private static final int BATCHED_EVENTS = 200_000;
    private static final int BATCH = 1_000;
    private static final int SINGLE_EVENTS = 4_000;
    private static final int THREADS = 8;

    private FoundationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Bench.Database database = Bench.Database.fromEnvironment().cleaned();
        String url = database.url();
        String user = database.user();
        String password = database.password();

        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(KhlangApplication.class)
                .web(WebApplicationType.NONE).logStartupInfo(false)
                .run("--spring.datasource.url=" + url, "--spring.datasource.username=" + user,
                        "--spring.datasource.password=" + password, "--spring.main.banner-mode=off",
                        "--logging.level.root=WARN", "--management.server.port=-1",
                        "--khlang.softtoken.secret-key=" + randomKey())) {
            passwordHash(context.getBean(PasswordEncoder.class));
            ecdsaVerify();
            AuditLog audit = context.getBean(AuditLog.class);
            TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
            auditBatched(audit, transactions);
            auditSingle(audit);
            // The appends above leave work for autovacuum; a chain in service has long been vacuumed. Settle the
            // table first so that the verification is not measured against a vacuum running on the same two cores.
            context.getBean(org.springframework.jdbc.core.JdbcTemplate.class).execute("vacuum (analyze) audit_event");
            auditVerify(audit);
        }
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }

    private static void passwordHash(PasswordEncoder encoder) {
        String hash = encoder.encode("correct horse battery staple 2568");
        for (int i = 0; i < 10; i++) {
            encoder.matches("warm up " + i, hash);
        }
        long start = System.nanoTime();
        for (int i = 0; i < HASHES; i++) {
            encoder.matches("correct horse battery staple 2568", hash);
        }
        double perHash = (System.nanoTime() - start) / 1e6 / HASHES;
        print("password hash (Argon2id m=19MiB t=2 p=1, verify)", "%.1f ms per hash, %.1f hashes/s per core",
                perHash, 1000 / perHash);
    }

    /** ES256 verification, as on every device call: the JDK's SunEC against Bouncy Castle, through Nimbus. */
    private static void ecdsaVerify() throws Exception {
        com.nimbusds.jose.jwk.ECKey key = new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_256)
                .generate();
        com.nimbusds.jose.JWSObject jws = new com.nimbusds.jose.JWSObject(
                new com.nimbusds.jose.JWSHeader(com.nimbusds.jose.JWSAlgorithm.ES256),
                new com.nimbusds.jose.Payload("{\"htm\":\"GET\",\"htu\":\"https://khlang/api/v1/device/requests\"}"));
        jws.sign(new com.nimbusds.jose.crypto.ECDSASigner(key));
        java.security.Provider bc = com.nimbusds.jose.crypto.bc.BouncyCastleProviderSingleton.getInstance();
        // The last: the key itself in Bouncy Castle's form, kept between calls, as DeviceProofs now does.
        for (String provider : new String[] {"SunEC", "BC", "BC, key kept in BC's form"}) {
            com.nimbusds.jose.crypto.ECDSAVerifier verifier = provider.startsWith("BC, key")
                    ? new com.nimbusds.jose.crypto.ECDSAVerifier(key.toPublicJWK().toECPublicKey(bc))
                    : new com.nimbusds.jose.crypto.ECDSAVerifier(key.toPublicJWK());
            if (provider.startsWith("BC")) {
                verifier.getJCAContext().setProvider(bc);
            }
            for (int i = 0; i < 3000; i++) {
                jws.verify(verifier);
            }
            int rounds = 5000;
            long start = System.nanoTime();
            for (int i = 0; i < rounds; i++) {
                if (!jws.verify(verifier)) {
                    throw new IllegalStateException("does not verify");
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            print("ES256 verify through Nimbus, provider " + provider, "%,.0f verifications/s (%.3f ms each)",
                    rounds / seconds, seconds * 1000 / rounds);
        }
    }

    private static void auditBatched(AuditLog audit, TransactionTemplate transactions) {
        List<AuditEntry> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            batch.add(entry(i));
        }
        for (int i = 0; i < 20; i++) {
            audit.appendAll(batch); // warm up
        }
        long start = System.nanoTime();
        for (int done = 0; done < BATCHED_EVENTS; done += BATCH) {
            transactions.executeWithoutResult(status -> audit.appendAll(batch));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        print("audit append, batches of " + BATCH + " per transaction", "%,.0f events/s (%,d events in %.2f s)",
                BATCHED_EVENTS / seconds, BATCHED_EVENTS, seconds);
    }

    private static void auditSingle(AuditLog audit) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int thread = 0; thread < THREADS; thread++) {
            futures.add(pool.submit(() -> {
                for (int i = 0; i < SINGLE_EVENTS / THREADS; i++) {
                    audit.append(entry(i));
                }
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        print("audit append, one event per transaction, " + THREADS + " threads",
                "%,.0f events/s (%,d events in %.2f s)", SINGLE_EVENTS / seconds, SINGLE_EVENTS, seconds);
    }

    private static void auditVerify(AuditLog audit) {
        for (int i = 0; i < 5; i++) {
            audit.verify(); // warm up: the JIT compiles the walk and the driver's COPY path
        }
        double[] rates = new double[7];
        long events = 0;
        for (int i = 0; i < rates.length; i++) {
            long start = System.nanoTime();
            ChainVerification verification = audit.verify();
            double seconds = (System.nanoTime() - start) / 1e9;
            if (!(verification instanceof ChainVerification.Intact)) {
                throw new IllegalStateException("chain not intact: " + verification);
            }
            events = verification.eventsChecked();
            rates[i] = events / seconds;
        }
        java.util.Arrays.sort(rates);
        print("audit verify (whole chain, 7 runs)", "median %,.0f events/s, slowest %,.0f, fastest %,.0f (%,d events)",
                rates[rates.length / 2], rates[0], rates[rates.length - 1], events);
    }

    private static AuditEntry entry(int i) {
        return AuditEntry.of("bench.payment.approved").by("approver.two", 42L).agency(7L)
                .target("payment:" + i).with("amount", "12345.67").with("document", "ขบ01-2568-" + i)
                .with("payee", "บริษัท ตัวอย่าง จำกัด").build();
    }

}
