import { useState } from 'preact/hooks';
import { Link } from 'wouter-preact';
import type { components } from '../../../../../client';
import { api, ask } from '../../api';
import { fieldErrors } from '../../problem';
import { hasRole, useSession } from '../../session';
import { Alert, Page } from '../../ui/bits';
import { ProblemSummary, SelectField, Submit, TextArea, submitWith } from '../../ui/form';
import { formatDate, formatInstant } from '../../words';
import { LIST_PAGE, ShowMore, Tag, usePaged } from './record-bits';
import { DISPUTE_OUTCOMES, disputeOutcomeWords, disputeSubjectWords } from './records-words';

type Dispute = components['schemas']['DisputeResponse'];
type Outcome = components['schemas']['ResolveDisputeDto']['outcome'];

const STATUSES: [string, string][] = [
  ['open', 'Open'],
  ['resolved', 'Resolved'],
];

/** Officers' disputes (GET /disputes?status=): the open ones are the commission's queue; each resolved once, with a reason told to the officer. */
export function DisputesScreen() {
  const { me } = useSession();
  const mayResolve = hasRole(me, ['commission_admin', 'commission_adjudicator']);
  const [status, setStatus] = useState('open');
  const [done, setDone] = useState<Dispute>();
  const list = usePaged(
    async (cursor) =>
      ask(api.GET('/api/v1/disputes', { params: { query: { limit: LIST_PAGE, cursor, ...(status ? { status: status as Dispute['status'] } : {}) } } })),
    [status],
  );

  return (
    <Page
      title="Disputes"
      intro="What officers say is wrong in their records. A dispute changes nothing by itself: correct the record through its own route first, then resolve the dispute; the officer is told the outcome and the reason."
    >
      <div class="usa-form">
        <SelectField id="disputes-status" label="Show" required value={status} onValue={setStatus} options={STATUSES} />
      </div>
      {done ? (
        <Alert type="success" heading="Dispute resolved">
          <span data-testid="dispute-resolved">
            {disputeOutcomeWords(done.outcome)}: the dispute of {done.postId} is resolved, and the officer gets a notice with the reason.
          </span>
        </Alert>
      ) : null}
      <ProblemSummary error={list.error} />
      {list.data ? (
        list.data.length ? (
          <>
            <ul class="usa-list usa-list--unstyled record-cards" data-testid="disputes">
              {list.data.map((dispute) => (
                <DisputeCard
                  key={dispute.id}
                  dispute={dispute}
                  mayResolve={mayResolve}
                  onResolved={(resolved) => {
                    setDone(resolved);
                    list.reload();
                  }}
                />
              ))}
            </ul>
            <ShowMore paged={list} what="disputes" />
          </>
        ) : (
          <p role="status">No {status === 'open' ? 'open ' : status === 'resolved' ? 'resolved ' : ''}disputes.</p>
        )
      ) : null}
    </Page>
  );
}

function DisputeCard({ dispute, mayResolve, onResolved }: { dispute: Dispute; mayResolve: boolean; onResolved: (d: Dispute) => void }) {
  const [open, setOpen] = useState(false);
  const headingId = `dispute-${dispute.id}`;
  return (
    <li class="usa-card record-card" aria-labelledby={headingId} data-dispute-id={dispute.id} data-post-id={dispute.postId}>
      <div class="usa-card__container">
        <div class="usa-card__header">
          <h2 class="usa-card__heading font-sans-md" id={headingId}>
            {disputeSubjectWords(dispute.subject.type)} of{' '}
            <Link href={`/commission/officers/${dispute.postId}`} class="usa-link">
              {dispute.postId}
            </Link>
          </h2>
          {dispute.status === 'open' ? <Tag tone="warn">Open</Tag> : <Tag tone="info">{disputeOutcomeWords(dispute.outcome)}</Tag>}
        </div>
        <div class="usa-card__body">
          <p class="text-base margin-top-0">
            Opened {formatInstant(dispute.openedAt)}
            {dispute.subject.id ? ` about record ${dispute.subject.id}` : ''}.
          </p>
          <blockquote class="record-quote">{dispute.statement}</blockquote>
          {dispute.status === 'resolved' ? (
            <p>
              <strong>{disputeOutcomeWords(dispute.outcome)}</strong>
              {dispute.resolvedAt ? ` on ${formatDate(dispute.resolvedAt)}` : ''}: {dispute.reason}
            </p>
          ) : mayResolve ? (
            open ? (
              <ResolveForm dispute={dispute} onResolved={onResolved} onCancel={() => setOpen(false)} />
            ) : (
              <button type="button" class="usa-button usa-button--outline" onClick={() => setOpen(true)}>
                Resolve this dispute
              </button>
            )
          ) : (
            <p class="text-base">Commission administrators and adjudicators resolve disputes.</p>
          )}
        </div>
      </div>
    </li>
  );
}

function ResolveForm({ dispute, onResolved, onCancel }: { dispute: Dispute; onResolved: (d: Dispute) => void; onCancel: () => void }) {
  const [outcome, setOutcome] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const errors = fieldErrors(error);
  const prefix = `resolve-${dispute.id}`;

  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      onResolved(await ask(api.POST('/api/v1/disputes/{id}/resolve', { params: { path: { id: dispute.id } }, body: { outcome: outcome as Outcome, reason } })));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="usa-form usa-form--large" onSubmit={submitWith(submit)} noValidate>
      <ProblemSummary error={error} fieldIds={{ outcome: `${prefix}-outcome`, reason: `${prefix}-reason` }} />
      <SelectField id={`${prefix}-outcome`} label="Outcome" required value={outcome} onValue={setOutcome} options={DISPUTE_OUTCOMES} error={errors.outcome} />
      <TextArea
        id={`${prefix}-reason`}
        label="Reason, told to the officer"
        required
        maxLength={4000}
        value={reason}
        onValue={setReason}
        error={errors.reason}
      />
      <Submit busy={busy} busyText="Resolving…">
        Resolve
      </Submit>
      <button type="button" class="usa-button usa-button--unstyled margin-left-2" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}
