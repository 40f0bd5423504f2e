import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export type TChartSeries = { label: string; values: (number | null)[]; color: string };

/**
 * A uPlot chart over labelled points (days, weeks, agents …): lines, or bars for breakdowns.
 * The x axis is the point's index, named by `labels`, so no time zone can shift a day.
 */
export function UplotChart(props: { title: string; labels: string[]; series: TChartSeries[]; kind: 'line' | 'bars'; height?: number; format?: (v: number) => string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const labels = props.labels;
    const bars = props.kind === 'bars' ? uPlot.paths.bars?.({ size: [0.6, 48] }) : undefined;
    const fmt = props.format ?? ((v: number) => String(v));
    const opts: uPlot.Options = {
      width: Math.max(240, el.clientWidth),
      height: props.height ?? 220,
      legend: { show: props.series.length > 1, live: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: false, range: (_u, min, max) => [min - 0.5, max + 0.5] }, y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] } },
      axes: [
        { values: (_u, splits) => splits.map((i) => (Number.isInteger(i) ? (labels[i] ?? '') : '')), incrs: [1, 2, 5, 7, 10, 20, 50], gap: 4, size: 40 },
        { values: (_u, splits) => splits.map((v) => fmt(v)), size: 56 },
      ],
      series: [
        { label: '', value: (_u, i) => (i === null ? '' : (labels[i] ?? '')) },
        ...props.series.map((s) => ({
          label: s.label,
          stroke: s.color,
          fill: props.kind === 'bars' ? s.color : undefined,
          width: 2,
          points: { show: props.kind === 'line' && labels.length < 40 },
          spanGaps: false,
          value: (_u: uPlot, v: number | null) => (v === null ? '—' : fmt(v)),
          ...(bars ? { paths: bars } : {}),
        })),
      ],
    };
    const data = [labels.map((_, i) => i), ...props.series.map((s) => s.values)] as uPlot.AlignedData;
    const chart = new uPlot(opts, data, el);
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(240, el.clientWidth), height: props.height ?? 220 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [props.labels.join('\u0001'), JSON.stringify(props.series), props.kind]);
  return (
    <figure class="report-chart">
      <figcaption>{props.title}</figcaption>
      <div ref={box} class="report-chart-canvas" role="img" aria-label={props.title} />
    </figure>
  );
}
