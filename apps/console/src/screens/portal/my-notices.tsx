import { Loading, Page } from '../../ui/bits';
import { ProblemSummary } from '../../ui/form';
import { formatDate, formatInstant, humanize } from '../../words';
import { useOwnRecord } from './own-record';
import { noticeKindWords, noticeStatusWords } from './portal-words';

/**
 * The notices the registry sent the officer (555 CMR 12.00: within 10 days of any submission
 * about them), newest first, from GET /me/record: what each is about and how it went.
 */
export function MyNoticesScreen() {
  const { record, error } = useOwnRecord();
  return (
    <Page title="My notices" intro="What the registry told you about submissions concerning you, newest first. Every notice is kept here, emailed or not.">
      <ProblemSummary error={error} />
      {record ? (
        record.notices.length ? (
          <table class="usa-table usa-table--stacked usa-table--borderless width-full" data-testid="notices">
            <caption class="usa-sr-only">Your notices, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Notice</th>
                <th scope="col">Date</th>
                <th scope="col">Due by</th>
                <th scope="col">Delivery</th>
              </tr>
            </thead>
            <tbody>
              {record.notices.map((n) => (
                <tr key={n.id}>
                  <th scope="row" data-label="Notice">
                    {noticeKindWords(n.kind)}
                    <span class="display-block text-base font-sans-3xs">About: {humanize(n.subject.type).toLowerCase()}</span>
                  </th>
                  <td data-label="Date">{formatInstant(n.createdAt)}</td>
                  <td data-label="Due by">{formatDate(n.dueBy)}</td>
                  <td data-label="Delivery">
                    {noticeStatusWords(n.status)}
                    {n.sentAt ? `, ${formatInstant(n.sentAt)}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>No notice yet.</p>
        )
      ) : error ? null : (
        <Loading what="your notices" />
      )}
    </Page>
  );
}
