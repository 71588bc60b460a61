import { useState } from 'preact/hooks';
import type { components } from '../../../../../client';
import { StatusBadge } from '../../ui/bits';
import { formatDate, humanize, matchReasonWords, notHireableWords, warningWords } from '../../words';
import { RecordHire } from './record-hire';

export type HiringMatch = components['schemas']['HiringMatchResponse'];

/** One officer a check found: who, how sure, may they be hired, what to read first, where they served. */
export function MatchCard({ match, checkId, checkedAt, index }: { match: HiringMatch; checkId: string; checkedAt: string; index: number }) {
  const [hiring, setHiring] = useState(false);
  const headingId = `match-${index}-name`;
  const score = Math.round(match.matchScore * 100);
  return (
    <li class="usa-card match-card" data-post-id={match.postId} aria-labelledby={headingId}>
      <div class="usa-card__container">
        <div class="usa-card__header">
          <h3 class="usa-card__heading" id={headingId}>
            {match.name} <span class="match-card__post-id">{match.postId}</span>
          </h3>
          <StatusBadge status={match.certificationStatus} />
        </div>
        <div class="usa-card__body">
          <p class="match-card__score">
            <strong>Match {score}%</strong>
            {match.matchReasons.length ? `: ${match.matchReasons.map(matchReasonWords).join('; ')}` : ''}
            {match.matchedName ? (
              <>
                {' '}
                (matched the name on record “{match.matchedName.firstName} {match.matchedName.lastName}”)
              </>
            ) : null}
          </p>
          {match.hireable ? (
            <div class="verdict verdict--good" data-hireable="true">
              <strong>May be hired:</strong> certified, term running.
            </div>
          ) : (
            <div class="verdict verdict--stop" data-hireable="false">
              <strong>May not be hired.</strong>
              <ul class="usa-list">
                {match.reasons.map((reason) => (
                  <li key={reason.code}>{notHireableWords(reason)}</li>
                ))}
              </ul>
            </div>
          )}
          {match.warnings.length ? (
            <div class="verdict verdict--warn">
              <strong>Read before hiring:</strong>
              <ul class="usa-list">
                {match.warnings.map((warning, i) => (
                  <li key={i}>{warningWords(warning)}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <h4 class="margin-bottom-05">Employment history</h4>
          {match.employmentHistory.length ? (
            <table class="usa-table usa-table--borderless usa-table--stacked usa-table--compact employment-table">
              <caption class="usa-sr-only">Employment history of {match.name}, oldest first</caption>
              <thead>
                <tr>
                  <th scope="col">Agency</th>
                  <th scope="col">From</th>
                  <th scope="col">To</th>
                  <th scope="col">How it ended</th>
                </tr>
              </thead>
              <tbody>
                {match.employmentHistory.map((employment, i) => (
                  <tr key={i}>
                    <th scope="row" data-label="Agency">
                      {employment.agency}
                    </th>
                    <td data-label="From">{formatDate(employment.startDate)}</td>
                    <td data-label="To">{employment.endDate ? formatDate(employment.endDate) : 'Still employed'}</td>
                    <td data-label="How it ended">{employment.separationNature ? humanize(employment.separationNature) : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p>No employment on record.</p>
          )}
        </div>
        <div class="usa-card__footer">
          {hiring ? (
            <RecordHire match={match} checkId={checkId} checkedAt={checkedAt} onCancel={() => setHiring(false)} />
          ) : (
            <button type="button" class="usa-button usa-button--outline" onClick={() => setHiring(true)} aria-describedby={headingId}>
              Record the hire
            </button>
          )}
        </div>
      </div>
    </li>
  );
}
