import type { ChartConfiguration } from 'chart.js';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { Link } from 'wouter-preact';
import type { components } from '../../../../../client';
import { api, ask } from '../../api';
import { Loading, Page } from '../../ui/bits';
import { ProblemSummary, Submit, submitWith, TextField } from '../../ui/form';
import { formatDate } from '../../words';
import { ChartCanvas, ChartFigure, PALETTE } from './chart';
import { caseRows, certificationRows, medianWords, monthLabel, notHireableShare, SANCTION_LABELS, SANCTIONS, shareWords, total } from './dashboard-figures';

type Overview = components['schemas']['StatsOverviewResponse'];

const SANCTION_COLOURS = { revoke: PALETTE.red, suspend: PALETTE.orange, retrain: PALETTE.blue, reprimand: PALETTE.gold, no_action: PALETTE.gray };

/**
 * The commission's dashboard (GET /stats/overview): the case pipeline, decisions per month by
 * sanction, the median time from report to final decision, certifications by status, hiring
 * checks per month with the share that found an officer who may not be hired, and the
 * officers who left two or more agencies while under investigation. Each chart has its table.
 */
export function DashboardScreen() {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [range, setRange] = useState<{ from?: string; to?: string }>({});
  const [overview, setOverview] = useState<Overview>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    setBusy(true);
    setError(undefined);
    ask(api.GET('/api/v1/stats/overview', { params: { query: { from: range.from, to: range.to } } }))
      .then((answer) => {
        if (!live) return;
        setOverview(answer);
        // The range the figures cover (the registry's default: the last twelve months).
        setFrom(answer.from);
        setTo(answer.to);
      })
      .catch((failure: unknown) => live && setError(failure))
      .finally(() => live && setBusy(false));
    return () => {
      live = false;
    };
  }, [range]);

  const apply = () => {
    setRange({ from: from || undefined, to: to || undefined });
    return Promise.resolve();
  };

  return (
    <Page title="Dashboard" intro="The registry's figures: cases, decisions, certifications, hiring checks, and officers who moved while under investigation.">
      <form class="usa-form usa-form--large dashboard-range" onSubmit={submitWith(apply)} noValidate aria-label="Date range">
        <TextField id="range-from" label="From" type="date" value={from} onValue={setFrom} required hint="First day counted" />
        <TextField id="range-to" label="To" type="date" value={to} onValue={setTo} required hint="Last day counted" />
        <Submit busy={busy} busyText="Loading…">
          Show
        </Submit>
      </form>
      <ProblemSummary error={error} fieldIds={{ from: 'range-from', to: 'range-to' }} />
      {overview ? <Figures overview={overview} /> : !error ? <Loading what="the figures" /> : null}
    </Page>
  );
}

function Figures({ overview }: { overview: Overview }) {
  const cases = caseRows(overview.casesByStatus);
  const certifications = certificationRows(overview.certificationsByStatus);
  const checks = overview.hiringChecks.reduce((sum, month) => sum + month.checks, 0);
  const notHireable = overview.hiringChecks.reduce((sum, month) => sum + month.notHireable, 0);
  const rangeWords = `${formatDate(overview.from)} to ${formatDate(overview.to)}`;
  return (
    <>
      <p class="dashboard-range-words" data-testid="dashboard-range">
        Figures for {rangeWords}. Cases and certifications are counted as they stand today.
      </p>
      <ul class="dashboard-tiles" aria-label="Key figures">
        <li class="dashboard-tile">
          <span class="dashboard-tile__label">Median days from report to final decision</span>
          <span class="dashboard-tile__value" data-testid="median-days">
            {medianWords(overview.medianDaysReportToFinal)}
          </span>
        </li>
        <li class="dashboard-tile">
          <span class="dashboard-tile__label">Cases in the registry</span>
          <span class="dashboard-tile__value">{total(cases).toLocaleString('en-US')}</span>
        </li>
        <li class="dashboard-tile">
          <span class="dashboard-tile__label">Hiring checks in the range</span>
          <span class="dashboard-tile__value">{checks.toLocaleString('en-US')}</span>
        </li>
        <li class="dashboard-tile">
          <span class="dashboard-tile__label">Checks that found an officer who may not be hired</span>
          <span class="dashboard-tile__value">{shareWords(notHireableShare(checks, notHireable))}</span>
        </li>
      </ul>
      <div class="dashboard-grid">
        <StatusChart id="cases-by-status" caption="Cases by status: the pipeline, from open to closed" rows={cases} colour={PALETTE.navy} what="Cases" />
        <StatusChart id="certifications-by-status" caption="Certifications by status today" rows={certifications} colour={PALETTE.blue} what="Certifications" />
      </div>
      <DecisionsChart overview={overview} />
      <HiringChecksChart overview={overview} />
      <WanderingOfficers overview={overview} />
    </>
  );
}

