import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { Link } from 'wouter-preact';
import type { components } from '../../../../../client';
import { api, ask } from '../../api';
import { ApiError, fieldErrors } from '../../problem';
import { hasRole, useSession } from '../../session';
import { Alert, Loading, Page, StatusBadge } from '../../ui/bits';
import { Checkbox, ProblemSummary, Submit, TextArea, submitWith } from '../../ui/form';
import { formatDate, formatInstant, plural, statusLabel } from '../../words';
import { LIST_PAGE, ShowMore, useLoad, usePaged } from './record-bits';
import { duplicateSourceWords, mergeRefusalNeedsConfirmation, mergeRefusalWords } from './records-words';

type Pair = components['schemas']['PossibleDuplicateResponse'];
type OfficerRecord = components['schemas']['OfficerRecordResponse'];
type Merged = components['schemas']['MergedOfficerResponse'];

/** Pairs of records that may be one person (GET /officers/possible-duplicates): each dismissed with a reason, or merged. */
export function DuplicatesScreen() {
  const { me } = useSession();
  const isAdmin = hasRole(me, ['commission_admin']);
  const [merged, setMerged] = useState<Merged>();
  const [dismissed, setDismissed] = useState<Pair>();
  const list = usePaged(async (cursor) => ask(api.GET('/api/v1/officers/possible-duplicates', { params: { query: { limit: LIST_PAGE, cursor } } })), []);

  return (
    <Page
      title="Possible duplicates"
      intro="Two records that may be one person, oldest first. Compare them; then dismiss the pair (two people) or merge one into the other. A merge keeps everything either record carried: a revocation, an open case, a separation under investigation."
    >
      {merged ? (
        <Alert type="success" heading="Records merged">
          <span data-testid="merged">
            {merged.mergedFrom.join(', ')} now {merged.mergedFrom.length === 1 ? 'answers' : 'answer'} with {merged.postId} ({merged.name}). Certification:{' '}
            {statusLabel(merged.certificationStatus)} (
            {merged.certificationKeptFrom === 'duplicate' ? `carried over from ${merged.mergedFrom.join(', ')}` : `kept from ${merged.postId}`}). Moved:{' '}
            {plural(merged.moved.cases, 'case')}, {plural(merged.moved.reports, 'report')}, {plural(merged.moved.notices, 'notice')},{' '}
            {plural(merged.moved.disputes, 'dispute')}.{' '}
            <Link href={`/commission/officers/${merged.postId}`} class="usa-link">
              Open {merged.postId}
            </Link>
          </span>
        </Alert>
      ) : null}
      {dismissed ? (
        <Alert type="success" heading="Pair dismissed">
          {dismissed.officers.map((o) => o.postId).join(' and ')} are two people; the pair leaves the list.
        </Alert>
      ) : null}
      <ProblemSummary error={list.error} />
      {list.data ? (
        list.data.length ? (
          <>
            <ul class="usa-list usa-list--unstyled record-cards" data-testid="duplicates">
              {list.data.map((pair) => (
                <PairCard
                  key={pair.id}
                  pair={pair}
                  isAdmin={isAdmin}
                  onMerged={(result) => {
                    setDismissed(undefined);
                    setMerged(result);
                    list.reload();
                  }}
                  onDismissed={(result) => {
                    setMerged(undefined);
                    setDismissed(result);
                    list.reload();
                  }}
                />
              ))}
            </ul>
            <ShowMore paged={list} what="pairs" />
          </>
        ) : (
          <p role="status">No possible duplicates wait.</p>
        )
      ) : list.loading ? (
        <Loading what="possible duplicates" />
      ) : null}
    </Page>
  );
}

