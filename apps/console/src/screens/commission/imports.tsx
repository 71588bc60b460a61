import { useEffect, useState } from 'preact/hooks';
import { Link, useLocation, useRoute } from 'wouter-preact';
import type { components } from '../../../../../client';
import { api, ask, download } from '../../api';
import { Alert, Loading, Page } from '../../ui/bits';
import { Checkbox, ProblemSummary, SelectField, Submit, submitWith } from '../../ui/form';
import { formatInstant, plural } from '../../words';
import { LIST_PAGE, ShowMore, usePaged } from './record-bits';
import { IMPORT_KIND_FIELDS, IMPORT_KIND_LABELS, importFormatOf, importStatusLabel, isImportFinished, type ImportKind } from './import-words';

type Import = components['schemas']['ImportResponse'];
type Rejection = components['schemas']['ImportRejectionResponse'];
type Flag = components['schemas']['ImportFlagResponse'];

/** How often a running import is asked for its progress. */
const POLL_MS = 1_000;
const PAGE = 200;

/** The imports of a state's existing records (API.md "Imports"; commission_admin only): the list and upload, or one import. */
export function ImportsScreen() {
  const [, params] = useRoute<{ id?: string }>('/commission/imports/:id?');
  return params?.id ? <ImportScreen id={params.id} /> : <ImportListScreen />;
}

