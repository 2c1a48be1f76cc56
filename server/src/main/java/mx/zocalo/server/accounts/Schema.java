package mx.zocalo.server.accounts;

import java.util.List;

/** The tables of the accounts database, by version (instants are epoch milliseconds, e-mails lower case). */
final class Schema {
    private Schema() {}

    static final List<String> V1 = List.of(
            """
            CREATE TABLE organisations (slug VARCHAR(64) PRIMARY KEY, name VARCHAR(300) NOT NULL, name_en VARCHAR(300),
              homepage VARCHAR(1000), created BIGINT NOT NULL)""",
            """
            CREATE TABLE users (email VARCHAR(320) PRIMARY KEY, name VARCHAR(300), role VARCHAR(16) NOT NULL,
              organisation VARCHAR(64) REFERENCES organisations(slug), password_hash VARCHAR(300) NOT NULL,
              created BIGINT NOT NULL, disabled BOOLEAN DEFAULT FALSE NOT NULL, must_change BOOLEAN DEFAULT FALSE NOT NULL)""",
            """
            CREATE TABLE sessions (id_hash CHAR(64) PRIMARY KEY, email VARCHAR(320) NOT NULL REFERENCES users(email) ON DELETE CASCADE,
              created BIGINT NOT NULL, expires BIGINT NOT NULL, last_seen BIGINT NOT NULL)""",
            "CREATE INDEX sessions_email ON sessions(email)",
            """
            CREATE TABLE api_tokens (id BIGINT AUTO_INCREMENT PRIMARY KEY, email VARCHAR(320) NOT NULL REFERENCES users(email) ON DELETE CASCADE,
              name VARCHAR(200) NOT NULL, hash CHAR(64) NOT NULL UNIQUE, created BIGINT NOT NULL, expires BIGINT NOT NULL,
              revoked BIGINT, last_used BIGINT)""",
            """
            CREATE TABLE login_attempts (time BIGINT NOT NULL, account VARCHAR(320) NOT NULL, address VARCHAR(64) NOT NULL,
              success BOOLEAN NOT NULL)""",
            "CREATE INDEX login_attempts_account ON login_attempts(account, time)",
            "CREATE INDEX login_attempts_address ON login_attempts(address, time)",
            """
            CREATE TABLE audit_log (id BIGINT AUTO_INCREMENT PRIMARY KEY, time BIGINT NOT NULL, who VARCHAR(400) NOT NULL,
              action VARCHAR(64) NOT NULL, target VARCHAR(1000), address VARCHAR(64), detail VARCHAR(4000))""",
            "CREATE INDEX audit_time ON audit_log(time)");
}