function StatusChart({
  id,
  caption,
  rows,
  colour,
  what,
}: {
  id: string;
  caption: string;
  rows: { status: string; label: string; count: number }[];
  colour: string;
  what: string;
}) {
  const config = useMemo<ChartConfiguration>(
    () => ({
      type: 'bar',
      data: { labels: rows.map((row) => row.label), datasets: [{ label: what, data: rows.map((row) => row.count), backgroundColor: colour }] },
      options: { indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } },
    }),
    [rows.map((row) => `${row.status}:${row.count}`).join(), colour, what],
  );
  return (
    <ChartFigure
      id={id}
      caption={caption}
      table={
        <table class="usa-table usa-table--borderless usa-table--compact dashboard-table" data-testid={`${id}-table`}>
          <caption class="usa-sr-only">{caption}: the numbers</caption>
          <thead>
            <tr>
              <th scope="col">Status</th>
              <th scope="col" class="numeric">
                {what}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.status} data-status={row.status}>
                <th scope="row">{row.label}</th>
                <td class="numeric">{row.count.toLocaleString('en-US')}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Total</th>
              <td class="numeric">{total(rows).toLocaleString('en-US')}</td>
            </tr>
          </tfoot>
        </table>
      }
    >
      <ChartCanvas name={id} config={config} label={`${caption}. ${rows.map((row) => `${row.label}: ${row.count}`).join(', ')}.`} />
    </ChartFigure>
  );
}

