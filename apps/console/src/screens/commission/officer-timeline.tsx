import { useState } from 'preact/hooks';
import { Link, useLocation, useRoute } from 'wouter-preact';
import type { components } from '../../../../../client';
import { api, ask } from '../../api';
import { fieldErrors } from '../../problem';
import { hasRole, useSession } from '../../session';
import { Alert, Page, StatusBadge } from '../../ui/bits';
import { ProblemSummary, Submit, TextField, submitWith } from '../../ui/form';
import { formatDate, formatInstant, humanize, statusLabel } from '../../words';
import { LIST_PAGE, RecordTable, Section, ShowMore, Tag, useLoad, usePaged } from './record-bits';
import { aliasKindWords, disputeOutcomeWords, disputeSubjectWords, noticeKindWords, noticeStatusWords } from './records-words';

type OfficerRecord = components['schemas']['OfficerRecordResponse'];
type SearchHit = components['schemas']['OfficerSearchHitResponse'];
type HistoryItem = components['schemas']['CertificationHistoryItemResponse'];
type Condition = components['schemas']['CertificationConditionResponse'];
type Training = components['schemas']['OfficerTrainingItem'];
type Employment = components['schemas']['EmploymentHistoryItemResponse'];
type Report = components['schemas']['MisconductReportResponse'];
type Case = components['schemas']['CaseResponse'];
type Notice = components['schemas']['OfficerNoticeResponse'];
type Dispute = components['schemas']['DisputeResponse'];
type Check = components['schemas']['HiringCheckSummaryResponse'];
type AuditEntry = components['schemas']['AuditEntryResponse'];

const POST_ID = /^[A-Za-z]{2}-[0-9]{6,}$/;
/** The agencies named in the record's rows are looked up a page of this many at a time (the API's largest). */
const AGENCIES_LIMIT = 500;

/** `/commission/officers`: find an officer; `/commission/officers/:postId`: the officer's whole record. */
export function OfficerTimelineScreen() {
  const [, params] = useRoute<{ postId: string }>('/commission/officers/:postId');
  return params ? <Timeline postId={decodeURIComponent(params.postId).toUpperCase()} /> : <FindOfficer />;
}

function FindOfficer() {
  const [, navigate] = useLocation();
  const [postId, setPostId] = useState('');
  const [postIdError, setPostIdError] = useState<string>();
  const [name, setName] = useState('');
  const [dateOfBirth, setDateOfBirth] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [hits, setHits] = useState<SearchHit[]>();
  const errors = fieldErrors(error);

  const open = () => {
    const id = postId.trim().toUpperCase();
    if (!POST_ID.test(id)) setPostIdError('A POST ID looks like MA-000042.');
    else {
      setPostIdError(undefined);
      navigate(`/commission/officers/${id}`);
    }
    return Promise.resolve();
  };
  const search = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const body = { name: name.trim(), ...(dateOfBirth ? { dateOfBirth } : {}) };
      setHits((await ask(api.POST('/api/v1/officers/search', { body }))).items);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title="Officers" intro="Open an officer's whole record: by POST ID, or find it by name (current or earlier) and, to narrow it, the date of birth.">
      <form class="usa-form" onSubmit={submitWith(open)} noValidate aria-labelledby="find-by-id">
        <h2 id="find-by-id">By POST ID</h2>
        <TextField id="find-post-id" label="POST ID" hint="For example MA-000042." required value={postId} onValue={setPostId} error={postIdError} />
        <Submit busy={false}>Open the record</Submit>
      </form>
      <form class="usa-form margin-top-4" onSubmit={submitWith(search)} noValidate aria-labelledby="find-by-name">
        <h2 id="find-by-name">By name</h2>
        <ProblemSummary error={error} fieldIds={{ name: 'find-name', dateOfBirth: 'find-dob' }} />
        <TextField id="find-name" label="Name" required value={name} onValue={setName} error={errors.name} autoComplete="off" />
        <TextField
          id="find-dob"
          label="Date of birth"
          type="date"
          value={dateOfBirth}
          onValue={setDateOfBirth}
          error={errors.dateOfBirth}
          hint="Sent in the request's body, never in an address."
        />
        <Submit busy={busy} busyText="Searching…">
          Search
        </Submit>
      </form>
      {hits ? (
        hits.length ? (
          <RecordTable
            caption="Officers found, best match first"
            testId="officer-hits"
            rows={hits}
            rowKey={(hit) => hit.postId}
            columns={[
              [
                'Officer',
                (hit) => (
                  <Link href={`/commission/officers/${hit.postId}`} class="usa-link">
                    {hit.name} ({hit.postId})
                  </Link>
                ),
              ],
              ['Date of birth', (hit) => formatDate(hit.dateOfBirth)],
              ['Match', (hit) => `${Math.round(hit.matchScore * 100)}%`],
            ]}
          />
        ) : (
          <p role="status">Nobody found by that name.</p>
        )
      ) : null}
    </Page>
  );
}

