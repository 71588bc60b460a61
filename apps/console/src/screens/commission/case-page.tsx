import { useEffect, useRef, useState } from 'preact/hooks';
import { Link } from 'wouter-preact';
import type { components } from '../../../../../client';
import { api, ask } from '../../api';
import { session } from '../../session';
import { Alert, Loading, Page } from '../../ui/bits';
import { ProblemSummary } from '../../ui/form';
import { formatDate, formatInstant, humanize, roleLabel } from '../../words';
import { CaseActionForm } from './case-action-form';
import { groundName, useGrounds, type Ground } from './grounds';
import {
  CASE_ACTION_ROLES,
  caseActionLabel,
  caseStatusLabel,
  caseStatusTone,
  dueWords,
  localToday,
  mayTake,
  sanctionLabel,
  TRIGGER_LABELS,
} from './case-words';

type Case = components['schemas']['CaseResponse'];
type TimelineEntry = components['schemas']['CaseTimelineEntryResponse'];

export function CaseStatusBadge({ status }: { status: string }) {
  return (
    <span class={`status-badge status-badge--${caseStatusTone(status)}`} data-case-status={status}>
      {caseStatusLabel(status)}
    </span>
  );
}

type Notice = { type: 'success' | 'warning'; text: string };

/** One case (GET /cases/:id): what it rests on, its deadlines, its timeline, and the actions its status allows. */
export function CasePage({ id }: { id: string }) {
  const [record, setRecord] = useState<Case>();
  const [error, setError] = useState<unknown>();
  const [chosen, setChosen] = useState<string>();
  const [notice, setNotice] = useState<Notice>();
  const noticeRef = useRef<HTMLDivElement>(null);
  const roles = session.get().me?.roles ?? [];
  const { grounds } = useGrounds();

  const load = async (): Promise<Case | undefined> => {
    try {
      const read = await ask(api.GET('/api/v1/cases/{id}', { params: { path: { id } } }));
      if (read.view !== 'commission') throw new Error('This case is shown to the commission only.');
      setRecord(read);
      setError(undefined);
      return read;
    } catch (failure) {
      setError(failure);
      return undefined;
    }
  };
  useEffect(() => {
    setRecord(undefined);
    setChosen(undefined);
    setNotice(undefined);
    void load();
  }, [id]);
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  const done = (action: string) => (updated: Case) => {
    setRecord(updated);
    setChosen(undefined);
    setNotice({ type: 'success', text: `${caseActionLabel(action)}: recorded. The case is now ${caseStatusLabel(updated.status).toLowerCase()}.` });
  };
  const conflict = async () => {
    const reloaded = await load();
    setChosen(undefined);
    setNotice({
      type: 'warning',
      text: `Someone else acted on this case while you were working on it${reloaded ? ` (it is now ${caseStatusLabel(reloaded.status).toLowerCase()})` : ''}. Nothing you sent was recorded. The case has been reloaded: read it again, then act if the action is still needed.`,
    });
  };

  // The status allows both interim actions before a decision; the registry refuses a second
  // interim suspension, and a hearing on one that is not running, so neither is offered then.
  const interim = record?.interimSuspension;
  const allowed = (record?.allowedActions ?? []).filter(
    (action) => (action !== 'interim_suspend' || !interim) && (action !== 'record_interim_hearing' || (interim && !interim.endedOn)),
  );
  const mine = allowed.filter((action) => mayTake(action, roles));
  const others = allowed.filter((action) => !mayTake(action, roles));
  return (
    <Page title={record ? `Case ${record.caseNumber}` : 'Case'}>
      <p>
        <Link href="/commission/cases" class="usa-link">
          All cases
        </Link>
        {' · '}
        <Link href="/commission/work-queue" class="usa-link">
          Work queue
        </Link>
      </p>
      <ProblemSummary error={error} />
      {notice ? (
        <div ref={noticeRef} tabIndex={-1} data-testid="case-notice" data-notice={notice.type}>
          <Alert type={notice.type} slim>
            {notice.text}
          </Alert>
        </div>
      ) : null}
      {record ? (
        <>
          <p class="usa-intro font-sans-md">
            {record.officerName} (
            <Link href={`/commission/officers/${record.postId}`} class="usa-link">
              {record.postId}
            </Link>
            ) · <CaseStatusBadge status={record.status} />
          </p>
          <p>{record.summary}</p>
          <Deadlines record={record} />
          <section aria-labelledby="case-actions-heading" class="case-actions margin-y-3">
            <h2 id="case-actions-heading">Actions</h2>
            {mine.length ? (
              <>
                <p>What the case's status allows you to do now:</p>
                <div class="case-actions__choices" data-testid="case-actions">
                  {mine.map((action) => (
                    <button
                      key={action}
                      type="button"
                      class={`usa-button${chosen === action ? '' : ' usa-button--outline'}`}
                      aria-expanded={chosen === action}
                      aria-controls="case-action-panel"
                      data-action={action}
                      onClick={() => {
                        setNotice(undefined);
                        setChosen(chosen === action ? undefined : action);
                      }}
                    >
                      {caseActionLabel(action)}
                    </button>
                  ))}
                </div>
              </>
            ) : (
              <p data-testid="no-actions">{allowed.length ? 'No action here is for your role.' : 'The case is closed: no action remains.'}</p>
            )}
            {others.length ? (
              <p class="text-base" data-testid="other-actions">
                For others: {others.map((action) => `${caseActionLabel(action)} (${(CASE_ACTION_ROLES[action] ?? []).map(roleLabel).join(' or ')})`).join('; ')}
                .
              </p>
            ) : null}
            <div id="case-action-panel">
              {chosen ? (
                <CaseActionForm
                  key={`${chosen}/${record.version}`}
                  record={record}
                  grounds={grounds}
                  action={chosen}
                  onDone={done(chosen)}
                  onConflict={() => void conflict()}
                  onCancel={() => setChosen(undefined)}
                />
              ) : null}
            </div>
          </section>
          <Facts record={record} grounds={grounds} />
          <Timeline entries={record.timeline ?? []} />
        </>
      ) : error ? null : (
        <Loading what="the case" />
      )}
    </Page>
  );
}

