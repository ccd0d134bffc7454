import GRDB

/// The store's schema, one named migration per step. Shipped migrations are never edited: a change
/// is a new migration appended here.
enum Migrations {
    /// The schema this build writes, stamped in `PRAGMA user_version` by the last migration, so
    /// opening an up-to-date store reads one pragma instead of the migrator's table.
    static let schemaVersion = 8

    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-reports-and-version-log") { db in
            try db.execute(sql: v1)
        }
        migrator.registerMigration("v2-schema-version-stamp") { db in
            try db.execute(sql: "PRAGMA user_version = 2")
        }
        migrator.registerMigration("v3-report-tally") { db in
            try db.execute(sql: v3)
        }
        migrator.registerMigration("v4-appeal-queue") { db in
            try db.execute(sql: v4)
            // Appeal messages are indexed with the note from now on; index the existing ones.
            let appealed = try Row.fetchCursor(db, sql: """
                SELECT key, coalesce(details, ''), note, appeal_message, appeal_note FROM report WHERE appeal_status IS NOT NULL
                """)
            while let row = try appealed.next() {
                try SearchIndex.remove(db, key: row[0])
                let words = [row[2], row[3], row[4]].compactMap { $0 as String? }.filter { !$0.isEmpty }.joined(separator: "\n")
                try SearchIndex.insert(db, key: row[0], details: row[1], operatorWords: words)
            }
            try db.execute(sql: "PRAGMA user_version = 4")
        }
        migrator.registerMigration("v5-dashboard-indexes") { db in
            try db.execute(sql: v5)
        }
        migrator.registerMigration("v6-import-entries-name-the-row") { db in
            // From now on an import's version-log entry names the report row as its after-state
            // (`VersionLog.rowMarker`); older builds cannot read that, so the stamp makes them refuse
            // the store. Entries written before stay as they are and are read as ever.
            try db.execute(sql: "PRAGMA user_version = 6")
        }
        migrator.registerMigration("v7-day-tallies") { db in
            try db.execute(sql: v7)
        }
        migrator.registerMigration("v8-search-index-reads-the-reports") { db in
            try db.execute(sql: v8)
        }
        return migrator
    }()

    private static let v1 = """
        CREATE TABLE version (
            number INTEGER PRIMARY KEY CHECK (number > 0),
            at INTEGER NOT NULL,
            actor TEXT NOT NULL,
            command TEXT NOT NULL,
            summary TEXT NOT NULL,
            reverts INTEGER REFERENCES version(number)
        );
        CREATE TRIGGER version_is_append_only_update BEFORE UPDATE ON version
            BEGIN SELECT RAISE(ABORT, 'the version log is append-only'); END;
        CREATE TRIGGER version_is_append_only_delete BEFORE DELETE ON version
            BEGIN SELECT RAISE(ABORT, 'the version log is append-only'); END;

        CREATE TABLE report (
            key INTEGER PRIMARY KEY AUTOINCREMENT,
            report_id TEXT UNIQUE,
            fingerprint TEXT UNIQUE,
            category TEXT NOT NULL,
            issue_type TEXT NOT NULL,
            open_id TEXT,
            details TEXT,
            order_id TEXT,
            shot_sha256 TEXT,
            shot_bytes INTEGER,
            shot_type TEXT,
            shot_url TEXT,
            reported_at INTEGER NOT NULL,
            due_at INTEGER GENERATED ALWAYS AS (reported_at + 259200000) STORED,
            status TEXT NOT NULL CHECK (status IN ('pending', 'resolved', 'dismissed')),
            processed_at INTEGER CHECK (processed_at IS NULL OR status <> 'pending'),
            note TEXT NOT NULL DEFAULT '',
            appeal_status TEXT CHECK (appeal_status IN ('open', 'upheld', 'overturned')),
            appeal_message TEXT,
            appeal_opened_at INTEGER,
            appeal_decided_at INTEGER,
            appeal_note TEXT,
            version INTEGER NOT NULL REFERENCES version(number) DEFERRABLE INITIALLY DEFERRED,
            CHECK ((appeal_status IS NULL) = (appeal_opened_at IS NULL))
        );
        CREATE INDEX report_by_status ON report(status, reported_at, key);
        CREATE INDEX report_by_category ON report(category, status, reported_at, key);
        CREATE INDEX report_by_issue_type ON report(issue_type, status, reported_at, key);
        CREATE INDEX report_by_time ON report(reported_at, key);
        CREATE INDEX report_by_open_id ON report(open_id) WHERE open_id IS NOT NULL;
        CREATE INDEX report_by_order_id ON report(order_id) WHERE order_id IS NOT NULL;
        CREATE INDEX report_by_version ON report(version);

        -- The state of every report before and after each version that touched it (R12).
        CREATE TABLE report_change (
            version INTEGER NOT NULL REFERENCES version(number) DEFERRABLE INITIALLY DEFERRED,
            key INTEGER NOT NULL,
            before TEXT,
            after TEXT,
            PRIMARY KEY (key, version),
            CHECK (before IS NOT NULL OR after IS NOT NULL)
        ) WITHOUT ROWID;
        CREATE INDEX report_change_by_version ON report_change(version, key);
        CREATE TRIGGER report_change_is_append_only BEFORE DELETE ON report_change
            BEGIN SELECT RAISE(ABORT, 'the version log is append-only'); END;

        CREATE TABLE setting (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE setting_change (
            version INTEGER NOT NULL REFERENCES version(number) DEFERRABLE INITIALLY DEFERRED,
            name TEXT NOT NULL,
            before TEXT,
            after TEXT,
            PRIMARY KEY (name, version)
        ) WITHOUT ROWID;
        CREATE INDEX setting_change_by_version ON setting_change(version, name);
        CREATE TRIGGER setting_change_is_append_only BEFORE DELETE ON setting_change
            BEGIN SELECT RAISE(ABORT, 'the version log is append-only'); END;

        -- Reports whose personal data was erased, and at which version: undo cannot bring it back.
        CREATE TABLE erasure (
            version INTEGER NOT NULL REFERENCES version(number) DEFERRABLE INITIALLY DEFERRED,
            key INTEGER NOT NULL,
            PRIMARY KEY (key, version)
        ) WITHOUT ROWID;

        -- Details and notes as the index sees them (see SearchText.indexForm).
        CREATE VIRTUAL TABLE report_text USING fts5(
            details, note, tokenize = 'unicode61 remove_diacritics 2'
        );
        """

    /// Report counts per category, issue type and status, kept by triggers in the same transaction
    /// as every change to `report`, so `total` and `info` read a few rows instead of counting an
    /// index range that grows with the store. `verify` recounts it.
    private static let v3 = """
        CREATE TABLE report_tally (
            category TEXT NOT NULL,
            issue_type TEXT NOT NULL,
            status TEXT NOT NULL,
            reports INTEGER NOT NULL CHECK (reports >= 0),
            PRIMARY KEY (category, issue_type, status)
        ) WITHOUT ROWID;
        CREATE TRIGGER report_tally_insert AFTER INSERT ON report BEGIN
            INSERT INTO report_tally VALUES (new.category, new.issue_type, new.status, 1)
                ON CONFLICT (category, issue_type, status) DO UPDATE SET reports = reports + 1;
        END;
        CREATE TRIGGER report_tally_delete AFTER DELETE ON report BEGIN
            UPDATE report_tally SET reports = reports - 1
                WHERE category = old.category AND issue_type = old.issue_type AND status = old.status;
        END;
        CREATE TRIGGER report_tally_update AFTER UPDATE OF category, issue_type, status ON report
            WHEN old.category IS NOT new.category OR old.issue_type IS NOT new.issue_type OR old.status IS NOT new.status
        BEGIN
            UPDATE report_tally SET reports = reports - 1
                WHERE category = old.category AND issue_type = old.issue_type AND status = old.status;
            INSERT INTO report_tally VALUES (new.category, new.issue_type, new.status, 1)
                ON CONFLICT (category, issue_type, status) DO UPDATE SET reports = reports + 1;
        END;
        INSERT INTO report_tally (category, issue_type, status, reports)
            SELECT category, issue_type, status, count(*) FROM report GROUP BY category, issue_type, status;
        PRAGMA user_version = 3;
        """

    /// Open appeals are listed oldest first and counted on every prompt.
    private static let v4 = """
        CREATE INDEX report_by_appeal ON report(appeal_status, appeal_opened_at, key) WHERE appeal_status IS NOT NULL;
        """

    /// What the `stats` dashboard counts by range: processing times (two integers per processed
    /// report, read without the table), open appeals, and received reports per issue type.
    private static let v5 = """
        CREATE INDEX report_by_processed ON report(processed_at, category, reported_at) WHERE processed_at IS NOT NULL;
        CREATE INDEX report_by_open_appeal ON report(appeal_opened_at, category) WHERE appeal_status = 'open';
        CREATE INDEX report_by_kind_time ON report(category, issue_type, reported_at);
        PRAGMA user_version = 5;
        """

    /// Report counts per day of report time, with the appeal's state (`''` for none), and times to
    /// process per day processed, kept by triggers like `report_tally`. A count over a range of
    /// report times (`list --past-due`, `--since`, `info`, `stats`) sums the whole days from these
    /// and counts only the partial days at its ends row by row. The index on the time to process
    /// finds the median `stats` gives without sorting every processed report; the others give
    /// `list` its sorts in index order.
    private static let v7: String = {
        var sql = ""
        var inserts: [String] = []
        var deletes: [String] = []
        var fills: [String] = []
        for tally in DayTally.all {
            let (table, columns, values, condition) = (tally.table, tally.columns, tally.values, tally.condition)
            let newValues = values("new.")
            let key = tally.key
            let types = columns.map { $0 == "day" || $0 == "steps" ? "\($0) INTEGER NOT NULL" : "\($0) TEXT NOT NULL" }
            sql += """
                CREATE TABLE \(table) (
                    \(types.joined(separator: ", ")),
                    reports INTEGER NOT NULL CHECK (reports >= 0),
                    PRIMARY KEY (\(key))
                ) WITHOUT ROWID;

                """
            let when = condition.isEmpty ? "" : " WHERE new.\(condition)"
            inserts.append("""
                INSERT INTO \(table) SELECT \(newValues.joined(separator: ", ")), 1\(when.isEmpty ? " WHERE true" : when)
                    ON CONFLICT (\(key)) DO UPDATE SET reports = reports + 1;
                """)
            let match = zip(columns, values("old.")).map { "\($0) = \($1)" }.joined(separator: " AND ")
            deletes.append("UPDATE \(table) SET reports = reports - 1 WHERE \(match);")
            fills.append("INSERT INTO \(table) (\(key), reports) \(tally.recountSQL);")
        }
        let changed = ["category", "issue_type", "status", "appeal_status", "reported_at", "processed_at"]
        sql += """
            CREATE TRIGGER day_tallies_insert AFTER INSERT ON report BEGIN
                \(inserts.joined(separator: "\n    "))
            END;
            CREATE TRIGGER day_tallies_delete AFTER DELETE ON report BEGIN
                \(deletes.joined(separator: "\n    "))
            END;
            CREATE TRIGGER day_tallies_update AFTER UPDATE OF \(changed.joined(separator: ", ")) ON report
                WHEN \(changed.map { "old.\($0) IS NOT new.\($0)" }.joined(separator: " OR "))
            BEGIN
                \(deletes.joined(separator: "\n    "))
                \(inserts.joined(separator: "\n    "))
            END;
            \(fills.joined(separator: "\n"))
            CREATE INDEX report_by_time_to_process ON report(processed_at - reported_at, processed_at, category)
                WHERE processed_at IS NOT NULL;
            -- Pages by category or issue type come in report-time order, also across statuses
            -- (`--sort category`); the day tally now counts what report_by_kind_time counted.
            DROP INDEX report_by_kind_time;
            DROP INDEX report_by_issue_type;
            CREATE INDEX report_by_category_time ON report(category, reported_at, key);
            CREATE INDEX report_by_issue_type_time ON report(issue_type, reported_at, key);
            CREATE INDEX report_by_appeal_time ON report(appeal_opened_at, key) WHERE appeal_opened_at IS NOT NULL;
            CREATE INDEX report_by_appeal_reported ON report(reported_at, key) WHERE appeal_status IS NOT NULL;
            PRAGMA user_version = 7;
            """
        return sql
    }()

    /// The search index stops keeping its own copy of every report's text: it becomes an
    /// external-content FTS5 table over a view of `report` that gives the text in its index form
    /// (`SearchIndex`), built again from the reports. Every report and version stays as it is.
    private static let v8 = """
        DROP TABLE report_text;
        CREATE VIEW report_search_text AS
            SELECT key,
                   CASE WHEN details GLOB '*[^ -~]*' THEN reportdesk_index_form(details) ELSE details END AS details,
                   CASE WHEN words GLOB '*[^ -~]*' THEN reportdesk_index_form(words) ELSE words END AS note
            FROM (SELECT key, coalesce(details, '') AS details,
                         ltrim(note || coalesce(char(10) || nullif(appeal_message, ''), '')
                               || coalesce(char(10) || nullif(appeal_note, ''), ''), char(10)) AS words
                  FROM report)
            WHERE details <> '' OR words <> '';
        CREATE VIRTUAL TABLE report_text USING fts5(
            details, note, content = 'report_search_text', content_rowid = 'key',
            tokenize = 'unicode61 remove_diacritics 2'
        );
        INSERT INTO report_text(report_text) VALUES ('rebuild');
        PRAGMA user_version = 8;
        """
}