function PairCard({ pair, isAdmin, onMerged, onDismissed }: { pair: Pair; isAdmin: boolean; onMerged: (m: Merged) => void; onDismissed: (p: Pair) => void }) {
  const [action, setAction] = useState<'merge' | 'dismiss'>();
  const postIds = pair.officers.map((o) => o.postId);
  const records = useLoad(
    () => Promise.all(postIds.map((postId) => ask(api.GET('/api/v1/officers/{postId}', { params: { path: { postId } } })))),
    [postIds.join()],
  );
  const headingId = `pair-${pair.id}`;
  return (
    <li class="usa-card record-card" aria-labelledby={headingId} data-pair-id={pair.id} data-post-ids={postIds.join(' ')}>
      <div class="usa-card__container">
        <div class="usa-card__header">
          <h2 class="usa-card__heading font-sans-md" id={headingId}>
            {pair.officers.map((o) => `${o.name} (${o.postId})`).join(' and ')}
          </h2>
        </div>
        <div class="usa-card__body">
          <p class="text-base margin-top-0">
            Since {formatInstant(pair.createdAt)}: {duplicateSourceWords(pair.source)}
            {pair.matchScore !== null ? `; names ${Math.round(pair.matchScore * 100)}% alike` : ''}.
          </p>
          <ProblemSummary error={records.error} />
          {records.data ? <SideBySide records={records.data} /> : records.loading ? <Loading what="both records" /> : null}
          {!isAdmin ? (
            <p class="text-base">Commission administrators dismiss or merge a pair.</p>
          ) : action === 'merge' && records.data ? (
            <MergeForm records={records.data} onMerged={onMerged} onCancel={() => setAction(undefined)} />
          ) : action === 'dismiss' ? (
            <DismissForm pair={pair} onDismissed={onDismissed} onCancel={() => setAction(undefined)} />
          ) : (
            <div class="usa-button-group margin-top-2">
              <button type="button" class="usa-button" onClick={() => setAction('merge')} disabled={!records.data}>
                Merge…
              </button>
              <button type="button" class="usa-button usa-button--outline" onClick={() => setAction('dismiss')}>
                Two people: dismiss…
              </button>
            </div>
          )}
        </div>
      </div>
    </li>
  );
}

const currentAgencies = (r: OfficerRecord) =>
  r.employmentHistory
    .filter((e) => !e.endDate)
    .map((e) => e.agency.name)
    .join(', ') || 'None';

