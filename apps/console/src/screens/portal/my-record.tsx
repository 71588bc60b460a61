import type { ComponentChildren } from 'preact';
import { Link } from 'wouter-preact';
import { Loading, Page, StatusBadge } from '../../ui/bits';
import { ProblemSummary } from '../../ui/form';
import { formatDate, formatInstant, humanize } from '../../words';
import { DisputeThis } from './dispute-this';
import { fullName, openDisputeAbout, useOwnRecord, type OwnRecord } from './own-record';
import { caseStatusWords } from './portal-words';

/**
 * The officer's whole record (GET /me/record), each part with "Dispute this" beside it: identity,
 * certification (history and conditions), training, employment, misconduct reports about them,
 * their cases, and the agencies whose hiring checks found them.
 */
export function MyRecordScreen() {
  const { record, error, reload } = useOwnRecord();
  return (
    <Page
      title="My record"
      intro="Everything the registry holds about you. If something is wrong, use “Dispute this” beside it: the commission reviews it, and the record is marked disputed until it decides."
    >
      <ProblemSummary error={error} />
      {record ? <RecordParts record={record} reload={reload} /> : error ? null : <Loading what="your record" />}
    </Page>
  );
}

function RecordParts({ record, reload }: { record: OwnRecord; reload: () => void }) {
  const { identity, certification, disputes } = record;
  const agencyNames = new Map(record.employment.map((e) => [e.agency.id, e.agency.name]));
  return (
    <>
      <Part id="identity" title="Identity">
        <dl class="portal-facts">
          <Fact term="Name">{fullName(identity)}</Fact>
          <Fact term="POST ID">{identity.postId}</Fact>
          <Fact term="Date of birth">{formatDate(identity.dateOfBirth)}</Fact>
          <Fact term="Last four digits of SSN">{identity.ssnLast4 ?? 'None on file'}</Fact>
          <Fact term="Email for notices">{identity.email ?? 'None on file'}</Fact>
          <Fact term="Other names on record">{identity.aliases.length ? identity.aliases.map((a) => `${a.firstName} ${a.lastName}`).join(', ') : 'None'}</Fact>
        </dl>
        <DisputeThis type="identity" what="your identity" open={openDisputeAbout(disputes, 'identity')} onOpened={reload} />
      </Part>

      <Part id="certification" title="Certification">
        <p>
          <StatusBadge status={certification.status} />
          {certification.adminSuspensionReason ? ` (${humanize(certification.adminSuspensionReason).toLowerCase()})` : ''}
        </p>
        <dl class="portal-facts">
          <Fact term="First certified">{formatDate(certification.firstCertifiedOn) || 'Never'}</Fact>
          <Fact term="Current term from">{formatDate(certification.issuedOn) || '—'}</Fact>
          <Fact term="Term ends">{formatDate(certification.expiresOn) || '—'}</Fact>
          {certification.suspensionEndsOn ? <Fact term="Suspension ends">{formatDate(certification.suspensionEndsOn)}</Fact> : null}
        </dl>
        {certification.conditions.length ? (
          <table class="usa-table usa-table--stacked usa-table--borderless width-full">
            <caption>Conditions of your certification</caption>
            <thead>
              <tr>
                <th scope="col">Condition</th>
                <th scope="col">Due</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {certification.conditions.map((c) => (
                <tr key={c.id}>
                  <th scope="row" data-label="Condition">
                    {c.description} ({humanize(c.basis).toLowerCase()})
                  </th>
                  <td data-label="Due">{formatDate(c.dueOn)}</td>
                  <td data-label="Status">{c.status === 'satisfied' && c.satisfiedOn ? `Satisfied on ${formatDate(c.satisfiedOn)}` : humanize(c.status)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {certification.history.length ? (
          <table class="usa-table usa-table--stacked usa-table--borderless width-full">
            <caption>History of your certification, oldest first</caption>
            <thead>
              <tr>
                <th scope="col">From</th>
                <th scope="col">To</th>
                <th scope="col">Effective</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {certification.history.map((h, i) => (
                <tr key={i}>
                  <td data-label="From">
                    <StatusBadge status={h.from} />
                  </td>
                  <td data-label="To">
                    <StatusBadge status={h.to} />
                  </td>
                  <td data-label="Effective">{formatDate(h.effectiveOn ?? h.at)}</td>
                  <td data-label="Why">
                    {humanize(h.reason)}
                    {h.caseNumber ? ` (case ${h.caseNumber})` : ''}
                    {h.basis ? <span class="display-block text-base font-sans-3xs">{h.basis}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>No change recorded yet.</p>
        )}
        <DisputeThis type="certification" what="your certification" open={openDisputeAbout(disputes, 'certification')} onOpened={reload} />
      </Part>

      <Part id="training" title="Training">
        {record.training.length ? (
          <ul class="portal-items">
            {record.training.map((t) => (
              <li key={t.id} class="portal-item" data-testid={`training-${t.id}`}>
                <h3 class="portal-item__title">
                  {t.courseTitle} ({t.courseCode})
                </h3>
                <p>
                  {humanize(t.courseKind)} · completed {formatDate(t.completedOn)} · {t.hours} hours · {t.result === 'pass' ? 'passed' : 'failed'}
                  {t.voided ? ` · voided${t.voidReason ? `: ${t.voidReason}` : ''}` : ''}
                </p>
                <DisputeThis
                  type="training_completion"
                  id={t.id}
                  what={`the completion of ${t.courseTitle} on ${formatDate(t.completedOn)}`}
                  open={openDisputeAbout(disputes, 'training_completion', t.id)}
                  onOpened={reload}
                />
              </li>
            ))}
          </ul>
        ) : (
          <p>No training on record.</p>
        )}
      </Part>

      <Part id="employment" title="Employment">
        {record.employment.length ? (
          <ul class="portal-items">
            {record.employment.map((e) => (
              <li key={e.employmentId} class="portal-item">
                <h3 class="portal-item__title">{e.agency.name}</h3>
                <p>
                  {e.position} · from {formatDate(e.startDate)}
                  {e.endDate ? ` to ${formatDate(e.endDate)}` : ', now'}
                </p>
                {e.separation ? (
                  <p>
                    Separation: {humanize(e.separation.nature).toLowerCase()}
                    {e.separation.reason ? ` (${e.separation.reason})` : ''}
                    {e.separation.underInvestigation ? '; reported as leaving while under investigation' : ''}.
                  </p>
                ) : null}
                <DisputeThis
                  type="employment"
                  id={e.employmentId}
                  what={`your employment at ${e.agency.name}`}
                  open={openDisputeAbout(disputes, 'employment', e.employmentId)}
                  onOpened={reload}
                />
              </li>
            ))}
          </ul>
        ) : (
          <p>No employment on record.</p>
        )}
      </Part>

      <Part id="reports" title="Misconduct reports about you">
        {record.misconductReports.length ? (
          <ul class="portal-items">
            {record.misconductReports.map((r) => {
              const agency = agencyNames.get(r.agencyId) ?? 'An agency';
              return (
                <li key={r.id} class="portal-item" data-testid={`report-${r.id}`}>
                  <h3 class="portal-item__title">
                    Report by {agency} about {formatDate(r.incidentDate)}
                  </h3>
                  <p>
                    {r.categories.map((c) => humanize(c)).join(', ')} · agency finding: {humanize(r.agencyFinding).toLowerCase()}
                    {r.discipline ? ` · discipline: ${r.discipline}` : ''} · filed {formatDate(r.filedOn)}
                  </p>
                  <blockquote class="portal-quote">{r.summary}</blockquote>
                  <DisputeThis
                    type="misconduct_report"
                    id={r.id}
                    what={`the report by ${agency} about ${formatDate(r.incidentDate)}`}
                    open={openDisputeAbout(disputes, 'misconduct_report', r.id)}
                    onOpened={reload}
                  />
                </li>
              );
            })}
          </ul>
        ) : (
          <p>No misconduct report about you.</p>
        )}
      </Part>

      <Part id="cases" title="Commission cases">
        {record.cases.length ? (
          <ul class="usa-list">
            {record.cases.map((c) => (
              <li key={c.id}>
                Case {c.caseNumber}: {caseStatusWords(c.status)}
                {c.responseOpen ? <strong> · you may answer until {formatDate(c.notice?.responseDueOn)}</strong> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>No commission case about you.</p>
        )}
        {record.cases.length ? (
          <p>
            <Link href="/portal/cases" class="usa-link">
              Your cases, their timeline and your answer
            </Link>
          </p>
        ) : null}
      </Part>

      <Part id="checks" title="Hiring checks that found you">
        {record.hiringChecks.length ? (
          <table class="usa-table usa-table--stacked usa-table--borderless width-full">
            <caption class="usa-sr-only">Agencies whose hiring check named you, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Agency</th>
                <th scope="col">When</th>
              </tr>
            </thead>
            <tbody>
              {record.hiringChecks.map((h, i) => (
                <tr key={i}>
                  <th scope="row" data-label="Agency">
                    {h.agency.name} ({h.agency.code})
                  </th>
                  <td data-label="When">{formatInstant(h.checkedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>No agency's hiring check has found you.</p>
        )}
      </Part>
    </>
  );
}

function Part({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section class="portal-part" aria-labelledby={`part-${id}`}>
      <h2 id={`part-${id}`}>{title}</h2>
      {children}
    </section>
  );
}

function Fact({ term, children }: { term: string; children: ComponentChildren }) {
  return (
    <div class="portal-facts__row">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
