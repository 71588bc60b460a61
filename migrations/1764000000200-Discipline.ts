import { MigrationInterface, QueryRunner } from 'typeorm';

/** [code, citation, mandatory, standard of proof, public category, description] */
type GroundSeed = [string, string, boolean, 'preponderance' | 'clear_and_convincing', string, string];

/**
 * c. 6E §10(a): "shall, after a hearing, revoke" on clear and convincing evidence; §10(b) and the
 * general power of §3(a) are discretionary. Other states add rows, not code (DOMAIN.md "Grounds").
 */
const GROUNDS: GroundSeed[] = [
  ['felony_conviction', 'c. 6E §10(a)(i)', true, 'clear_and_convincing', 'criminal_conduct', 'Convicted of a felony.'],
  ['administrative_error', 'c. 6E §10(a)(ii)', true, 'clear_and_convincing', 'certification_integrity', 'Certified as a result of administrative error.'],
  [
    'certification_fraud',
    'c. 6E §10(a)(iii)',
    true,
    'clear_and_convincing',
    'certification_integrity',
    'Obtained the certification through misrepresentation or fraud.',
  ],
  [
    'falsified_certification_document',
    'c. 6E §10(a)(iv)',
    true,
    'clear_and_convincing',
    'certification_integrity',
    'Falsified a document to obtain or renew the certification.',
  ],
  [
    'revoked_in_other_jurisdiction',
    'c. 6E §10(a)(v)',
    true,
    'clear_and_convincing',
    'other_jurisdiction',
    'Had a certification revoked by another jurisdiction.',
  ],
  [
    'color_of_office_termination',
    'c. 6E §10(a)(vi)',
    true,
    'clear_and_convincing',
    'abuse_of_office',
    'Terminated, after appeals, for intentional color-of-office misconduct: false confession, false arrest, falsified evidence or testimony, hate-crime conduct, or a reward or gratuity.',
  ],
  ['false_timesheets', 'c. 6E §10(a)(vii)', true, 'clear_and_convincing', 'dishonesty', 'Convicted of submitting false timesheets.'],
  ['false_report_or_perjury', 'c. 6E §10(a)(viii)', true, 'clear_and_convincing', 'dishonesty', 'Knowingly filed a false police report, or committed perjury.'],
  ['record_tampering', 'c. 6E §10(a)(ix)', true, 'clear_and_convincing', 'dishonesty', 'Tampered with a record.'],
  ['prohibited_force', 'c. 6E §10(a)(x)', true, 'clear_and_convincing', 'use_of_force', 'Used force in violation of c. 6E §14.'],
  [
    'excessive_force_death_or_sbi',
    'c. 6E §10(a)(xi)',
    true,
    'clear_and_convincing',
    'use_of_force',
    'Used excessive force resulting in death or serious bodily injury.',
  ],
  ['prohibited_chokehold', 'c. 6E §10(a)(xii)', true, 'clear_and_convincing', 'use_of_force', 'Used a chokehold in violation of c. 6E §14.'],
  ['hate_crime', 'c. 6E §10(a)(xiii)', true, 'clear_and_convincing', 'bias', 'Engaged in hate-crime conduct.'],
  ['witness_intimidation', 'c. 6E §10(a)(xiv)', true, 'clear_and_convincing', 'obstruction', 'Intimidated a witness.'],
  ['unprofessional_conduct_pattern', 'c. 6E §10(b)', false, 'preponderance', 'unprofessional_conduct', 'A pattern of unprofessional conduct.'],
  ['sustained_complaints_pattern', 'c. 6E §10(b)', false, 'preponderance', 'sustained_complaints', 'A pattern of sustained complaints.'],
  ['other_cause', 'c. 6E §3(a)', false, 'preponderance', 'other', "Any other cause within the commission's general power to suspend or revoke."],
];

const CASE_STATUSES = `'open', 'notice_issued', 'hearing_scheduled', 'heard', 'decided', 'appealed', 'final', 'reversed', 'dismissed'`;
const CASE_ACTIONS = `'open', 'interim_suspend', 'record_interim_hearing', 'issue_notice', 'record_response', 'schedule_hearing', 'record_hearing', 'decide', 'appeal', 'resolve_appeal', 'finalize', 'dismiss'`;
const REPORT_CATEGORIES = `'excessive_force', 'failure_to_intervene', 'bias', 'dishonesty', 'sexual_misconduct', 'felony', 'misdemeanor', 'hate_crime', 'unprofessional_conduct', 'other'`;

/**
 * Misconduct reports (versioned, c. 6E §8(b)), grounds, commission cases and their append-only
 * timeline (DOMAIN.md "Misconduct reports", "Grounds", "Cases").
 */