function ImportListScreen() {
  const list = usePaged(async (cursor) => ask(api.GET('/api/v1/imports', { params: { query: { limit: LIST_PAGE, cursor } } })), []);
  const { data: items, error } = list;
  return (
    <Page
      title="Imports"
      intro="Load the records of the system this registry replaces: officers, employments, certifications, training and final actions. Try a file as a dry run first: it checks every row and writes nothing."
    >
      <UploadForm />
      <section aria-labelledby="imports-heading" class="margin-top-4">
        <h2 id="imports-heading">Imports, newest first</h2>
        <ProblemSummary error={error} />
        {items ? (
          items.length ? (
            <>
              <table class="usa-table usa-table--stacked usa-table--borderless width-full" data-testid="imports">
                <caption class="usa-sr-only">Imports, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Started</th>
                    <th scope="col">Kind</th>
                    <th scope="col">Status</th>
                    <th scope="col" class="numeric">
                      Rows
                    </th>
                    <th scope="col" class="numeric">
                      Accepted
                    </th>
                    <th scope="col" class="numeric">
                      Unchanged
                    </th>
                    <th scope="col" class="numeric">
                      Rejected
                    </th>
                    <th scope="col" class="numeric">
                      Likely duplicates
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((item) => (
                    <tr key={item.id} data-import-id={item.id}>
                      <th scope="row" data-label="Started">
                        <Link href={`/commission/imports/${item.id}`}>{formatInstant(item.createdAt)}</Link>
                      </th>
                      <td data-label="Kind">
                        {IMPORT_KIND_LABELS[item.kind]}
                        {item.dryRun ? ' (dry run)' : ''}
                      </td>
                      <td data-label="Status">{importStatusLabel(item.status)}</td>
                      <td data-label="Rows" class="numeric">
                        {item.total.toLocaleString('en-US')}
                      </td>
                      <td data-label="Accepted" class="numeric">
                        {item.accepted.toLocaleString('en-US')}
                      </td>
                      <td data-label="Unchanged" class="numeric">
                        {item.unchanged.toLocaleString('en-US')}
                      </td>
                      <td data-label="Rejected" class="numeric">
                        {item.rejected.toLocaleString('en-US')}
                      </td>
                      <td data-label="Likely duplicates" class="numeric">
                        {item.flagged.toLocaleString('en-US')}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <ShowMore paged={list} what="imports" label="Show older imports" />
            </>
          ) : (
            <p>No import yet.</p>
          )
        ) : !error ? (
          <Loading what="the imports" />
        ) : null}
      </section>
    </Page>
  );
}

function UploadForm() {
  const [, navigate] = useLocation();
  const [kind, setKind] = useState('');
  const [dryRun, setDryRun] = useState(true);
  const [file, setFile] = useState<File>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const upload = async () => {
    setError(undefined);
    if (!kind) return setError(new Error('Choose what the file holds.'));
    if (!file) return setError(new Error('Choose a file.'));
    setBusy(true);
    try {
      // The file goes as it is, streamed by the browser: the registry reads it as it arrives.
      const started = await ask(
        api.POST('/api/v1/imports', {
          params: { query: { kind: kind as ImportKind, dryRun } },
          body: file as unknown as string,
          headers: { 'Content-Type': importFormatOf(file.name, file.type) === 'ndjson' ? 'application/x-ndjson' : 'text/csv' },
          bodySerializer: (body: unknown) => body as string,
        }),
      );
      navigate(`/commission/imports/${started.id}`);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const fields = kind ? IMPORT_KIND_FIELDS[kind as ImportKind] : undefined;
  return (
    <section aria-labelledby="upload-heading">
      <h2 id="upload-heading">Upload a file</h2>
      <form class="usa-form usa-form--large" onSubmit={submitWith(upload)} noValidate>
        <ProblemSummary error={error} fieldIds={{ kind: 'import-kind', dryRun: 'import-dry-run' }} />
        <SelectField id="import-kind" label="What the file holds" value={kind} onValue={setKind} required options={Object.entries(IMPORT_KIND_LABELS)} />
        {fields ? (
          <p class="usa-hint" data-testid="import-fields">
            Columns: {fields.required.join(', ')}
            {fields.optional.length ? `; optional: ${fields.optional.join(', ')}` : ''}.
          </p>
        ) : null}
        <div class="usa-form-group">
          <label class="usa-label" for="import-file">
            File
          </label>
          <span class="usa-hint" id="import-file-hint">
            CSV with a header row naming the columns (UTF-8), or NDJSON (one JSON object a line, a file ending in .ndjson or .jsonl). Up to 2,000,000 rows.
          </span>
          <input
            class="console-file-input"
            id="import-file"
            name="import-file"
            type="file"
            accept=".csv,text/csv,.ndjson,.jsonl,application/x-ndjson"
            aria-describedby="import-file-hint"
            onChange={(event) => setFile(event.currentTarget.files?.[0])}
          />
        </div>
        <Checkbox
          id="import-dry-run"
          label="Dry run"
          hint="Check every row and report, writing nothing. Clear it to load the records."
          checked={dryRun}
          onChecked={setDryRun}
        />
        <Submit busy={busy} busyText="Sending…">
          Upload
        </Submit>
      </form>
    </section>
  );
}

function ImportScreen({ id }: { id: string }) {
  const [item, setItem] = useState<Import>();
  const [error, setError] = useState<unknown>();
  const finished = item ? isImportFinished(item.status) : false;

  // Its progress, asked again every second until it is done.
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const answer = await ask(api.GET('/api/v1/imports/{id}', { params: { path: { id } } }));
        if (!live) return;
        setItem(answer);
        if (!isImportFinished(answer.status)) timer = setTimeout(() => void poll(), POLL_MS);
      } catch (failure) {
        if (live) setError(failure);
      }
    };
    void poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [id]);

  const title = item ? `Import of ${IMPORT_KIND_LABELS[item.kind].toLowerCase()}${item.dryRun ? ' (dry run)' : ''}` : 'Import';
  return (
    <Page title={title}>
      <p>
        <Link href="/commission/imports">All imports</Link>
      </p>
      <ProblemSummary error={error} />
      {item ? <Progress item={item} /> : !error ? <Loading what="the import" /> : null}
      {item && finished ? (
        <>
          <Rejections item={item} />
          {item.kind === 'officers' ? <Flags item={item} /> : null}
        </>
      ) : null}
    </Page>
  );
}

function Progress({ item }: { item: Import }) {
  const finished = isImportFinished(item.status);
  const percent = item.total ? Math.round((item.processed / item.total) * 100) : finished ? 100 : 0;
  return (
    <section aria-labelledby="progress-heading">
      <h2 id="progress-heading">Progress</h2>
      <p>
        Status:{' '}
        <strong data-testid="import-status" data-status={item.status}>
          {importStatusLabel(item.status)}
        </strong>
        {item.finishedAt ? ` on ${formatInstant(item.finishedAt)}` : item.startedAt ? `, started ${formatInstant(item.startedAt)}` : ''}
      </p>
      <label for="import-progress" class="usa-label" aria-live="polite">
        {item.processed.toLocaleString('en-US')} of {item.total.toLocaleString('en-US')} rows processed
      </label>
      <progress
        id="import-progress"
        class="progress"
        max={item.total || 1}
        value={item.total ? item.processed : finished ? 1 : 0}
        aria-valuetext={`${percent}%`}
      >
        {percent}%
      </progress>
      {finished ? (
        <Alert type={item.status === 'failed' ? 'error' : item.rejected || item.flagged ? 'warning' : 'success'} slim>
          <span data-testid="import-summary">
            {item.status === 'failed' ? 'The import stopped: no further rows were processed. ' : ''}
            {plural(item.accepted, 'row')} {item.dryRun ? 'would be stored' : 'stored'}, {plural(item.unchanged, 'row')} already recorded,{' '}
            {plural(item.rejected, 'row')} rejected, {plural(item.flagged, 'likely duplicate')}.
          </span>
        </Alert>
      ) : null}
    </section>
  );
}

/** A CSV the registry makes (the token goes with the request, so a plain link would not do), offered as a download. */
function CsvButton({
  path,
  id,
  filename,
  children,
}: {
  path: '/api/v1/imports/{id}/rejections.csv' | '/api/v1/imports/{id}/officers.csv';
  id: string;
  filename: string;
  children: string;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const fetchCsv = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const text = await ask(api.GET(path, { params: { path: { id } }, parseAs: 'text' }));
      download(filename, text);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <ProblemSummary error={error} />
      <button type="button" class="usa-button usa-button--outline" disabled={busy} onClick={() => void fetchCsv()}>
        {busy ? 'Preparing…' : children}
      </button>
    </>
  );
}

function Rejections({ item }: { item: Import }) {
  const [rows, setRows] = useState<Rejection[]>();
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  const load = async (after?: string) => {
    try {
      const page = await ask(api.GET('/api/v1/imports/{id}/rejections', { params: { path: { id: item.id }, query: { limit: PAGE, cursor: after } } }));
      setRows((before) => [...(after ? (before ?? []) : []), ...page.items]);
      setCursor(page.nextCursor);
    } catch (failure) {
      setError(failure);
    }
  };
  useEffect(() => {
    void load();
  }, [item.id]);
  return (
    <section aria-labelledby="rejections-heading" class="margin-top-4">
      <h2 id="rejections-heading">Rejected rows</h2>
      <ProblemSummary error={error} />
      {rows ? (
        rows.length ? (
          <>
            <table class="usa-table usa-table--stacked usa-table--borderless width-full" data-testid="import-rejections">
              <caption>Each reason a row was refused (row 1 is the first row after the header, or the first line of NDJSON)</caption>
              <thead>
                <tr>
                  <th scope="col">Row</th>
                  <th scope="col">Source id</th>
                  <th scope="col">Field</th>
                  <th scope="col">Reason</th>
                </tr>
              </thead>
              <tbody>
                {rows.flatMap((row) =>
                  row.errors.map((problem, index) => (
                    <tr key={`${row.row}-${index}`} data-row={row.row}>
                      <th scope="row" data-label="Row">
                        {row.row}
                      </th>
                      <td data-label="Source id">{row.sourceId ?? ''}</td>
                      <td data-label="Field">
                        <code>{problem.field}</code>
                      </td>
                      <td data-label="Reason">{problem.message}</td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
            {cursor ? (
              <button type="button" class="usa-button usa-button--unstyled margin-bottom-2" onClick={() => void load(cursor)}>
                Show more rejected rows
              </button>
            ) : null}
            <p>
              <CsvButton path="/api/v1/imports/{id}/rejections.csv" id={item.id} filename={`import-${item.id}-rejections.csv`}>
                Download the rejected rows (rejections.csv)
              </CsvButton>
            </p>
          </>
        ) : (
          <p data-testid="no-rejections">No row was rejected.</p>
        )
      ) : !error ? (
        <Loading what="the rejected rows" />
      ) : null}
    </section>
  );
}

function Flags({ item }: { item: Import }) {
  const [rows, setRows] = useState<Flag[]>();
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  const load = async (after?: string) => {
    try {
      const page = await ask(api.GET('/api/v1/imports/{id}/flags', { params: { path: { id: item.id }, query: { limit: PAGE, cursor: after } } }));
      setRows((before) => [...(after ? (before ?? []) : []), ...page.items]);
      setCursor(page.nextCursor);
    } catch (failure) {
      setError(failure);
    }
  };
  useEffect(() => {
    void load();
  }, [item.id]);
  return (
    <section aria-labelledby="flags-heading" class="margin-top-4">
      <h2 id="flags-heading">Likely duplicates</h2>
      <p>
        Officers {item.dryRun ? 'that would be' : 'were'} created although they look like someone already known (same date of birth, a similar name). Each waits
        in the work queue for someone to decide.
      </p>
      <ProblemSummary error={error} />
      {rows ? (
        rows.length ? (
          <>
            <table class="usa-table usa-table--stacked usa-table--borderless width-full" data-testid="import-flags">
              <caption class="usa-sr-only">Likely duplicates found while importing</caption>
              <thead>
                <tr>
                  <th scope="col">Row</th>
                  <th scope="col">Source id</th>
                  <th scope="col">Officer created</th>
                  <th scope="col">Looks like</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((flag) => (
                  <tr key={flag.row}>
                    <th scope="row" data-label="Row">
                      {flag.row}
                    </th>
                    <td data-label="Source id">{flag.sourceId ?? ''}</td>
                    <td data-label="Officer created">
                      {flag.postId ? <Link href={`/commission/officers/${flag.postId}`}>{flag.postId}</Link> : 'none (dry run)'}
                    </td>
                    <td data-label="Looks like">
                      <ul class="usa-list usa-list--unstyled">
                        {flag.candidates.map((candidate) => (
                          <li key={`${candidate.postId ?? ''}-${candidate.row ?? ''}`}>
                            {candidate.postId ? (
                              <Link href={`/commission/officers/${candidate.postId}`}>{candidate.postId}</Link>
                            ) : (
                              `row ${candidate.row ?? '?'} of this file`
                            )}{' '}
                            {candidate.name} (score {candidate.matchScore.toFixed(2)})
                          </li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {cursor ? (
              <button type="button" class="usa-button usa-button--unstyled margin-bottom-2" onClick={() => void load(cursor)}>
                Show more likely duplicates
              </button>
            ) : null}
          </>
        ) : (
          <p data-testid="no-flags">No likely duplicate.</p>
        )
      ) : !error ? (
        <Loading what="the likely duplicates" />
      ) : null}
      {!item.dryRun ? (
        <p>
          <CsvButton path="/api/v1/imports/{id}/officers.csv" id={item.id} filename={`import-${item.id}-officers.csv`}>
            Download the officers' POST IDs (officers.csv)
          </CsvButton>
        </p>
      ) : null}
    </section>
  );
}
