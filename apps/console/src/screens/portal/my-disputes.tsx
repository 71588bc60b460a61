import { useEffect, useState } from 'preact/hooks';
import { Link } from 'wouter-preact';
import { api, ask } from '../../api';
import { Loading, Page } from '../../ui/bits';
import { ProblemSummary } from '../../ui/form';
import { formatInstant } from '../../words';
import type { Dispute } from './own-record';
import { disputeOutcomeWords, disputeSubjectWords } from './portal-words';

/** The officer's disputes (GET /me/disputes, newest first, 50 a page): status, and the outcome and reason once resolved. */
export function MyDisputesScreen() {
  const [items, setItems] = useState<Dispute[]>();
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const load = async (from?: string) => {
    setBusy(true);
    setError(undefined);
    try {
      const page = await ask(api.GET('/api/v1/me/disputes', { params: { query: { limit: 50, cursor: from } } }));
      setItems((before) => [...(from ? (before ?? []) : []), ...page.items]);
      setCursor(page.nextCursor);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    void load();
  }, []);

  return (
    <Page
      title="My disputes"
      intro={
        <>
          What you disputed and what the commission decided. To dispute a part of your record, use “Dispute this” beside it in{' '}
          <Link href="/portal/record" class="usa-link">
            My record
          </Link>
          .
        </>
      }
    >
      <ProblemSummary error={error} />
      {items ? (
        items.length ? (
          <>
            <table class="usa-table usa-table--stacked usa-table--borderless width-full" data-testid="disputes">
              <caption class="usa-sr-only">Your disputes, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">What</th>
                  <th scope="col">Opened</th>
                  <th scope="col">Your statement</th>
                  <th scope="col">Status</th>
                  <th scope="col">Outcome and reason</th>
                </tr>
              </thead>
              <tbody>
                {items.map((d) => (
                  <tr key={d.id} data-dispute-id={d.id}>
                    <th scope="row" data-label="What">
                      {disputeSubjectWords(d.subject.type)}
                    </th>
                    <td data-label="Opened">{formatInstant(d.openedAt)}</td>
                    <td data-label="Your statement" class="portal-statement">
                      {d.statement}
                    </td>
                    <td data-label="Status">
                      {d.status === 'open' ? (
                        <span class="usa-tag portal-tag--disputed">Open</span>
                      ) : (
                        <span class="usa-tag portal-tag--resolved">Resolved</span>
                      )}
                    </td>
                    <td data-label="Outcome and reason">
                      {d.outcome ? (
                        <>
                          <strong>{disputeOutcomeWords(d.outcome)}</strong>
                          {d.resolvedAt ? ` (${formatInstant(d.resolvedAt)})` : ''}
                          {d.reason ? <span class="display-block">{d.reason}</span> : null}
                        </>
                      ) : (
                        'Awaiting the commission'
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {cursor ? (
              <button type="button" class="usa-button usa-button--outline" disabled={busy} onClick={() => void load(cursor)}>
                {busy ? 'Loading…' : 'Show older disputes'}
              </button>
            ) : null}
          </>
        ) : (
          <p>You have not disputed anything.</p>
        )
      ) : error ? null : (
        <Loading what="your disputes" />
      )}
    </Page>
  );
}
