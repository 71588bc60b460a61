import { useEffect, useState } from 'preact/hooks';
import type { components } from '../../../../../client';
import { api, ask, download } from '../../api';
import { chunkCsv, COMPLETION_COLUMNS, completionTemplate, toCsv, type CsvChunk } from '../../csv';
import { Alert, Page } from '../../ui/bits';
import { ProblemSummary, Submit, submitWith } from '../../ui/form';
import { plural } from '../../words';

type Course = components['schemas']['CourseResponse'];
interface Rejected {
  row: number;
  externalRef: string | null;
  reason: string;
}
interface Outcome {
  accepted: number;
  unchanged: number;
  rejected: Rejected[];
}

/**
 * A file is sent in chunks of this many rows, each a batch of its own: the bar moves as each is
 * stored, and a file larger than one batch (10,000 rows) still goes. Every row carries its
 * `externalRef`, so sending a file again stores nothing twice.
 */
const CHUNK_ROWS = 500;

/** Upload training completions as CSV (POST /training-completions/batch, text/csv). */
export function UploadCompletionsScreen() {
  const [file, setFile] = useState<File>();
  const [progress, setProgress] = useState<{ done: number; total: number }>();
  const [outcome, setOutcome] = useState<Outcome>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [courses, setCourses] = useState<Course[]>([]);

  useEffect(() => {
    ask(api.GET('/api/v1/courses', { params: { query: { limit: 500 } } }))
      .then((page) => setCourses(page.items))
      .catch(() => setCourses([]));
  }, []);

  const upload = async () => {
    if (!file) {
      setError(new Error('Choose a CSV file first.'));
      return;
    }
    setBusy(true);
    setError(undefined);
    setOutcome(undefined);
    const text = await file.text();
    const chunks: CsvChunk[] = chunkCsv(text, CHUNK_ROWS) ?? [{ text, offset: 0, rows: 0 }];
    const total = chunks.reduce((sum, chunk) => sum + chunk.rows, 0);
    const result: Outcome = { accepted: 0, unchanged: 0, rejected: [] };
    setProgress({ done: 0, total });
    try {
      for (const chunk of chunks) {
        const answer = await ask(
          api.POST('/api/v1/training-completions/batch', {
            body: chunk.text,
            headers: { 'Content-Type': 'text/csv' },
            bodySerializer: (body: unknown) => body as string,
          }),
        );
        result.accepted += answer.accepted;
        result.unchanged += answer.unchanged;
        for (const row of answer.rejected)
          result.rejected.push({
            row: chunk.offset + row.row,
            externalRef: row.externalRef,
            reason: row.errors.map((e) => `${e.field}: ${e.message}`).join('; '),
          });
        setProgress({ done: chunk.offset + chunk.rows, total });
        setOutcome({ ...result, rejected: [...result.rejected] });
      }
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const percent = progress && progress.total ? Math.round((progress.done / progress.total) * 100) : 0;
  return (
    <Page
      title="Upload completions"
      intro="Send the academy's training completions as a CSV file. Valid rows are stored; each rejected row is listed with the reason."
    >
      <p>
        <button type="button" class="usa-button usa-button--outline" onClick={() => download('training-completions-template.csv', completionTemplate())}>
          Download the CSV template
        </button>
      </p>
      <details class="margin-bottom-2">
        <summary>What goes in each column</summary>
        <ul class="usa-list">
          <li>
            <code>postId</code>: the officer's POST ID, such as MA-000042.
          </li>
          <li>
            <code>courseCode</code>: a course code{courses.length ? `: ${courses.map((course) => course.code).join(', ')}` : ''}.
          </li>
          <li>
            <code>completedOn</code>: the day completed, YYYY-MM-DD, not after today.
          </li>
          <li>
            <code>hours</code>: hours completed, more than 0, at most 2,000.
          </li>
          <li>
            <code>result</code>: <code>pass</code> or <code>fail</code>.
          </li>
          <li>
            <code>externalRef</code>: your own reference for the row; sending the same row again changes nothing.
          </li>
        </ul>
        <p>The first row names the columns: {COMPLETION_COLUMNS.join(',')}.</p>
      </details>
      <form class="usa-form" onSubmit={submitWith(upload)} noValidate>
        <ProblemSummary error={error} fieldIds={{}} />
        <div class="usa-form-group">
          <label class="usa-label" for="completions-file">
            CSV file
          </label>
          <span class="usa-hint" id="completions-file-hint">
            UTF-8, comma-separated, with the header row.
          </span>
          <input
            class="console-file-input"
            id="completions-file"
            name="completions-file"
            type="file"
            accept=".csv,text/csv"
            aria-describedby="completions-file-hint"
            onChange={(event) => setFile(event.currentTarget.files?.[0])}
          />
        </div>
        <Submit busy={busy} busyText="Uploading…">
          Upload
        </Submit>
      </form>
      {progress ? (
        <div class="margin-top-3">
          <label for="upload-progress" class="usa-label">
            {busy ? 'Uploading' : 'Uploaded'}: {progress.done.toLocaleString('en-US')} of {progress.total.toLocaleString('en-US')} rows
          </label>
          <progress id="upload-progress" class="progress" max={progress.total || 1} value={progress.done} aria-valuetext={`${percent}%`}>
            {percent}%
          </progress>
        </div>
      ) : null}
      {outcome && !busy ? <UploadOutcome outcome={outcome} /> : null}
    </Page>
  );
}

function UploadOutcome({ outcome }: { outcome: Outcome }) {
  const rejected = outcome.rejected;
  return (
    <section aria-labelledby="upload-outcome" class="margin-top-3">
      <h2 id="upload-outcome">Result</h2>
      <Alert type={rejected.length ? 'warning' : 'success'} slim>
        <span data-testid="upload-summary">
          {plural(outcome.accepted, 'row')} stored, {plural(outcome.unchanged, 'row')} already recorded, {plural(rejected.length, 'row')} rejected.
        </span>
      </Alert>
      {rejected.length ? (
        <>
          <table class="usa-table usa-table--stacked usa-table--borderless width-full" data-testid="rejected-rows">
            <caption>Rejected rows (row 1 is the first row after the header)</caption>
            <thead>
              <tr>
                <th scope="col">Row</th>
                <th scope="col">Reference</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {rejected.map((row) => (
                <tr key={row.row}>
                  <th scope="row" data-label="Row">
                    {row.row}
                  </th>
                  <td data-label="Reference">{row.externalRef ?? ''}</td>
                  <td data-label="Reason">{row.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <button
            type="button"
            class="usa-button usa-button--outline"
            onClick={() =>
              download('rejected-rows.csv', toCsv([['row', 'externalRef', 'reason'], ...rejected.map((row) => [row.row, row.externalRef, row.reason])]))
            }
          >
            Download the rejected rows (CSV)
          </button>
        </>
      ) : null}
    </section>
  );
}
