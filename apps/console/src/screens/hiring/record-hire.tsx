import { useState } from 'preact/hooks';
import { api, ask } from '../../api';
import { ApiError, fieldErrors } from '../../problem';
import { Alert } from '../../ui/bits';
import { ProblemSummary, Submit, TextField, submitWith } from '../../ui/form';
import { formatDate, hireRefusalWords } from '../../words';
import type { HiringMatch } from './match-card';

/**
 * Record the hire from this check (POST /officers/:postId/employments with its hiringCheckId).
 * The registry re-decides at the moment of the hire; its refusals (422) are listed in words.
 */
export function RecordHire({ match, checkId, checkedAt, onCancel }: { match: HiringMatch; checkId: string; checkedAt: string; onCancel: () => void }) {
  const [startDate, setStartDate] = useState(checkedAt.slice(0, 10));
  const [position, setPosition] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [hired, setHired] = useState<{ id: string; startDate: string }>();
  const errors = fieldErrors(error);
  const prefix = `hire-${match.postId}`;

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const employment = await ask(
        api.POST('/api/v1/officers/{postId}/employments', {
          params: { path: { postId: match.postId } },
          body: { startDate, position, hiringCheckId: checkId },
        }),
      );
      setHired({ id: employment.id, startDate: employment.startDate });
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  if (hired)
    return (
      <Alert type="success" heading="Hire recorded">
        {match.name} ({match.postId}) is employed by your agency from {formatDate(hired.startDate)}.
      </Alert>
    );

  const reasons = error instanceof ApiError && error.status === 422 ? (error.problem.reasons ?? []) : [];
  return (
    <form class="usa-form usa-form--large record-hire" onSubmit={submitWith(submit)} noValidate aria-label={`Record the hire of ${match.name}`}>
      {reasons.length ? (
        <div class="usa-alert usa-alert--error usa-alert--slim" role="alert" data-testid="hire-refused">
          <div class="usa-alert__body">
            <h4 class="usa-alert__heading">The registry refused the hire</h4>
            <p class="usa-alert__text">{error instanceof ApiError ? error.problem.detail : ''}</p>
            <ul class="usa-list">
              {reasons.map((reason, i) => (
                <li key={i}>{hireRefusalWords(reason)}</li>
              ))}
            </ul>
          </div>
        </div>
      ) : (
        <ProblemSummary error={error} fieldIds={{ startDate: `${prefix}-start`, position: `${prefix}-position` }} />
      )}
      <TextField
        id={`${prefix}-start`}
        label="Start date"
        hint="On or after the day of the check, and at most 30 days after it."
        type="date"
        required
        value={startDate}
        onValue={setStartDate}
        error={errors.startDate}
      />
      <TextField
        id={`${prefix}-position`}
        label="Position"
        hint="For example, Patrol Officer."
        required
        maxLength={100}
        value={position}
        onValue={setPosition}
        error={errors.position}
      />
      <Submit busy={busy} busyText="Recording…">
        Record the hire
      </Submit>
      <button type="button" class="usa-button usa-button--unstyled margin-left-2" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}
