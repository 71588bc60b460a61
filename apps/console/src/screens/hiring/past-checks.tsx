import { useEffect, useState } from 'preact/hooks';
import { Link, useRoute } from 'wouter-preact';
import type { components } from '../../../../../client';
import { api, ask } from '../../api';
import { Loading, Page, StatusBadge } from '../../ui/bits';
import { ProblemSummary } from '../../ui/form';
import { formatInstant } from '../../words';
import { MatchCard } from './match-card';

type Summary = components['schemas']['HiringCheckSummaryResponse'];
type Detail = components['schemas']['HiringCheckDetailResponse'];

/** The agency's own checks, newest first; one opens with its cards, to record a hire from it. */
export function PastChecksScreen() {
  const [, params] = useRoute<{ id: string }>('/hiring/checks/:id');
  return params ? <CheckDetail id={params.id} /> : <CheckList />;
}

const queryWords = (query: Summary['query']) => (query.postId ? query.postId : [query.firstName, query.lastName].filter(Boolean).join(' '));

function CheckList() {
  const [items, setItems] = useState<Summary[]>([]);
  const [cursor, setCursor] = useState<string | null>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();

  const load = async (after?: string) => {
    setLoading(true);
    try {
      const page = await ask(api.GET('/api/v1/hiring-checks', { params: { query: { limit: 25, cursor: after } } }));
      setItems((previous) => (after ? [...previous, ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (failure) {
      setError(failure);
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => void load(), []);

  return (
    <Page
      title="Past checks"
      intro="Your agency's hiring checks, newest first. Open one to read its answer again or to record a hire from it (within 30 days)."
    >
      <ProblemSummary error={error} />
      {items.length ? (
        <table class="usa-table usa-table--stacked usa-table--borderless width-full">
          <caption class="usa-sr-only">Hiring checks of your agency</caption>
          <thead>
            <tr>
              <th scope="col">Checked</th>
              <th scope="col">Searched for</th>
              <th scope="col">Found</th>
            </tr>
          </thead>
          <tbody>
            {items.map((check) => (
              <tr key={check.id}>
                <th scope="row" data-label="Checked">
                  <Link href={`/hiring/checks/${check.id}`} class="usa-link">
                    {formatInstant(check.checkedAt)}
                  </Link>
                </th>
                <td data-label="Searched for">{queryWords(check.query)}</td>
                <td data-label="Found">
                  {check.matches.length ? (
                    <ul class="usa-list usa-list--unstyled">
                      {check.matches.map((match) => (
                        <li key={match.postId}>
                          {match.name} ({match.postId}) <StatusBadge status={match.certificationStatus} />
                        </li>
                      ))}
                    </ul>
                  ) : (
                    'Nobody'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : !loading && !error ? (
        <p>No checks yet.</p>
      ) : null}
      {loading ? <Loading what="checks" /> : null}
      {cursor && !loading ? (
        <button type="button" class="usa-button usa-button--outline" onClick={() => void load(cursor)}>
          Show older checks
        </button>
      ) : null}
    </Page>
  );
}

function CheckDetail({ id }: { id: string }) {
  const [check, setCheck] = useState<Detail>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    ask(api.GET('/api/v1/hiring-checks/{id}', { params: { path: { id } } }))
      .then(setCheck)
      .catch(setError);
  }, [id]);
  return (
    <Page title={check ? `Check of ${queryWords(check.query)}` : 'Hiring check'}>
      <p>
        <Link href="/hiring/checks" class="usa-link">
          Back to past checks
        </Link>
      </p>
      <ProblemSummary error={error} />
      {check ? (
        <>
          <p class="text-base">Checked {formatInstant(check.checkedAt)}.</p>
          {check.matches.length ? (
            <ul class="usa-card-group match-list">
              {check.matches.map((match, index) => (
                <MatchCard key={match.postId} match={match} checkId={check.id} checkedAt={check.checkedAt} index={index} />
              ))}
            </ul>
          ) : (
            <p>This check found nobody.</p>
          )}
        </>
      ) : error ? null : (
        <Loading what="the check" />
      )}
    </Page>
  );
}
