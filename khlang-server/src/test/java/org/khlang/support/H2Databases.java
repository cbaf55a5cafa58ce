package org.khlang.support;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** In-memory H2 databases as development mode runs them (PostgreSQL mode, the H2 migrations), one per name. */
public final class H2Databases {

    private H2Databases() {
    }

    /** The JDBC URL of the in-memory database {@code name}; it lives as long as the JVM. */
    public static String url(String name) {
        return "jdbc:h2:mem:" + name + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;"
                + "DB_CLOSE_DELAY=-1";
    }

    /** The database {@code name} with every migration applied. */
    public static DriverManagerDataSource migrated(String name) {
        Flyway.configure().dataSource(url(name), "sa", "")
                .locations("classpath:db/migration/common", "classpath:db/migration/h2").load().migrate();
        return new DriverManagerDataSource(url(name), "sa", "");
    }
}
