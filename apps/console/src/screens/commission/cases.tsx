import { useEffect, useMemo, useState } from 'preact/hooks';
import { Link, useLocation, useRoute } from 'wouter-preact';
import type { components, operations } from '../../../../../client';
import { api, ask } from '../../api';
import { idempotencyKey, newFormSalt } from '../../idempotency';
import { fieldErrors } from '../../problem';
import { Loading, Page } from '../../ui/bits';
import { Checkbox, CheckboxGroup, ProblemSummary, SelectField, Submit, TextArea, TextField, submitWith } from '../../ui/form';
import { formatInstant } from '../../words';
import { CASE_STATUS_LABELS } from './case-words';
import { useGrounds } from './grounds';
import { CasePage, CaseStatusBadge } from './case-page';
import { RefusalSummary } from './case-action-form';

type Case = components['schemas']['CaseResponse'];
type Status = NonNullable<NonNullable<operations['listCases']['parameters']['query']>['status']>;
const PAGE_SIZE = 50;

/** `/commission/cases`: the list; `/commission/cases/:id`: one case. */
export function CasesScreen() {
  const [, params] = useRoute<{ id: string }>('/commission/cases/:id');
  return params ? <CasePage id={params.id} /> : <CaseList />;
}

/** Every case (GET /cases), newest first, filtered by status, officer or an overdue interim hearing. */
function CaseList() {
  const [status, setStatus] = useState('');
  const [postId, setPostId] = useState('');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [filters, setFilters] = useState({ status: '', postId: '', overdueOnly: false });
  const [items, setItems] = useState<Case[]>([]);
  const [cursor, setCursor] = useState<string | null>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();

  const load = async (after?: string) => {
    setLoading(true);
    setError(undefined);
    try {
      const query = {
        limit: PAGE_SIZE,
        cursor: after,
        status: (filters.status || undefined) as Status | undefined,
        postId: filters.postId.trim() || undefined,
        interimHearingOverdue: filters.overdueOnly ? true : undefined,
      };
      const page = await ask(api.GET('/api/v1/cases', { params: { query } }));
      setItems((previous) => (after ? [...previous, ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (failure) {
      setError(failure);
      if (!after) setItems([]);
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => void load(), [filters]);
  const errors = fieldErrors(error);

  return (
    <Page title="Cases" intro="Every commission case, newest first. Open one to read its timeline and take the actions its status allows.">
      <form
        class="usa-form usa-form--large case-filters"
        aria-label="Filter the cases"
        onSubmit={(event) => {
          event.preventDefault();
          setFilters({ status, postId, overdueOnly });
        }}
        noValidate
      >
        <SelectField id="cases-status" label="Status" value={status} onValue={setStatus} options={Object.entries(CASE_STATUS_LABELS)} />
        <TextField id="cases-post-id" label="Officer's POST ID" value={postId} onValue={setPostId} error={errors.postId} />
        <Checkbox id="cases-interim-overdue" label="Only cases whose interim-suspension hearing is overdue" checked={overdueOnly} onChecked={setOverdueOnly} />
        <Submit busy={loading} busyText="Loading…" secondary>
          Show cases
        </Submit>
      </form>
      <ProblemSummary error={error} fieldIds={{ postId: 'cases-post-id' }} />
      {items.length ? (
        <table class="usa-table usa-table--stacked usa-table--borderless width-full" data-testid="cases">
          <caption class="usa-sr-only">Cases, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Case</th>
              <th scope="col">Officer</th>
              <th scope="col">Status</th>
              <th scope="col">Opened</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id} data-case-id={item.id}>
                <th scope="row" data-label="Case">
                  <Link href={`/commission/cases/${item.id}`} class="usa-link">
                    Case {item.caseNumber}
                  </Link>
                </th>
                <td data-label="Officer">
                  {item.officerName} ({item.postId})
                </td>
                <td data-label="Status">
                  <CaseStatusBadge status={item.status} />
                  {item.interimHearingOverdue ? (
                    <strong class="overdue-flag display-block">
                      <span aria-hidden="true">⚠ </span>Interim hearing overdue
                    </strong>
                  ) : null}
                </td>
                <td data-label="Opened">{formatInstant(item.openedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : !loading && !error ? (
        <p>No cases match.</p>
      ) : null}
      {loading ? <Loading what="cases" /> : null}
      {cursor && !loading ? (
        <button type="button" class="usa-button usa-button--outline" onClick={() => void load(cursor)}>
          Show older cases
        </button>
      ) : null}
    </Page>
  );
}

const EMPTY = { postId: '', summary: '', reportIds: '' };
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** POST /cases (investigator): an officer, the grounds from GET /grounds, a summary, the reports it rests on. */
export function OpenCaseScreen() {
  const [, navigate] = useLocation();
  const { grounds, error: groundsError } = useGrounds();
  const [form, setForm] = useState(EMPTY);
  const [chosen, setChosen] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const salt = useMemo(newFormSalt, []);
  const errors = fieldErrors(error);
  const set = (field: keyof typeof EMPTY) => (value: string) => setForm({ ...form, [field]: value });

  const submit = async () => {
    setBusy(true);
    setError(undefined);
    const reportIds = form.reportIds.match(UUID) ?? [];
    const body = { postId: form.postId.trim().toUpperCase(), grounds: chosen, summary: form.summary, ...(reportIds.length ? { reportIds } : {}) };
    try {
      const opened = await ask(api.POST('/api/v1/cases', { params: { header: { 'Idempotency-Key': await idempotencyKey(salt, body) } }, body }));
      navigate(`/commission/cases/${opened.id}`);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const groundOptions = (mandatory: boolean): [string, string][] =>
    (grounds ?? []).filter((ground) => ground.mandatory === mandatory).map((ground) => [ground.code, `${ground.description} (${ground.citation})`]);
  return (
    <Page
      title="Open a case"
      intro="A case against an officer's certification, on one or more grounds. The officer is then owed notice and a chance to respond."
    >
      <form class="usa-form usa-form--large" onSubmit={submitWith(submit)} noValidate>
        <ProblemSummary error={groundsError} heading="The grounds could not be read" />
        <RefusalSummary error={error} fieldIds={{ postId: 'open-case-post-id', grounds: 'open-case-grounds-m', summary: 'open-case-summary' }} />
        <TextField id="open-case-post-id" label="Officer's POST ID" required value={form.postId} onValue={set('postId')} error={errors.postId} />
        {grounds ? (
          <>
            <CheckboxGroup
              id="open-case-grounds-m"
              legend="Mandatory grounds (c. 6E §10(a): a sustained one requires revocation)"
              options={groundOptions(true)}
              values={chosen}
              onValues={setChosen}
              error={errors.grounds}
            />
            <CheckboxGroup id="open-case-grounds-d" legend="Discretionary grounds" options={groundOptions(false)} values={chosen} onValues={setChosen} />
          </>
        ) : (
          <Loading what="the grounds" />
        )}
        <TextArea id="open-case-summary" label="Summary" required maxLength={10000} value={form.summary} onValue={set('summary')} error={errors.summary} />
        <TextArea
          id="open-case-reports"
          label="Misconduct reports the case rests on"
          hint="Their ids, one per line (from the late-report items of the work queue or the API)."
          value={form.reportIds}
          onValue={set('reportIds')}
          error={errors.reportIds}
        />
        <Submit busy={busy} busyText="Opening…">
          Open the case
        </Submit>
      </form>
    </Page>
  );
}
