import { useState } from 'preact/hooks';
import type { components } from '../../../../../client';
import { api, ask } from '../../api';
import { fieldErrors } from '../../problem';
import { Alert, Page } from '../../ui/bits';
import { ProblemSummary, Submit, TextField, submitWith } from '../../ui/form';
import { formatDate, formatInstant, humanize } from '../../words';

type Training = components['schemas']['OfficerTrainingItem'];

/**
 * Completions recorded for an officer (GET /officers/:postId/training). The API has no list of
 * one academy's completions across officers yet, so the screen looks them up by officer.
 */
export function CompletionsScreen() {
  const [postId, setPostId] = useState('');
  const [items, setItems] = useState<Training[]>();
  const [shownFor, setShownFor] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const errors = fieldErrors(error);

  const look = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const id = postId.trim().toUpperCase();
      const page = await ask(api.GET('/api/v1/officers/{postId}/training', { params: { path: { postId: id }, query: { limit: 500 } } }));
      setItems(page.items);
      setShownFor(id);
    } catch (failure) {
      setItems(undefined);
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title="Completions" intro="The training completions on an officer's record, with the academy's reference for each.">
      <Alert type="info" slim>
        The registry does not list all of an academy's completions at once yet: look them up by officer.
      </Alert>
      <form class="usa-form" onSubmit={submitWith(look)} noValidate>
        <ProblemSummary error={error} fieldIds={{ postId: 'completions-post-id' }} />
        <TextField id="completions-post-id" label="POST ID" hint="For example, MA-000042." required value={postId} onValue={setPostId} error={errors.postId} />
        <Submit busy={busy} busyText="Looking up…">
          Show completions
        </Submit>
      </form>
      {items ? (
        items.length ? (
          <table class="usa-table usa-table--stacked usa-table--borderless width-full margin-top-3">
            <caption>Completions of {shownFor}</caption>
            <thead>
              <tr>
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
                  <th scope="row" data-label="Course">
                    {item.courseTitle} ({item.courseCode}, {humanize(item.courseKind).toLowerCase()})
                  </th>
                  <td data-label="Completed">{formatDate(item.completedOn)}</td>
                  <td data-label="Hours">{item.hours}</td>
                  <td data-label="Result">{item.result === 'pass' ? 'Passed' : 'Failed'}</td>
                  <td data-label="Reference">{item.externalRef}</td>
                  <td data-label="Recorded">{formatInstant(item.recordedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p class="margin-top-3">No completions on record for {shownFor}.</p>
        )
      ) : null}
    </Page>
  );
}
