import { useEffect, useState } from 'preact/hooks';
import type { components } from '../../../../../client';
import { api, ask } from '../../api';
import { fieldErrors } from '../../problem';
import { Loading, Page } from '../../ui/bits';
import { ProblemSummary, Submit, TextField, submitWith } from '../../ui/form';
import { formatDate, formatInstant, humanize } from '../../words';

type Training = components['schemas']['OfficerTrainingItem'];
const PAGE_SIZE = 100;

/**
 * The completions the caller academy recorded (GET /training-completions), newest first, a page
 * at a time ("Show more" follows `nextCursor`); a POST ID narrows the list to one officer.
 */
export function CompletionsScreen() {
  const [postId, setPostId] = useState('');
  const [filter, setFilter] = useState('');
  const [items, setItems] = useState<Training[]>();
  const [cursor, setCursor] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const errors = fieldErrors(error);

  const load = async (officer: string, from?: string) => {
    setBusy(true);
    setError(undefined);
    try {
      const page = await ask(api.GET('/api/v1/training-completions', { params: { query: { limit: PAGE_SIZE, cursor: from, postId: officer || undefined } } }));
      setItems((before) => [...(from ? (before ?? []) : []), ...page.items]);
      setCursor(page.nextCursor);
      setFilter(officer);
    } catch (failure) {
      if (!from) setItems(undefined);
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    void load('');
  }, []);

  const look = () => load(postId.trim().toUpperCase());
  const clear = () => {
    setPostId('');
    void load('');
  };

  return (
    <Page title="Completions" intro="The training completions your academy recorded, newest first, with the academy's reference for each.">
      <form class="usa-form" onSubmit={submitWith(look)} noValidate>
        <ProblemSummary error={error} fieldIds={{ postId: 'completions-post-id' }} />
        <TextField
          id="completions-post-id"
          label="Only one officer's, by POST ID"
          hint="For example, MA-000042. Leave it empty for all."
          value={postId}
          onValue={setPostId}
          error={errors.postId}
        />
        <Submit busy={busy} busyText="Looking up…">
          Show completions
        </Submit>
        {filter ? (
          <button type="button" class="usa-button usa-button--unstyled margin-left-2" onClick={clear}>
            Show all officers
          </button>
        ) : null}
      </form>
      {items ? (
        items.length ? (
          <>
            <table class="usa-table usa-table--stacked usa-table--borderless width-full margin-top-3" data-testid="completions">
              <caption>{filter ? `Completions of ${filter}, newest first` : 'Your academy’s completions, newest first'}</caption>
              <thead>
                <tr>
                  <th scope="col">Officer</th>
                  <th scope="col">Course</th>
                  <th scope="col">Completed</th>
                  <th scope="col">Hours</th>
                  <th scope="col">Result</th>
                  <th scope="col">Reference</th>
                  <th scope="col">Recorded</th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <tr key={item.id}>
                    <td data-label="Officer">{item.postId}</td>
                    <th scope="row" data-label="Course">
                      {item.courseTitle} ({item.courseCode}, {humanize(item.courseKind).toLowerCase()})
                    </th>
                    <td data-label="Completed">{formatDate(item.completedOn)}</td>
                    <td data-label="Hours">{item.hours}</td>
                    <td data-label="Result">
                      {item.result === 'pass' ? 'Passed' : 'Failed'}
                      {item.voided ? ` (voided${item.voidReason ? `: ${item.voidReason}` : ''})` : ''}
                    </td>
                    <td data-label="Reference">{item.externalRef}</td>
                    <td data-label="Recorded">{formatInstant(item.recordedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p>
              {items.length} shown{cursor ? ', more on record' : ''}.
            </p>
            {cursor ? (
              <button type="button" class="usa-button usa-button--outline" disabled={busy} onClick={() => void load(filter, cursor)}>
                {busy ? 'Loading…' : 'Show more'}
              </button>
            ) : null}
          </>
        ) : (
          <p class="margin-top-3">{filter ? `No completions recorded by your academy for ${filter}.` : 'Your academy has recorded no completions yet.'}</p>
        )
      ) : error ? null : (
        <Loading what="your completions" />
      )}
    </Page>
  );
}
