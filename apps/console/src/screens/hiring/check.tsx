import { useRef, useState } from 'preact/hooks';
import type { components } from '../../../../../client';
import { api, ask } from '../../api';
import { fieldErrors } from '../../problem';
import { Alert, Page } from '../../ui/bits';
import { ProblemSummary, Submit, TextField, submitWith } from '../../ui/form';
import { formatInstant, plural } from '../../words';
import { MatchCard } from './match-card';

type HiringCheck = components['schemas']['HiringCheckResponse'];
type By = 'name' | 'postId';

/**
 * "May we hire this person?" (c. 6E §4(d)): by name and date of birth, or by POST ID. Every
 * match is a card; none is merged, because two people can share a name and a birthday.
 */
export function HiringCheckScreen() {
  const [by, setBy] = useState<By>('name');
  const [firstName, setFirstName] = useState('');
  const [lastName, setLastName] = useState('');
  const [dateOfBirth, setDateOfBirth] = useState('');
  const [postId, setPostId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [check, setCheck] = useState<HiringCheck>();
  const results = useRef<HTMLHeadingElement>(null);
  const errors = fieldErrors(error);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setCheck(undefined);
    try {
      const body = by === 'postId' ? { postId: postId.trim().toUpperCase() } : { firstName: firstName.trim(), lastName: lastName.trim(), dateOfBirth };
      const answer = await ask(api.POST('/api/v1/hiring-checks', { body }));
      setCheck(answer);
      // The answer is the point of the page: take the reader (and a screen reader) to it.
      requestAnimationFrame(() => results.current?.focus());
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page
      title="Hiring check"
      intro="Before any appointment, check the person in the registry. Each check is recorded, and a hire is recorded from a check made in the last 30 days."
    >
      <form class="usa-form usa-form--large" onSubmit={submitWith(submit)} noValidate>
        <fieldset class="usa-fieldset">
          <legend class="usa-legend">Check by</legend>
          <div class="usa-radio">
            <input class="usa-radio__input" id="by-name" type="radio" name="by" value="name" checked={by === 'name'} onChange={() => setBy('name')} />
            <label class="usa-radio__label" for="by-name">
              Name and date of birth
            </label>
          </div>
          <div class="usa-radio">
            <input class="usa-radio__input" id="by-post-id" type="radio" name="by" value="postId" checked={by === 'postId'} onChange={() => setBy('postId')} />
            <label class="usa-radio__label" for="by-post-id">
              POST ID
            </label>
          </div>
        </fieldset>
        <ProblemSummary error={error} fieldIds={{ firstName: 'first-name', lastName: 'last-name', dateOfBirth: 'date-of-birth', postId: 'post-id' }} />
        {by === 'name' ? (
          <>
            <TextField
              id="first-name"
              label="First name"
              hint="A middle name may be included or left out."
              required
              maxLength={100}
              value={firstName}
              onValue={setFirstName}
              error={errors.firstName}
              autoComplete="off"
            />
            <TextField
              id="last-name"
              label="Last name"
              required
              maxLength={100}
              value={lastName}
              onValue={setLastName}
              error={errors.lastName}
              autoComplete="off"
            />
            <TextField
              id="date-of-birth"
              label="Date of birth"
              hint="Must match the record exactly."
              type="date"
              required
              value={dateOfBirth}
              onValue={setDateOfBirth}
              error={errors.dateOfBirth}
            />
          </>
        ) : (
          <TextField
            id="post-id"
            label="POST ID"
            hint="For example, MA-000042."
            required
            maxLength={20}
            value={postId}
            onValue={setPostId}
            error={errors.postId}
            autoComplete="off"
            spellcheck={false}
          />
        )}
        <Submit busy={busy} busyText="Checking the registry…">
          Check
        </Submit>
      </form>
      {busy ? (
        <p role="status" class="loading">
          <span class="loading__spinner" aria-hidden="true" />
          Checking the registry…
        </p>
      ) : null}
      {check ? (
        <section aria-labelledby="check-results" class="margin-top-4" data-check-id={check.id}>
          <h2 id="check-results" tabIndex={-1} ref={results}>
            {check.matches.length ? `${plural(check.matches.length, 'officer')} found` : 'No officer found'}
          </h2>
          <p class="text-base">
            Check recorded {formatInstant(check.checkedAt)}. Reference {check.id}.
          </p>
          {check.matches.length ? (
            <ul class="usa-card-group match-list">
              {check.matches.map((match, index) => (
                <MatchCard key={match.postId} match={match} checkId={check.id} checkedAt={check.checkedAt} index={index} />
              ))}
            </ul>
          ) : (
            <Alert type="info" heading="No record matches">
              Nobody in the registry has this name (or a close spelling, a nickname or a prior name) with this date of birth. A person with no record has never
              been certified here and may not be appointed as an officer until certified.
            </Alert>
          )}
        </section>
      ) : null}
    </Page>
  );
}