/** The clocks still running on the case, each with its date in words. */
function Deadlines({ record }: { record: Case }) {
  const today = localToday();
  const rows: { label: string; dueOn: string; overdue?: boolean }[] = [];
  if (record.status === 'notice_issued' && record.notice && !record.response)
    rows.push({ label: "Officer's response due", dueOn: record.notice.responseDueOn });
  if (record.status === 'hearing_scheduled' && record.hearing) rows.push({ label: 'Hearing', dueOn: record.hearing.hearingOn });
  const interim = record.interimSuspension;
  if (interim && !interim.endedOn && record.interimHearingDeadlines) {
    const deadlines = record.interimHearingDeadlines;
    if (!interim.hearingRequestedOn && !interim.hearingWaived)
      rows.push({ label: 'Last day to ask for an interim-suspension hearing', dueOn: deadlines.requestBy });
    if (interim.hearingRequestedOn && !interim.hearingHeldOn && !interim.hearingWaived) {
      rows.push({ label: 'Interim-suspension hearing: earliest day', dueOn: deadlines.earliestHearingOn, overdue: false });
      rows.push({ label: 'Interim-suspension hearing: held by', dueOn: deadlines.holdBy, overdue: record.interimHearingOverdue });
    }
  }
  if (record.status === 'decided' && record.appealWindowEndsOn) rows.push({ label: 'Appeal window ends', dueOn: record.appealWindowEndsOn, overdue: false });
  return (
    <section aria-labelledby="case-deadlines-heading">
      <h2 id="case-deadlines-heading">Deadlines</h2>
      {record.interimHearingOverdue ? (
        <Alert type="warning" slim>
          <strong data-testid="interim-overdue">
            <span aria-hidden="true">⚠ </span>Overdue: the requested interim-suspension hearing was not held within 15 days of the suspension (c. 6E §9).
          </strong>
        </Alert>
      ) : null}
      {rows.length ? (
        <ul class="usa-list" data-testid="case-deadlines">
          {rows.map((row) => {
            const overdue = row.overdue ?? row.dueOn < today;
            return (
              <li key={row.label} class={overdue ? 'overdue-flag' : ''}>
                {row.label}: {formatDate(row.dueOn)} (
                {overdue ? <strong>{dueWords(row.dueOn, today, true)}</strong> : dueWords(row.dueOn, today, false).toLowerCase()})
              </li>
            );
          })}
        </ul>
      ) : (
        <p>No clock is running.</p>
      )}
    </section>
  );
}

