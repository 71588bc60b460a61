import { useMemo, useState } from 'preact/hooks';
import { api, ask } from '../../api';
import { idempotencyKey, newFormSalt } from '../../idempotency';
import { ApiError, fieldErrors } from '../../problem';
import { Alert, Page } from '../../ui/bits';
import { ProblemSummary, Submit, TextField, submitWith } from '../../ui/form';
import { formatDate } from '../../words';

interface Duplicate {
  postId: string;
  name: string;
  matchScore?: number;
}

const EMPTY = { firstName: '', middleName: '', lastName: '', suffix: '', dateOfBirth: '', ssnLast4: '', email: '' };
type Form = typeof EMPTY;

/**
 * Enrol a recruit (POST /officers). A likely duplicate (same date of birth, similar name) comes
 * back as a 409 with its POST ID: the registrar uses that record, or says this is another person
 * (`confirmDistinct`), and the commission sees the pair among its possible duplicates.
 */
export function EnrolRecruitScreen() {
  const [form, setForm] = useState<Form>(EMPTY);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [duplicates, setDuplicates] = useState<Duplicate[]>();
  const [enrolled, setEnrolled] = useState<{ postId: string; name: string; dateOfBirth: string }>();
  const salt = useMemo(newFormSalt, [enrolled]);
  const errors = fieldErrors(error);
  const set = (field: keyof Form) => (value: string) => {
    setForm({ ...form, [field]: value });
    setDuplicates(undefined);
  };

  const send = async (confirmDistinct: boolean) => {
    setBusy(true);
    setError(undefined);
    const body = Object.fromEntries(Object.entries(form).filter(([, value]) => value.trim() !== '')) as {
      firstName: string;
      lastName: string;
      dateOfBirth: string;
    };
    try {
      const officer = await ask(
        api.POST('/api/v1/officers', {
          params: {
            query: confirmDistinct ? { confirmDistinct: true } : {},
            header: { 'Idempotency-Key': await idempotencyKey(salt, { body, confirmDistinct }) },
          },
          body,
        }),
      );
      setEnrolled({
        postId: officer.postId,
        name: [officer.firstName, officer.middleName, officer.lastName, officer.suffix].filter(Boolean).join(' '),
        dateOfBirth: officer.dateOfBirth ?? '',
      });
      setDuplicates(undefined);
      setForm(EMPTY);
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 409 && failure.problem.possibleDuplicates?.length) {
        setDuplicates(failure.problem.possibleDuplicates as unknown as Duplicate[]);
      } else {
        setError(failure);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page
      title="Enrol a recruit"
      intro="Creates the recruit's record and POST ID, the number every later training completion, certification and hiring check refers to."
    >
      {enrolled ? (
        <Alert type="success" heading={`Enrolled: ${enrolled.postId}`}>
          {enrolled.name}, born {formatDate(enrolled.dateOfBirth)}, has POST ID <strong data-testid="enrolled-post-id">{enrolled.postId}</strong>. Use it in the
          recruit's training completions.
        </Alert>
      ) : null}
      <form class="usa-form usa-form--large" onSubmit={submitWith(() => send(false))} noValidate>
        <ProblemSummary
          error={error}
          fieldIds={{
            firstName: 'recruit-first-name',
            middleName: 'recruit-middle-name',
            lastName: 'recruit-last-name',
            suffix: 'recruit-suffix',
            dateOfBirth: 'recruit-date-of-birth',
            ssnLast4: 'recruit-ssn',
            email: 'recruit-email',
          }}
        />
        <TextField
          id="recruit-first-name"
          label="First name"
          required
          maxLength={100}
          value={form.firstName}
          onValue={set('firstName')}
          error={errors.firstName}
        />
        <TextField id="recruit-middle-name" label="Middle name" maxLength={100} value={form.middleName} onValue={set('middleName')} error={errors.middleName} />
        <TextField id="recruit-last-name" label="Last name" required maxLength={100} value={form.lastName} onValue={set('lastName')} error={errors.lastName} />
        <TextField id="recruit-suffix" label="Suffix" hint="Jr., III, 2nd" maxLength={20} value={form.suffix} onValue={set('suffix')} error={errors.suffix} />
        <TextField
          id="recruit-date-of-birth"
          label="Date of birth"
          type="date"
          required
          value={form.dateOfBirth}
          onValue={set('dateOfBirth')}
          error={errors.dateOfBirth}
        />
        <TextField
          id="recruit-ssn"
          label="Last four digits of the SSN"
          hint="Helps tell apart two people with the same name and birthday."
          inputMode="numeric"
          maxLength={4}
          value={form.ssnLast4}
          onValue={set('ssnLast4')}
          error={errors.ssnLast4}
        />
        <TextField
          id="recruit-email"
          label="Email"
          hint="Where the officer's notices are sent."
          type="email"
          maxLength={254}
          value={form.email}
          onValue={set('email')}
          error={errors.email}
        />
        {duplicates ? (
          <div class="usa-alert usa-alert--warning" role="alert" data-testid="possible-duplicates">
            <div class="usa-alert__body">
              <h2 class="usa-alert__heading font-sans-md">This person may already be registered</h2>
              <p class="usa-alert__text">An officer with the same date of birth and a similar name exists:</p>
              <ul class="usa-list">
                {duplicates.map((duplicate) => (
                  <li key={duplicate.postId}>
                    <strong>{duplicate.postId}</strong> {duplicate.name}
                    {duplicate.matchScore !== undefined ? ` (name ${Math.round(duplicate.matchScore * 100)}% alike)` : ''}
                  </li>
                ))}
              </ul>
              <p class="usa-alert__text">
                If the recruit is that person, do not enrol again: use that POST ID. If this is a different person, say so; the commission will review the pair.
              </p>
              <button type="button" class="usa-button usa-button--secondary" disabled={busy} onClick={() => void send(true)}>
                This is a different person: enrol
              </button>
            </div>
          </div>
        ) : (
          <Submit busy={busy} busyText="Enrolling…">
            Enrol
          </Submit>
        )}
      </form>
    </Page>
  );
}