function DecisionsChart({ overview }: { overview: Overview }) {
  const months = overview.decisionsByMonth;
  const config = useMemo<ChartConfiguration>(
    () => ({
      type: 'bar',
      data: {
        labels: months.map((month) => monthLabel(month.month)),
        datasets: SANCTIONS.map((sanction) => ({
          label: SANCTION_LABELS[sanction],
          data: months.map((month) => month[sanction]),
          backgroundColor: SANCTION_COLOURS[sanction],
        })),
      },
      options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } },
    }),
    [JSON.stringify(months)],
  );
  const caption = 'Decisions per month, by sanction';
  const decided = months.reduce((sum, month) => sum + SANCTIONS.reduce((n, sanction) => n + month[sanction], 0), 0);
  return (
    <ChartFigure
      id="decisions-by-month"
      caption={caption}
      table={
        <div class="usa-table-container--scrollable" tabIndex={0} role="region" aria-label={`${caption}: the numbers`}>
          <table class="usa-table usa-table--borderless usa-table--compact dashboard-table" data-testid="decisions-by-month-table">
            <caption class="usa-sr-only">{caption}: the numbers</caption>
            <thead>
              <tr>
                <th scope="col">Month</th>
                {SANCTIONS.map((sanction) => (
                  <th scope="col" class="numeric" key={sanction}>
                    {SANCTION_LABELS[sanction]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {months.map((month) => (
                <tr key={month.month} data-month={month.month}>
                  <th scope="row">{monthLabel(month.month)}</th>
                  {SANCTIONS.map((sanction) => (
                    <td class="numeric" key={sanction}>
                      {month[sanction]}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      }
    >
      <ChartCanvas
        name="decisions-by-month"
        config={config}
        label={`${caption}: ${decided} ${decided === 1 ? 'decision' : 'decisions'} in the range; the table below has each month.`}
      />
    </ChartFigure>
  );
}

function HiringChecksChart({ overview }: { overview: Overview }) {
  const months = overview.hiringChecks;
  const config = useMemo<ChartConfiguration>(
    () => ({
      type: 'bar',
      data: {
        labels: months.map((month) => monthLabel(month.month)),
        datasets: [
          { type: 'bar', label: 'Checks', data: months.map((month) => month.checks), backgroundColor: PALETTE.blue, yAxisID: 'y' },
          {
            type: 'bar',
            label: 'Found an officer who may not be hired',
            data: months.map((month) => month.notHireable),
            backgroundColor: PALETTE.red,
            yAxisID: 'y',
          },
          {
            type: 'line',
            label: 'Share not hireable (%)',
            data: months.map((month) => notHireableShare(month.checks, month.notHireable)),
            borderColor: PALETTE.navy,
            backgroundColor: PALETTE.navy,
            yAxisID: 'share',
            spanGaps: true,
          },
        ],
      },
      options: {
        scales: {
          y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'Checks' } },
          share: { position: 'right', min: 0, max: 100, grid: { drawOnChartArea: false }, title: { display: true, text: 'Share (%)' } },
        },
      },
    }),
    [JSON.stringify(months)],
  );
  const caption = 'Hiring checks per month, and the share that found an officer who may not be hired';
  return (
    <ChartFigure
      id="hiring-checks"
      caption={caption}
      table={
        <div class="usa-table-container--scrollable" tabIndex={0} role="region" aria-label={`${caption}: the numbers`}>
          <table class="usa-table usa-table--borderless usa-table--compact dashboard-table" data-testid="hiring-checks-table">
            <caption class="usa-sr-only">{caption}: the numbers</caption>
            <thead>
              <tr>
                <th scope="col">Month</th>
                <th scope="col" class="numeric">
                  Checks
                </th>
                <th scope="col" class="numeric">
                  Found an officer
                </th>
                <th scope="col" class="numeric">
                  Found an officer who may not be hired
                </th>
                <th scope="col" class="numeric">
                  Share not hireable
                </th>
              </tr>
            </thead>
            <tbody>
              {months.map((month) => (
                <tr key={month.month} data-month={month.month}>
                  <th scope="row">{monthLabel(month.month)}</th>
                  <td class="numeric">{month.checks}</td>
                  <td class="numeric">{month.matches}</td>
                  <td class="numeric">{month.notHireable}</td>
                  <td class="numeric">{shareWords(notHireableShare(month.checks, month.notHireable))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      }
    >
      <ChartCanvas name="hiring-checks" config={config} label={`${caption}; the table below has each month.`} />
    </ChartFigure>
  );
}

function WanderingOfficers({ overview }: { overview: Overview }) {
  const officers = overview.wanderingOfficers;
  return (
    <section aria-labelledby="wandering-heading" class="margin-top-4">
      <h2 id="wandering-heading">Officers who left two or more agencies while under investigation</h2>
      {officers.length ? (
        <table class="usa-table usa-table--stacked usa-table--borderless width-full" data-testid="wandering-officers">
          <caption class="usa-sr-only">Officers with two or more separations under investigation, most first</caption>
          <thead>
            <tr>
              <th scope="col">POST ID</th>
              <th scope="col">Name</th>
              <th scope="col" class="numeric">
                Separations under investigation
              </th>
            </tr>
          </thead>
          <tbody>
            {officers.map((officer) => (
              <tr key={officer.postId} data-post-id={officer.postId}>
                <th scope="row" data-label="POST ID">
                  <Link href={`/commission/officers/${officer.postId}`}>{officer.postId}</Link>
                </th>
                <td data-label="Name">{officer.name}</td>
                <td data-label="Separations under investigation" class="numeric">
                  {officer.separationsUnderInvestigation}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p data-testid="wandering-officers-none">No officer has left two or more agencies while under investigation.</p>
      )}
    </section>
  );
}