const fullName = (o: Pick<OfficerRecord, 'firstName' | 'middleName' | 'lastName' | 'suffix'>) =>
  [o.firstName, o.middleName, o.lastName, o.suffix].filter(Boolean).join(' ');

function Timeline({ postId }: { postId: string }) {
  const { me } = useSession();
  const record = useLoad(() => ask(api.GET('/api/v1/officers/{postId}', { params: { path: { postId } } })), [postId]);
  const officer = record.data;
  return (
    <Page title={officer ? `${fullName(officer)} (${officer.postId})` : `Officer ${postId}`}>
      <p>
        <Link href="/commission/officers" class="usa-link">
          Find another officer
        </Link>
      </p>
      <ProblemSummary error={record.error} />
      {officer ? (
        <>
          {officer.postId !== postId ? (
            <Alert type="info" slim>
              {postId} was merged into {officer.postId}: this is the record that answers for both.
            </Alert>
          ) : null}
          <IdentitySection officer={officer} />
          <OfficerParts officer={officer} isAdmin={hasRole(me, ['commission_admin'])} />
        </>
      ) : null}
    </Page>
  );
}

function IdentitySection({ officer }: { officer: OfficerRecord }) {
  return (
    <section class="record-section" aria-labelledby="identity-heading" data-testid="identity">
      <h2 id="identity-heading" class="margin-bottom-1">
        Identity {officer.disputed ? <Tag tone="warn">Disputed</Tag> : null}
      </h2>
      <dl class="record-facts">
        <dt>Name</dt>
        <dd>{fullName(officer)}</dd>
        <dt>POST ID</dt>
        <dd>{officer.postId}</dd>
        <dt>Date of birth</dt>
        <dd>{officer.dateOfBirth ? formatDate(officer.dateOfBirth) : 'Withheld'}</dd>
        <dt>SSN, last 4 digits</dt>
        <dd>{officer.ssnLast4 ?? 'None on file'}</dd>
        <dt>Email for notices</dt>
        <dd>{officer.email ?? 'None on file'}</dd>
        <dt>Certification</dt>
        <dd>
          <StatusBadge status={officer.certification.status} />
        </dd>
        <dt>Record created</dt>
        <dd>{formatInstant(officer.createdAt)}</dd>
        {officer.mergedFrom?.length ? (
          <>
            <dt>Merged into this record</dt>
            <dd data-testid="merged-from">{officer.mergedFrom.join(', ')}</dd>
          </>
        ) : null}
      </dl>
      <h3 class="margin-bottom-05">Other names</h3>
      {officer.aliases.length ? (
        <ul class="usa-list" data-testid="aliases">
          {officer.aliases.map((alias) => (
            <li key={`${alias.firstName} ${alias.lastName} ${alias.kind ?? ''}`}>
              {alias.firstName} {alias.lastName} <span class="text-base">({aliasKindWords(alias.kind)})</span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="text-base">No other names on record.</p>
      )}
    </section>
  );
}

/** Every other part of the record, each loaded and shown on its own (one refusal does not hide the rest). */
function OfficerParts({ officer, isAdmin }: { officer: OfficerRecord; isAdmin: boolean }) {
  const postId = officer.postId;
  const path = { params: { path: { postId } } };
  const certification = useLoad(() => ask(api.GET('/api/v1/officers/{postId}/certification', path)), [postId]);
  // Each part a page at a time (newest or oldest first, as its route orders it), "Show more" below it.
  const training = usePaged(
    async (cursor) => ask(api.GET('/api/v1/officers/{postId}/training', { params: { path: { postId }, query: { limit: LIST_PAGE, cursor } } })),
    [postId],
  );
  const reports = usePaged(async (cursor) => ask(api.GET('/api/v1/misconduct-reports', { params: { query: { postId, limit: LIST_PAGE, cursor } } })), [postId]);
  const cases = usePaged(async (cursor) => ask(api.GET('/api/v1/cases', { params: { query: { postId, limit: LIST_PAGE, cursor } } })), [postId]);
  const notices = usePaged(
    async (cursor) => ask(api.GET('/api/v1/officers/{postId}/notices', { params: { path: { postId }, query: { limit: LIST_PAGE, cursor } } })),
    [postId],
  );
  const disputes = usePaged(async (cursor) => ask(api.GET('/api/v1/disputes', { params: { query: { postId, limit: LIST_PAGE, cursor } } })), [postId]);
  const checks = usePaged(async (cursor) => ask(api.GET('/api/v1/hiring-checks', { params: { query: { postId, limit: LIST_PAGE, cursor } } })), [postId]);
  // Every agency (all pages: a row of an agency past the first page would otherwise show its id).
  const agencies = useLoad(async () => {
    const names = new Map<string, string>();
    let cursor: string | undefined;
    do {
      const page = await ask(api.GET('/api/v1/organizations', { params: { query: { type: 'agency', limit: AGENCIES_LIMIT, cursor } } }));
      for (const agency of page.items) names.set(agency.id, agency.name);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return names;
  }, []);
  const audit = useLoad(
    async () => (isAdmin ? (await ask(api.GET('/api/v1/audit', { params: { query: { postId, limit: 100 } } }))).items : undefined),
    [postId, isAdmin],
  );

  return (
    <>
      <Section id="certification" title="Certification" loaded={certification} what="certification">
        {(c) => (
          <>
            <dl class="record-facts">
              <dt>Status</dt>
              <dd>
                <StatusBadge status={c.status} /> {officer.certification.disputed ? <Tag tone="warn">Disputed</Tag> : null}
                {c.adminSuspensionReason ? ` (${humanize(c.adminSuspensionReason).toLowerCase()})` : ''}
              </dd>
              <dt>First certified</dt>
              <dd>{formatDate(c.firstCertifiedOn) || 'Never'}</dd>
              <dt>Term</dt>
              <dd>{c.issuedOn ? `${formatDate(c.issuedOn)} to ${formatDate(c.expiresOn)}` : 'None'}</dd>
              {c.suspensionEndsOn ? (
                <>
                  <dt>Suspension ends</dt>
                  <dd>{formatDate(c.suspensionEndsOn)}</dd>
                </>
              ) : null}
            </dl>
            <h3 class="margin-bottom-05">History</h3>
            {c.history.length ? (
              <RecordTable<HistoryItem>
                caption="Certification history, oldest first"
                testId="certification-history"
                rows={c.history}
                rowKey={(h) => `${h.at}-${h.to}`}
                columns={[
                  ['Effective', (h) => formatDate(h.effectiveOn)],
                  ['Change', (h) => `${statusLabel(h.from)} → ${statusLabel(h.to)}`],
                  ['Reason', (h) => humanize(h.reason)],
                  ['Basis', (h) => h.basis],
                  [
                    'Case',
                    (h) =>
                      h.caseId ? (
                        <Link href={`/commission/cases/${h.caseId}`} class="usa-link">
                          {h.caseNumber ?? 'Open the case'}
                        </Link>
                      ) : (
                        ''
                      ),
                  ],
                  ['Recorded', (h) => formatInstant(h.at)],
                ]}
              />
            ) : (
              <p class="text-base">No changes yet.</p>
            )}
            <h3 class="margin-bottom-05">Conditions</h3>
            {c.conditions.length ? (
              <RecordTable<Condition>
                caption="Conditions of the certification"
                rows={c.conditions}
                rowKey={(k) => k.id}
                columns={[
                  ['Condition', (k) => k.description],
                  ['Basis', (k) => humanize(k.basis)],
                  ['Due', (k) => formatDate(k.dueOn)],
                  [
                    'Status',
                    (k) =>
                      k.status === 'overdue' ? (
                        <Tag tone="stop">Overdue</Tag>
                      ) : (
                        `${humanize(k.status)}${k.satisfiedOn ? ` on ${formatDate(k.satisfiedOn)}` : ''}`
                      ),
                  ],
                ]}
              />
            ) : (
              <p class="text-base">No conditions.</p>
            )}
          </>
        )}
      </Section>

      <Section id="training" title="Training" loaded={training} what="training completions" empty={(items) => !items.length}>
        {(items) => (
          <>
            <RecordTable<Training>
              caption="Training completions, in date order; voided ones are kept and marked"
              testId="training-table"
              rows={items}
              rowKey={(c) => c.id}
              rowAttributes={(c) => ({ 'data-voided': String(c.voided), class: c.voided ? 'record-row--voided' : '' })}
              columns={[
                ['Completed', (c) => formatDate(c.completedOn)],
                ['Course', (c) => `${c.courseTitle} (${c.courseCode}, ${humanize(c.courseKind).toLowerCase()})`],
                ['Hours', (c) => String(c.hours)],
                ['Result', (c) => humanize(c.result)],
                [
                  'Standing',
                  (c) =>
                    c.voided ? (
                      <>
                        <Tag tone="stop">Voided</Tag> {c.voidedAt ? formatInstant(c.voidedAt) : ''}: {c.voidReason}. Counts toward nothing.
                      </>
                    ) : c.disputed ? (
                      <Tag tone="warn">Disputed</Tag>
                    ) : (
                      'Counts'
                    ),
                ],
              ]}
            />
            <ShowMore paged={training} what="training completions" />
          </>
        )}
      </Section>

      <section class="record-section margin-top-4" aria-labelledby="employment-heading" data-testid="employment">
        <h2 id="employment-heading" class="margin-bottom-1">
          Employment
        </h2>
        {officer.employmentHistory.length ? (
          <RecordTable<Employment>
            caption="Employment history, oldest first"
            rows={officer.employmentHistory}
            rowKey={(e) => e.employmentId}
            columns={[
              ['Agency', (e) => e.agency.name],
              ['Position', (e) => e.position],
              ['From', (e) => formatDate(e.startDate)],
              ['To', (e) => (e.endDate ? formatDate(e.endDate) : 'Still employed')],
              [
                'How it ended',
                (e) => (
                  <>
                    {e.separation ? `${humanize(e.separation.nature)}${e.separation.reason ? `: ${e.separation.reason}` : ''}` : ''}
                    {e.separation?.underInvestigation ? (
                      <>
                        {' '}
                        <Tag tone="stop">Under investigation</Tag>
                      </>
                    ) : null}
                    {e.disputed ? (
                      <>
                        {' '}
                        <Tag tone="warn">Disputed</Tag>
                      </>
                    ) : null}
                  </>
                ),
              ],
            ]}
          />
        ) : (
          <p class="text-base">No employment on record.</p>
        )}
      </section>

      <Section id="reports" title="Misconduct reports" loaded={reports} what="misconduct reports" empty={(items) => !items.length}>
        {(items) => (
          <>
            <RecordTable<Report>
              caption="Misconduct reports about the officer"
              testId="reports-table"
              rows={items}
              rowKey={(r) => r.id}
              columns={[
                ['Filed', (r) => formatDate(r.filedOn)],
                ['Agency', (r) => agencies.data?.get(r.agencyId) ?? r.agencyId],
                ['Incident', (r) => formatDate(r.incidentDate)],
                ['About', (r) => r.categories.map((c) => humanize(c)).join(', ')],
                ['Summary', (r) => r.summary],
                [
                  "Agency's finding",
                  (r) => (
                    <>
                      {humanize(r.agencyFinding)}
                      {r.late ? (
                        <>
                          {' '}
                          <Tag tone="warn">Late</Tag>
                        </>
                      ) : null}
                      {r.disputed ? (
                        <>
                          {' '}
                          <Tag tone="warn">Disputed</Tag>
                        </>
                      ) : null}
                    </>
                  ),
                ],
              ]}
            />
            <ShowMore paged={reports} what="misconduct reports" />
          </>
        )}
      </Section>

      <Section id="cases" title="Commission cases" loaded={cases} what="cases" empty={(items) => !items.length}>
        {(items) => (
          <>
            <RecordTable<Case>
              caption="Commission cases about the officer, newest first"
              testId="cases-table"
              rows={items}
              rowKey={(c) => c.id}
              columns={[
                [
                  'Case',
                  (c) => (
                    <Link href={`/commission/cases/${c.id}`} class="usa-link">
                      {c.caseNumber}
                    </Link>
                  ),
                ],
                ['Opened', (c) => formatInstant(c.openedAt)],
                ['Status', (c) => humanize(c.status)],
                ['Grounds', (c) => c.grounds.map((g) => humanize(g.code)).join(', ')],
              ]}
            />
            <ShowMore paged={cases} what="cases" />
          </>
        )}
      </Section>

      <Section id="notices" title="Notices to the officer" loaded={notices} what="notices" empty={(items) => !items.length}>
        {(items) => (
          <>
            <RecordTable<Notice>
              caption="Notices to the officer, newest first"
              rows={items}
              rowKey={(n) => n.id}
              columns={[
                ['Created', (n) => formatInstant(n.createdAt)],
                ['About', (n) => noticeKindWords(n.kind)],
                ['Due by', (n) => formatDate(n.dueBy)],
                [
                  'How it went',
                  (n) => (
                    <>
                      {n.channel === 'email' ? 'By email: ' : 'In the portal: '}
                      {noticeStatusWords(n.status)}
                      {n.sentAt ? ` (${formatInstant(n.sentAt)})` : ''}
                      {n.overdue ? (
                        <>
                          {' '}
                          <Tag tone="stop">Overdue</Tag>
                        </>
                      ) : null}
                    </>
                  ),
                ],
              ]}
            />
            <ShowMore paged={notices} what="notices" />
          </>
        )}
      </Section>

      <Section id="disputes" title="Disputes" loaded={disputes} what="disputes" empty={(items) => !items.length}>
        {(items) => (
          <>
            <RecordTable<Dispute>
              caption="The officer's disputes, newest first"
              testId="disputes-table"
              rows={items}
              rowKey={(d) => d.id}
              columns={[
                ['Opened', (d) => formatInstant(d.openedAt)],
                ['Disputed part', (d) => disputeSubjectWords(d.subject.type)],
                ['Statement', (d) => d.statement],
                [
                  'Outcome',
                  (d) =>
                    d.status === 'open' ? (
                      <Link href="/commission/disputes" class="usa-link">
                        Open: resolve it
                      </Link>
                    ) : (
                      `${disputeOutcomeWords(d.outcome)}${d.resolvedAt ? ` on ${formatDate(d.resolvedAt)}` : ''}: ${d.reason ?? ''}`
                    ),
                ],
              ]}
            />
            <ShowMore paged={disputes} what="disputes" />
          </>
        )}
      </Section>

      <Section id="hiring-checks" title="Hiring checks that found the officer" loaded={checks} what="hiring checks" empty={(items) => !items.length}>
        {(items) => (
          <>
            <RecordTable<Check>
              caption="Hiring checks that found the officer, newest first"
              testId="checks-table"
              rows={items}
              rowKey={(c) => c.id}
              columns={[
                ['Checked', (c) => formatInstant(c.checkedAt)],
                ['Agency', (c) => agencies.data?.get(c.agencyId) ?? c.agencyId],
                ['Searched for', (c) => (c.query.postId ? `POST ID ${c.query.postId}` : [c.query.firstName, c.query.lastName].filter(Boolean).join(' '))],
                ['Matches', (c) => String(c.matchCount)],
              ]}
            />
            <ShowMore paged={checks} what="hiring checks" />
          </>
        )}
      </Section>

      {isAdmin ? (
        <Section id="audit" title="Audit entries about the officer" loaded={audit} what="audit entries" empty={(items) => !items?.length}>
          {(items) => (
            <>
              <p class="text-base">
                The latest 100, newest first.{' '}
                <Link href={`/commission/audit/${postId}`} class="usa-link">
                  All of them in the audit
                </Link>
              </p>
              <AuditTable entries={items ?? []} />
            </>
          )}
        </Section>
      ) : (
        <section class="record-section margin-top-4" aria-labelledby="audit-heading">
          <h2 id="audit-heading">Audit entries about the officer</h2>
          <p class="text-base">Only commission administrators read the audit.</p>
        </section>
      )}
    </>
  );
}

/** Audit entries as a table: when, who, what, about which record. */
export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  return (
    <RecordTable<AuditEntry>
      caption="Audit entries, newest first"
      testId="audit-table"
      rows={entries}
      rowKey={(e) => String(e.seq)}
      columns={[
        ['Entry', (e) => String(e.seq)],
        ['When', (e) => formatInstant(e.at)],
        ['Action', (e) => e.action],
        ['Record', (e) => `${humanize(e.entityType)}${e.entityId ? ` ${e.entityId}` : ''}`],
        ['Who', (e) => `${humanize(e.actorKind)}${e.actorId ? ` ${e.actorId}` : ''}`],
        ['Details', (e) => <code class="audit-details">{JSON.stringify(e.details)}</code>],
      ]}
    />
  );
}