export class Discipline1764000000200 implements MigrationInterface {
  name = 'Discipline1764000000200';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE ground (
        code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,63}$'),
        citation text NOT NULL,
        mandatory boolean NOT NULL,
        standard_of_proof text NOT NULL CHECK (standard_of_proof IN ('preponderance', 'clear_and_convincing')),
        category text NOT NULL,
        description text NOT NULL,
        -- c. 6E §10(a): a mandatory ground is always proved by clear and convincing evidence.
        CHECK (NOT mandatory OR standard_of_proof = 'clear_and_convincing')
      )`);
    for (const [code, citation, mandatory, standard, category, description] of GROUNDS) {
      await db.query(`INSERT INTO ground (code, citation, mandatory, standard_of_proof, category, description) VALUES ($1, $2, $3, $4, $5, $6)`, [
        code,
        citation,
        mandatory,
        standard,
        category,
        description,
      ]);
    }
    // Reference data: changed by a migration, never by the service.
    await db.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON ground FROM post_registry_app`);

    // One row per report; its content lives in append-only versions (an amendment adds one).
    await db.query(`
      CREATE TABLE misconduct_report (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL REFERENCES organization(id),
        officer_id uuid NOT NULL REFERENCES officer(id),
        current_version integer NOT NULL DEFAULT 1 CHECK (current_version >= 1),
        received_on date NOT NULL,
        filed_on date NOT NULL CHECK (filed_on >= received_on),
        due_on date NOT NULL,
        late boolean NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX misconduct_report_agency ON misconduct_report (agency_id, created_at, id)`);
    await db.query(`CREATE INDEX misconduct_report_officer ON misconduct_report (officer_id)`);

    await db.query(`
      CREATE TABLE misconduct_report_version (
        report_id uuid NOT NULL REFERENCES misconduct_report(id),
        version integer NOT NULL CHECK (version >= 1),
        incident_date date NOT NULL,
        categories text[] NOT NULL CHECK (cardinality(categories) > 0 AND categories <@ ARRAY[${REPORT_CATEGORIES}]::text[]),
        summary text NOT NULL CHECK (length(btrim(summary)) BETWEEN 1 AND 10000),
        agency_finding text NOT NULL CHECK (agency_finding IN ('pending', 'sustained', 'not_sustained', 'exonerated', 'unfounded')),
        discipline text CHECK (length(discipline) <= 2000),
        amendment_reason text CHECK (length(amendment_reason) <= 2000),
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (report_id, version),
        CHECK ((version = 1) = (amendment_reason IS NULL))
      )`);
    await this.appendOnly(db, 'misconduct_report_version');

    await db.query(`CREATE SEQUENCE commission_case_number_seq START 1`);
    // The CaseState of libs/discipline/src/domain lives in `state`; status and version are
    // columns so that filters and the conditional UPDATE can use them.
    await db.query(`
      CREATE TABLE commission_case (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_number text NOT NULL CHECK (case_number ~ '^[0-9]{4}-[0-9]{6,}$'),
        officer_id uuid NOT NULL REFERENCES officer(id),
        status text NOT NULL CHECK (status IN (${CASE_STATUSES})),
        version integer NOT NULL CHECK (version >= 1),
        summary text NOT NULL CHECK (length(btrim(summary)) BETWEEN 1 AND 10000),
        state jsonb NOT NULL,
        opened_by text NOT NULL,
        opened_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT commission_case_number_unique UNIQUE (case_number)
      )`);
    await db.query(`CREATE INDEX commission_case_officer ON commission_case (officer_id)`);
    await db.query(`CREATE INDEX commission_case_status ON commission_case (status, opened_at, id)`);

    await db.query(`
      CREATE TABLE case_report (
        case_id uuid NOT NULL REFERENCES commission_case(id),
        report_id uuid NOT NULL REFERENCES misconduct_report(id),
        PRIMARY KEY (case_id, report_id)
      )`);
    await db.query(`CREATE INDEX case_report_report ON case_report (report_id)`);
    await this.appendOnly(db, 'case_report');

    // The timeline: one row per action, numbered by the case version it produced, so that a
    // second action on the same version cannot be written even if a lock were forgotten.
    await db.query(`
      CREATE TABLE case_event (
        id bigserial PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES commission_case(id),
        version integer NOT NULL CHECK (version >= 1),
        action text NOT NULL CHECK (action IN (${CASE_ACTIONS})),
        from_status text CHECK (from_status IN (${CASE_STATUSES})),
        to_status text NOT NULL CHECK (to_status IN (${CASE_STATUSES})),
        payload jsonb NOT NULL,
        certification_changes jsonb NOT NULL DEFAULT '[]',
        occurred_on date NOT NULL,
        actor_kind text NOT NULL,
        actor_id text NOT NULL,
        actor_organization_id uuid,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT case_event_version_unique UNIQUE (case_id, version)
      )`);
    await this.appendOnly(db, 'case_event');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE case_event, case_report, commission_case, misconduct_report_version, misconduct_report, ground`);
    await db.query(`DROP SEQUENCE commission_case_number_seq`);
  }

  /** DESIGN.md rule 12: a trigger for the owner, and no UPDATE/DELETE/TRUNCATE for the service role. */
  private async appendOnly(db: QueryRunner, table: string): Promise<void> {
    await db.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION forbid_change()`);
    await db.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION forbid_change()`);
    await db.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${table} FROM post_registry_app`);
  }
}