/** What the case rests on and what has happened, stage by stage. */
function Facts({ record, grounds }: { record: Case; grounds?: Ground[] }) {
  const facts: [string, string][] = [];
  facts.push([
    'Grounds',
    record.grounds
      .map(
        (ground) =>
          `${groundName(ground.code, grounds)}${ground.mandatory ? ', mandatory' : ''}; standard of proof: ${humanize(ground.standardOfProof).toLowerCase()}`,
      )
      .join('. '),
  ]);
  const interim = record.interimSuspension;
  if (interim)
    facts.push([
      'Interim suspension',
      `Since ${formatDate(interim.suspendedOn)} (${TRIGGER_LABELS[interim.trigger] ?? humanize(interim.trigger)}): ${interim.reason}.` +
        (interim.hearingRequestedOn ? ` Hearing asked for on ${formatDate(interim.hearingRequestedOn)}.` : '') +
        (interim.hearingWaived ? ' Hearing waived.' : '') +
        (interim.hearingHeldOn ? ` Hearing held on ${formatDate(interim.hearingHeldOn)}.` : '') +
        (interim.endedOn ? ` Ended on ${formatDate(interim.endedOn)}${interim.endedBy ? ` (${humanize(interim.endedBy).toLowerCase()})` : ''}.` : ''),
    ]);
  if (record.notice)
    facts.push([
      'Notice',
      `Issued ${formatDate(record.notice.issuedOn)}, proposing: ${sanctionLabel(record.notice.proposedSanction).toLowerCase()}; response due ${formatDate(record.notice.responseDueOn)}.`,
    ]);
  if (record.response)
    facts.push([
      "Officer's response",
      `Recorded ${formatDate(record.response.recordedOn)}; ${record.response.hearingRequested ? 'a hearing is requested' : 'no hearing requested'}${record.response.waivesHearing ? '; the hearing is waived' : ''}.`,
    ]);
  if (record.hearing)
    facts.push([
      'Hearing',
      `Scheduled for ${formatDate(record.hearing.hearingOn)}${record.hearing.heldOn ? `; held ${formatDate(record.hearing.heldOn)}` : ''}.`,
    ]);
  if (record.decision)
    facts.push([
      'Decision',
      `${formatDate(record.decision.decidedOn)}: ${sanctionLabel(record.decision.sanction)}${record.decision.suspensionDays ? ` for ${record.decision.suspensionDays} days` : ''}. Findings: ${record.decision.findings.map((finding) => `${groundName(finding.ground, grounds)} ${finding.sustained ? 'sustained' : 'not sustained'}`).join('; ')}. Standard of proof: ${humanize(record.decision.standardOfProof).toLowerCase()}.`,
    ]);
  if (record.appeal)
    facts.push([
      'Appeal',
      `Filed ${formatDate(record.appeal.filedOn)} in ${record.appeal.forum}${record.appeal.stayed ? ' (decision stayed)' : ''}${record.appeal.outcome ? `; ${record.appeal.outcome} on ${formatDate(record.appeal.resolvedOn)}` : ''}.`,
    ]);
  if (record.finalization)
    facts.push(['Final', `${formatDate(record.finalization.finalizedOn)}${record.finalization.appealWaived ? ' (appeal waived)' : ''}; the action is public.`]);
  if (record.dismissal) facts.push(['Dismissed', `${formatDate(record.dismissal.dismissedOn)}: ${record.dismissal.reason}`]);
  return (
    <section aria-labelledby="case-facts-heading">
      <h2 id="case-facts-heading">The case</h2>
      <dl class="case-facts" data-testid="case-facts">
        {facts.map(([term, text]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{text}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function Timeline({ entries }: { entries: TimelineEntry[] }) {
  return (
    <section aria-labelledby="case-timeline-heading">
      <h2 id="case-timeline-heading">Timeline</h2>
      <table class="usa-table usa-table--stacked usa-table--borderless width-full" data-testid="case-timeline">
        <caption class="usa-sr-only">Every action on the case, oldest first</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Action</th>
            <th scope="col">Status</th>
            <th scope="col">Certification</th>
            <th scope="col">Recorded</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.version} data-action={entry.action}>
              <th scope="row" data-label="Day">
                {formatDate(entry.occurredOn)}
              </th>
              <td data-label="Action">{caseActionLabel(entry.action)}</td>
              <td data-label="Status">
                {entry.fromStatus ? `${caseStatusLabel(entry.fromStatus)} → ` : ''}
                {caseStatusLabel(entry.toStatus)}
              </td>
              <td data-label="Certification">
                {entry.certificationChanges.length
                  ? entry.certificationChanges.map((change) => `${humanize(change.type)}: ${humanize(change.from)} → ${humanize(change.to)}`).join('; ')
                  : 'No change'}
              </td>
              <td data-label="Recorded">{formatInstant(entry.recordedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
