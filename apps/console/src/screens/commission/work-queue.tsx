import { useEffect, useState } from 'preact/hooks';
import { Link } from 'wouter-preact';
import type { components } from '../../../../../client';
import { api, ask } from '../../api';
import { Loading, Page } from '../../ui/bits';
import { ProblemSummary } from '../../ui/form';
import { formatDate } from '../../words';
import { dueWords, localToday, workItemLabel } from './case-words';

type WorkItem = components['schemas']['WorkItemResponse'];
const PAGE_SIZE = 50;

/** Where an item's subject is read: a case on its page, an officer's record on the officer's page; a webhook has no screen here. */
export function subjectLink(item: WorkItem): { href: string; text: string } | undefined {
  const { subject } = item;
  if (subject.type === 'case') return { href: `/commission/cases/${subject.id}`, text: 'Open the case' };
  if (subject.postId) return { href: `/commission/officers/${subject.postId}`, text: `Officer ${subject.postId}` };
  return undefined;
}

/**
 * The commission's work queue (GET /work-queue): everything due, by due date, so what is overdue
 * comes first. Overdue is said in words and marked by an icon and a border, never by colour alone.
 */
export function WorkQueueScreen() {
  const [items, setItems] = useState<WorkItem[]>([]);
  const [cursor, setCursor] = useState<string | null>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();
  const today = localToday();

  const load = async (after?: string) => {
    setLoading(true);
    setError(undefined);
    try {
      const page = await ask(api.GET('/api/v1/work-queue', { params: { query: { limit: PAGE_SIZE, cursor: after } } }));
      setItems((previous) => (after ? [...previous, ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (failure) {
      setError(failure);
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => void load(), []);

  const overdue = items.filter((item) => item.overdue).length;
  return (
    <Page title="Work queue" intro="What is due across every agency, soonest first: overdue items lead the list.">
      <ProblemSummary error={error} />
      {items.length ? (
        <>
          <p data-testid="work-queue-summary">
            {items.length} {items.length === 1 ? 'item' : 'items'}
            {cursor ? ' shown' : ''}
            {overdue ? `, ${overdue} overdue` : ', none overdue'}.
          </p>
          <table class="usa-table usa-table--stacked usa-table--borderless width-full work-queue" data-testid="work-queue">
            <caption class="usa-sr-only">Work queue, by due date, overdue first</caption>
            <thead>
              <tr>
                <th scope="col">Due</th>
                <th scope="col">What</th>
                <th scope="col">Details</th>
                <th scope="col">Subject</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item, index) => {
                const link = subjectLink(item);
                return (
                  <tr
                    key={`${item.kind}/${item.reason}/${item.subject.id}/${index}`}
                    class={item.overdue ? 'work-item work-item--overdue' : 'work-item'}
                    data-kind={item.kind}
                    data-reason={item.reason}
                    data-overdue={item.overdue ? 'true' : 'false'}
                    data-subject-id={item.subject.id}
                  >
                    <th scope="row" data-label="Due">
                      {formatDate(item.dueOn)}
                      <br />
                      {item.overdue ? (
                        <strong class="overdue-flag">
                          <span aria-hidden="true">⚠ </span>
                          {dueWords(item.dueOn, today, true)}
                        </strong>
                      ) : (
                        <span class="text-base">{dueWords(item.dueOn, today, false)}</span>
                      )}
                    </th>
                    <td data-label="What">{workItemLabel(item.kind, item.reason)}</td>
                    <td data-label="Details">{item.summary}</td>
                    <td data-label="Subject">
                      {link ? (
                        <Link href={link.href} class="usa-link">
                          {link.text}
                        </Link>
                      ) : (
                        'No screen yet: see the API'
                      )}
                      {item.subject.type === 'case' && item.subject.postId ? (
                        <>
                          <br />
                          <Link href={`/commission/officers/${item.subject.postId}`} class="usa-link">
                            Officer {item.subject.postId}
                          </Link>
                        </>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      ) : !loading && !error ? (
        <p>Nothing is due: the queue is empty.</p>
      ) : null}
      {loading ? <Loading what="the work queue" /> : null}
      {cursor && !loading ? (
        <button type="button" class="usa-button usa-button--outline" onClick={() => void load(cursor)}>
          Show later items
        </button>
      ) : null}
    </Page>
  );
}
