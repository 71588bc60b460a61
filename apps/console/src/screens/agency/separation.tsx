import { useState } from 'preact/hooks';
import type { components } from '../../../../../client';
import { api, ask } from '../../api';
import { fieldErrors } from '../../problem';
import { session } from '../../session';
import { Alert, Page } from '../../ui/bits';
import { Checkbox, ProblemSummary, SelectField, Submit, TextArea, TextField, submitWith } from '../../ui/form';
import { formatDate } from '../../words';

type Employment = components['schemas']['EmploymentHistoryItemResponse'];
type Body = components['schemas']['SeparationDto'];
const NATURES: [Body['nature'], string][] = [
  ['resigned', 'Resigned'],
  ['retired', 'Retired'],
  ['terminated', 'Terminated'],
  ['laid_off', 'Laid off'],
  ['deceased', 'Deceased'],
  ['other', 'Other'],
];

/** Record that an officer left the agency (POST /employments/:id/separation), found by POST ID. */
export function SeparationScreen() {
  const [postId, setPostId] = useState('');
  const [officer, setOfficer] = useState<{ name: string; postId: string; employments: Employment[] }>();
  const [employmentId, setEmploymentId] = useState('');
  const [form, setForm] = useState({ endDate: '', nature: '', reason: '', notes: '' });
  const [underInvestigation, setUnderInvestigation] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<string>();
  const errors = fieldErrors(error);
  const agencyId = session.get().me?.organizationId;

  const find = async () => {
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    try {
      const record = await ask(api.GET('/api/v1/officers/{postId}', { params: { path: { postId: postId.trim().toUpperCase() } } }));
      const employments = record.employmentHistory.filter((employment) => employment.endDate === null && employment.agency.id === agencyId);
      setOfficer({ name: [record.firstName, record.lastName].join(' '), postId: record.postId, employments });
      setEmploymentId(employments[0]?.employmentId ?? '');
    } catch (failure) {
      setOfficer(undefined);
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const separate = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const body: Body = {
        endDate: form.endDate,
        nature: form.nature as Body['nature'],
        reason: form.reason,
        underInvestigation,
        ...(form.notes.trim() ? { notes: form.notes } : {}),
      };
      const separation = await ask(api.POST('/api/v1/employments/{id}/separation', { params: { path: { id: employmentId } }, body }));
      setDone(`${officer?.name ?? separation.postId} (${separation.postId}) left on ${formatDate(separation.endDate)}.`);
      setOfficer(undefined);
      setForm({ endDate: '', nature: '', reason: '', notes: '' });
      setUnderInvestigation(false);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title="Separation" intro="Record that an officer left your agency. Every later hiring check shows how the employment ended; the officer is notified.">
      {done ? (
        <Alert type="success" heading="Separation recorded">
          {done}
        </Alert>
      ) : null}
      <ProblemSummary
        error={error}
        fieldIds={{
          postId: 'separation-post-id',
          endDate: 'separation-end',
          nature: 'separation-nature',
          reason: 'separation-reason',
          notes: 'separation-notes',
        }}
      />
      <form class="usa-form" onSubmit={submitWith(find)} noValidate>
        <TextField id="separation-post-id" label="Officer's POST ID" required value={postId} onValue={setPostId} error={errors.postId} />
        <Submit busy={busy && !officer} busyText="Looking up…" secondary>
          Find the employment
        </Submit>
      </form>
      {officer ? (
        officer.employments.length ? (
          <form class="usa-form usa-form--large margin-top-3" onSubmit={submitWith(separate)} noValidate>
            <h2>
              {officer.name} ({officer.postId})
            </h2>
            {officer.employments.length > 1 ? (
              <SelectField
                id="separation-employment"
                label="Employment"
                required
                value={employmentId}
                onValue={setEmploymentId}
                options={officer.employments.map((employment) => [
                  employment.employmentId,
                  `${employment.position}, since ${formatDate(employment.startDate)}`,
                ])}
              />
            ) : (
              <p>
                {officer.employments[0].position}, since {formatDate(officer.employments[0].startDate)}.
              </p>
            )}
            <TextField
              id="separation-end"
              label="Last day of employment"
              type="date"
              required
              value={form.endDate}
              onValue={(endDate) => setForm({ ...form, endDate })}
              error={errors.endDate}
            />
            <SelectField
              id="separation-nature"
              label="How it ended"
              required
              value={form.nature}
              onValue={(nature) => setForm({ ...form, nature })}
              options={NATURES}
              error={errors.nature}
            />
            <TextArea
              id="separation-reason"
              label="Reason given"
              required
              maxLength={2000}
              value={form.reason}
              onValue={(reason) => setForm({ ...form, reason })}
              error={errors.reason}
            />
            <Checkbox
              id="separation-under-investigation"
              label="The officer left while under investigation"
              hint="555 CMR 12.03: shown to every agency that checks this officer later."
              checked={underInvestigation}
              onChecked={setUnderInvestigation}
            />
            <TextArea
              id="separation-notes"
              label="Notes for the commission"
              hint="Seen by the commission and your agency only."
              maxLength={4000}
              value={form.notes}
              onValue={(notes) => setForm({ ...form, notes })}
              error={errors.notes}
            />
            <Submit busy={busy} busyText="Recording…">
              Record the separation
            </Submit>
          </form>
        ) : (
          <Alert type="info">
            {officer.name} ({officer.postId}) has no current employment with your agency.
          </Alert>
        )
      ) : null}
    </Page>
  );
}
