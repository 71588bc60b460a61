import { useMemo, useState } from 'preact/hooks';
import type { components } from '../../../../../client';
import { api, ask } from '../../api';
import { idempotencyKey, newFormSalt } from '../../idempotency';
import { fieldErrors } from '../../problem';
import { Alert, Page } from '../../ui/bits';
import { CheckboxGroup, ProblemSummary, SelectField, Submit, TextArea, TextField, submitWith } from '../../ui/form';
import { formatDate, humanize } from '../../words';

type Report = components['schemas']['MisconductReportResponse'];
type Body = components['schemas']['CreateMisconductReportDto'];
const CATEGORIES: Body['categories'] = [
  'excessive_force',
  'failure_to_intervene',
  'bias',
  'dishonesty',
  'sexual_misconduct',
  'felony',
  'misdemeanor',
  'hate_crime',
  'unprofessional_conduct',
  'other',
];
const FINDINGS: [Body['agencyFinding'], string][] = [
  ['pending', 'Pending (investigation open)'],
  ['sustained', 'Sustained'],
  ['not_sustained', 'Not sustained'],
  ['exonerated', 'Exonerated'],
  ['unfounded', 'Unfounded'],
];
const EMPTY = { postId: '', incidentDate: '', receivedOn: '', summary: '', agencyFinding: '', discipline: '' };

/**
 * A misconduct report to the commission (POST /misconduct-reports). c. 6E §8(b): within 2 business
 * days of receiving the complaint; a later report is still taken, and marked late.
 */
export function MisconductReportScreen() {
  const [form, setForm] = useState(EMPTY);
  const [categories, setCategories] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [filed, setFiled] = useState<Report>();
  const salt = useMemo(newFormSalt, [filed]);
  const errors = fieldErrors(error);
  const set = (field: keyof typeof EMPTY) => (value: string) => setForm({ ...form, [field]: value });

  const submit = async () => {
    setBusy(true);
    setError(undefined);
    const body = {
      postId: form.postId.trim().toUpperCase(),
      incidentDate: form.incidentDate,
      receivedOn: form.receivedOn,
      categories: categories as Body['categories'],
      summary: form.summary,
      agencyFinding: form.agencyFinding as Body['agencyFinding'],
      ...(form.discipline.trim() ? { discipline: form.discipline } : {}),
    };
    try {
      const report = await ask(api.POST('/api/v1/misconduct-reports', { params: { header: { 'Idempotency-Key': await idempotencyKey(salt, body) } }, body }));
      setFiled(report);
      setForm(EMPTY);
      setCategories([]);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title="Misconduct report" intro="Report a complaint about an officer your agency employs or employed. The officer is notified of the report.">
      <Alert type="info" slim>
        The law asks for the report within 2 business days of the day your agency received the complaint (c. 6E §8(b)). A later report is still taken, and
        marked late for the commission.
      </Alert>
      {filed ? (
        <Alert type={filed.late ? 'warning' : 'success'} heading="Report filed">
          <span data-testid="report-filed">
            Filed {formatDate(filed.filedOn)} about {filed.postId}; due by {formatDate(filed.dueOn)} (2 business days after {formatDate(filed.receivedOn)}).{' '}
            {filed.late ? 'It is late: the commission sees it as filed after the deadline.' : 'It is on time.'}
          </span>
        </Alert>
      ) : null}
      <form class="usa-form usa-form--large" onSubmit={submitWith(submit)} noValidate>
        <ProblemSummary
          error={error}
          fieldIds={{
            postId: 'report-post-id',
            incidentDate: 'report-incident',
            receivedOn: 'report-received',
            categories: 'report-categories-excessive_force',
            summary: 'report-summary',
            agencyFinding: 'report-finding',
            discipline: 'report-discipline',
          }}
        />
        <TextField id="report-post-id" label="Officer's POST ID" required value={form.postId} onValue={set('postId')} error={errors.postId} />
        <TextField
          id="report-incident"
          label="Date of the incident"
          type="date"
          required
          value={form.incidentDate}
          onValue={set('incidentDate')}
          error={errors.incidentDate}
        />
        <TextField
          id="report-received"
          label="Date your agency received the complaint"
          hint="The 2 business days run from this day."
          type="date"
          required
          value={form.receivedOn}
          onValue={set('receivedOn')}
          error={errors.receivedOn}
        />
        <CheckboxGroup
          id="report-categories"
          legend="What the complaint is about"
          options={CATEGORIES.map((category) => [category, humanize(category)])}
          values={categories}
          onValues={setCategories}
          error={errors.categories}
        />
        <TextArea id="report-summary" label="Summary" required maxLength={10000} value={form.summary} onValue={set('summary')} error={errors.summary} />
        <SelectField
          id="report-finding"
          label="Your agency's finding"
          required
          value={form.agencyFinding}
          onValue={set('agencyFinding')}
          options={FINDINGS}
          error={errors.agencyFinding}
        />
        <TextArea
          id="report-discipline"
          label="Discipline imposed"
          maxLength={2000}
          value={form.discipline}
          onValue={set('discipline')}
          error={errors.discipline}
        />
        <Submit busy={busy} busyText="Filing…">
          File the report
        </Submit>
      </form>
    </Page>
  );
}
