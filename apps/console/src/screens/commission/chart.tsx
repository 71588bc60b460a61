import type { Chart, ChartConfiguration } from 'chart.js';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

let loading: Promise<typeof Chart> | undefined;

/**
 * Chart.js, fetched the first time a chart is drawn: Vite puts it in a chunk of its own, so the
 * screens without charts (a hiring clerk's) do not load it. Only the parts the dashboard draws
 * are registered (bars, one line, two axes, legend, tooltip); the rest of Chart.js is left out.
 */
function loadChart(): Promise<typeof Chart> {
  loading ??= import('chart.js').then((lib) => {
    lib.Chart.register(
      lib.BarController,
      lib.BarElement,
      lib.LineController,
      lib.LineElement,
      lib.PointElement,
      lib.CategoryScale,
      lib.LinearScale,
      lib.Legend,
      lib.Tooltip,
    );
    lib.Chart.defaults.font.family = 'Source Sans Pro Web, Helvetica Neue, Helvetica, Roboto, Arial, sans-serif';
    lib.Chart.defaults.font.size = 14;
    lib.Chart.defaults.color = '#1b1b1b';
    return lib.Chart;
  });
  return loading;
}

/**
 * USWDS colours that stay apart for the common colour-vision deficiencies and keep 3:1 against
 * white; colour is never the only signal (every chart has its table, every series its legend).
 */
export const PALETTE = {
  blue: '#005ea2',
  red: '#b50909',
  orange: '#c05600',
  gold: '#936f38',
  gray: '#71767a',
  navy: '#162e51',
  green: '#00a91c',
};

/**
 * A Chart.js chart on a canvas. The canvas is an image to assistive technology, named by
 * `label`; the same numbers are in the table the caller puts beside it (the text alternative).
 * Nothing is animated (a dashboard redrawn on a new range should not move), and nothing needs
 * more than the API's Content-Security-Policy allows: Chart.js draws with the canvas API, with
 * no eval and no injected style sheet.
 */
export function ChartCanvas({ config, label, name }: { config: ChartConfiguration; label: string; name: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let live = true;
    let chart: Chart | undefined;
    loadChart()
      .then((ChartJs) => {
        if (!live || !canvas.current) return;
        chart = new ChartJs(canvas.current, {
          ...config,
          options: { animation: false, responsive: true, maintainAspectRatio: false, ...config.options },
        });
      })
      // A chart that cannot load (the network) leaves its table, which has the same numbers.
      .catch(() => undefined);
    return () => {
      live = false;
      chart?.destroy();
    };
  }, [config]);
  return (
    <div class="dashboard-chart">
      <canvas ref={canvas} role="img" aria-label={label} data-chart={name}>
        {label}
      </canvas>
    </div>
  );
}

/** A chart with its caption, and below it the table of the same numbers. */
export function ChartFigure({ id, caption, children, table }: { id: string; caption: string; children: ComponentChildren; table: ComponentChildren }) {
  return (
    <figure class="dashboard-figure" aria-labelledby={`${id}-caption`} data-testid={id}>
      <figcaption id={`${id}-caption`} class="dashboard-figure__caption">
        {caption}
      </figcaption>
      {children}
      {table}
    </figure>
  );
}