/** The two records' key facts in one table, a column each. */
function SideBySide({ records }: { records: OfficerRecord[] }) {
  const facts: [string, (r: OfficerRecord) => ComponentChildren][] = [
    ['Name', (r) => [r.firstName, r.middleName, r.lastName, r.suffix].filter(Boolean).join(' ')],
    ['Date of birth', (r) => (r.dateOfBirth ? formatDate(r.dateOfBirth) : 'Withheld')],
    ['SSN, last 4', (r) => r.ssnLast4 ?? 'None'],
    ['Other names', (r) => r.aliases.map((a) => `${a.firstName} ${a.lastName}`).join(', ') || 'None'],
    ['Certification', (r) => <StatusBadge status={r.certification.status} />],
    ['Employed now by', currentAgencies],
    ['Employments', (r) => String(r.employmentHistory.length)],
    ['Separated under investigation', (r) => (r.employmentHistory.some((e) => e.separation?.underInvestigation) ? 'Yes' : 'No')],
    ['Record created', (r) => formatInstant(r.createdAt)],
  ];
  const differ = (cell: (r: OfficerRecord) => ComponentChildren) => {
    const [first, second] = records.map(cell);
    return typeof first === 'string' && typeof second === 'string' && first !== second;
  };
  return (
    <div class="table-scroll">
      <table class="usa-table usa-table--borderless usa-table--compact width-full side-by-side">
        <caption class="usa-sr-only">The two records side by side</caption>
        <thead>
          <tr>
            <td />
            {records.map((r) => (
              <th key={r.postId} scope="col">
                <Link href={`/commission/officers/${r.postId}`} class="usa-link">
                  {r.postId}
                </Link>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {facts.map(([label, cell]) => (
            <tr key={label} class={differ(cell) ? 'side-by-side__differs' : ''}>
              <th scope="row">
                {label}
                {differ(cell) ? <span class="usa-sr-only"> (the two differ)</span> : null}
              </th>
              {records.map((r) => (
                <td key={r.postId}>{cell(r)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function MergeForm({ records, onMerged, onCancel }: { records: OfficerRecord[]; onMerged: (m: Merged) => void; onCancel: () => void }) {
  const [a, b] = records;
  const [survivor, setSurvivor] = useState(a.postId);
  const [reason, setReason] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [askConfirmation, setAskConfirmation] = useState(!!a.dateOfBirth && !!b?.dateOfBirth && a.dateOfBirth !== b.dateOfBirth);
  const errors = fieldErrors(error);
  const duplicate = records.find((r) => r.postId !== survivor)!;
  const id = `merge-${a.postId}-${b?.postId}`;
  const reasons = error instanceof ApiError && error.status === 422 ? ((error.problem as { reasons?: unknown[] }).reasons ?? []) : [];

  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const body = { duplicatePostId: duplicate.postId, reason, ...(askConfirmation && confirmed ? { confirmDifferentBirthDates: true } : {}) };
      onMerged(await ask(api.POST('/api/v1/officers/{postId}/merge', { params: { path: { postId: survivor } }, body })));
    } catch (failure) {
      if (failure instanceof ApiError && mergeRefusalNeedsConfirmation((failure.problem as { reasons?: unknown[] }).reasons)) setAskConfirmation(true);
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="usa-form usa-form--large margin-top-2" onSubmit={submitWith(submit)} noValidate>
      <ProblemSummary error={error} fieldIds={{ reason: `${id}-reason`, duplicatePostId: `${id}-keep-${a.postId}` }} />
      {reasons.length ? (
        <ul class="usa-list" data-testid="merge-refusals">
          {reasons.map((r) => (
            <li key={JSON.stringify(r)}>{mergeRefusalWords(r)}</li>
          ))}
        </ul>
      ) : null}
      <fieldset class="usa-fieldset">
        <legend class="usa-legend">Keep which record?</legend>
        <span class="usa-hint">The other one's POST ID will answer with the kept record from now on.</span>
        {records.map((r) => (
          <div class="usa-radio" key={r.postId}>
            <input
              class="usa-radio__input"
              id={`${id}-keep-${r.postId}`}
              type="radio"
              name={`${id}-keep`}
              value={r.postId}
              checked={survivor === r.postId}
              onChange={() => setSurvivor(r.postId)}
            />
            <label class="usa-radio__label" for={`${id}-keep-${r.postId}`}>
              Keep {r.postId} ({r.firstName} {r.lastName}, {statusLabel(r.certification.status)})
            </label>
          </div>
        ))}
      </fieldset>
      <TextArea id={`${id}-reason`} label="Reason for the merge" required maxLength={2000} value={reason} onValue={setReason} error={errors.reason} />
      {askConfirmation ? (
        <div class="verdict verdict--warn margin-top-2" data-testid="birth-date-confirmation">
          <p class="margin-top-0">
            <strong>The dates of birth differ:</strong> {a.postId} gives {formatDate(a.dateOfBirth)}, {b?.postId} gives {formatDate(b?.dateOfBirth)}. The kept
            record's date of birth stays. Merge only if you are sure they are one person (a typing error at enrolment, for example).
          </p>
          <Checkbox
            id={`${id}-confirm-dob`}
            label="I confirm that these two records are one person despite the different dates of birth"
            checked={confirmed}
            onChecked={setConfirmed}
          />
        </div>
      ) : null}
      <p>
        {duplicate.postId} will be merged into {survivor}: its training, employment, reports, cases, hiring checks, notices and names move; the worse
        certification survives (a revocation on either record stays).
      </p>
      <Submit busy={busy} busyText="Merging…">
        Merge {duplicate.postId} into {survivor}
      </Submit>
      <button type="button" class="usa-button usa-button--unstyled margin-left-2" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}

function DismissForm({ pair, onDismissed, onCancel }: { pair: Pair; onDismissed: (p: Pair) => void; onCancel: () => void }) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const errors = fieldErrors(error);
  const id = `dismiss-${pair.id}`;
  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      onDismissed(await ask(api.POST('/api/v1/officers/possible-duplicates/{id}/dismiss', { params: { path: { id: pair.id } }, body: { reason } })));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="usa-form usa-form--large margin-top-2" onSubmit={submitWith(submit)} noValidate>
      <ProblemSummary error={error} fieldIds={{ reason: `${id}-reason` }} />
      <TextArea id={`${id}-reason`} label="Why these are two people" required maxLength={2000} value={reason} onValue={setReason} error={errors.reason} />
      <Submit busy={busy} busyText="Dismissing…">
        Dismiss the pair
      </Submit>
      <button type="button" class="usa-button usa-button--unstyled margin-left-2" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}
