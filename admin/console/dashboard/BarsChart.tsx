/**
 * The dashboard's one kind of chart: horizontal bars, one row per category (a funnel stage, a wizard step, a group),
 * so that long names (in Bulgarian most of all) get a line of their own instead of an angled, cut axis label. The
 * names wrap over up to three lines in the room the chart has (a tooltip holds the whole name when it is cut), every
 * bar carries its value, the legend sits above the bars where it never covers them, and the chart is as tall as its
 * rows need, at 390 px as at 1440 px. Drawn as plain SVG: a charting library (recharts with d3, 420 kB) cost a phone
 * more to load and render than the rest of the dashboard, for bars that need no more than this.
 */
import { Box } from '@mui/material';
import { useEffect, useRef, useState } from 'react';

export interface BarSeries {
  /** The row's field holding this series' value. */
  key: string;
  /** Its name in the legend and the tooltip. */
  name: string;
  color: string;
  /** Series with the same stack are drawn end to end; the last one of a stack is labelled with the row's `total`. */
  stack?: string;
}

export interface BarRow {
  name: string;
  [key: string]: string | number | null;
}

const FONT = 12;
const FONT_FAMILY = 'Roboto, Helvetica, Arial, sans-serif';
const LINE = 14;
const MAX_LINES = 3;

let canvas: CanvasRenderingContext2D | null | undefined;

/** How wide a text is drawn at the charts' font size, in pixels (measured by a canvas; estimated where there is none). */
function textWidth(text: string): number {
  if (canvas === undefined) {
    canvas = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
    if (canvas) canvas.font = `${FONT}px ${FONT_FAMILY}`;
  }
  return canvas ? canvas.measureText(text).width : text.length * FONT * 0.62;
}

/** A text cut to fit `width` pixels, ending with an ellipsis. */
function cutToFit(text: string, width: number): string {
  let kept = text;
  while (kept.length > 1 && textWidth(`${kept}…`) > width) kept = kept.slice(0, -1);
  return `${kept.trimEnd()}…`;
}

/** The text on lines at most `width` pixels wide, at most MAX_LINES of them, the last cut with an ellipsis when it does not fit. */
export function wrapLabel(text: string, width: number): { lines: string[]; cut: boolean } {
  const lines: string[] = [];
  let line = '';
  // A no-break space keeps its words together.
  for (const word of text.split(/[ \t\n]+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (textWidth(candidate) <= width) line = candidate;
    else {
      if (line) lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  let cut = lines.length > MAX_LINES;
  const kept = lines.slice(0, MAX_LINES).map((one) => {
    if (textWidth(one) <= width) return one;
    cut = true;
    return cutToFit(one, width);
  });
  if (lines.length > MAX_LINES) kept[MAX_LINES - 1] = cutToFit(`${kept[MAX_LINES - 1]} ${lines[MAX_LINES]}`, width);
  return { lines: kept, cut };
}

/** The width of the element, followed as it changes (the page turns, the sidebar opens). */
function useWidth() {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry.contentRect.width)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}

/** Marks at round numbers (1, 2 or 5 times a power of ten, whole numbers only) from 0 past `max`, about `count` of them. */
export function roundTicks(max: number, count: number): number[] {
  if (max <= 0) return [0, 1];
  const rough = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(
    1,
    [1, 2, 5, 10].map((times) => times * magnitude).find((candidate) => candidate >= rough)!,
  );
  const ticks = [0];
  while (ticks.at(-1)! < max) ticks.push(ticks.length * step);
  return ticks;
}

const AXIS = { height: 22, font: 11, gap: 16 };
const BAR_GAP = 4;
const ROW_GAP = 6;
const MARGIN = 4;
const TEXT = '#212121';
const MUTED = '#666';

export function BarsChart({
  label,
  rows,
  series,
  format,
  ticks: givenTicks,
  testId,
}: {
  /** What the chart shows, for a screen reader (the table below holds the same figures). */
  label: string;
  rows: BarRow[];
  series: BarSeries[];
  /** A value as the bar's label, the axis and the tooltip write it. */
  format: (value: number) => string;
  /** Where the value axis has its marks, when the default (round numbers) would not read well (durations). */
  ticks?: number[];
  testId?: string;
}) {
  const { ref, width } = useWidth();
  // Names take up to 38% of the width (at least 90 px, at most 220), the bars and their values the rest.
  const labelWidth = Math.round(Math.min(220, Math.max(90, width * 0.38)));
  // The room a name has: the axis's width less the gap before the bars and a margin on the left.
  const room = labelWidth - 16;
  const names = rows.map((row) => wrapLabel(row.name, room));
  const linesPerRow = Math.max(1, ...names.map((name) => name.lines.length));
  // The bars of a row: one per series, series of the same stack drawn end to end on one.
  const lanes = [...new Set(series.map((one) => one.stack ?? one.key))];
  const rowHeight = Math.max(linesPerRow * LINE + 12, lanes.length * 16 + 14);
  const height = rows.length * rowHeight + MARGIN * 2 + AXIS.height;
  const valueAt = (row: BarRow, one: BarSeries) => Number(row[one.key] ?? 0);
  const lastOfStack = (one: BarSeries) => !one.stack || series.filter((other) => other.stack === one.stack).at(-1) === one;
  // A stack is labelled with the row's total, a series on its own with its value.
  const labelled = (row: BarRow, one: BarSeries) => Number(row[one.stack ? 'total' : one.key] ?? 0);
  const longestValue = Math.max(1, ...rows.flatMap((row) => series.map((one) => textWidth(format(labelled(row, one))))));
  const left = MARGIN + labelWidth;
  const plotWidth = Math.max(1, width - left - Math.ceil(longestValue) - 12);
  const laneEnd = (row: BarRow, lane: string) =>
    series.filter((one) => (one.stack ?? one.key) === lane).reduce((sum, one) => sum + valueAt(row, one), 0);
  const largest = Math.max(0, ...rows.flatMap((row) => lanes.map((lane) => laneEnd(row, lane))));
  const widestTick = textWidth(format(largest)) + AXIS.gap;
  const ticks = givenTicks ?? roundTicks(largest, Math.max(1, Math.min(5, Math.floor(plotWidth / widestTick))));
  const domain = Math.max(ticks.at(-1)!, largest, 1);
  const x = (value: number) => left + (value / domain) * plotWidth;
  // Every mark gets a line; only every `every`-th a figure, so that no two figures touch.
  const every = Math.max(1, Math.ceil(widestTick / (plotWidth / Math.max(1, ticks.length - 1))));
  const plotBottom = MARGIN + rows.length * rowHeight;
  const band = rowHeight - ROW_GAP;
  const laneHeight = (band - (lanes.length - 1) * BAR_GAP) / lanes.length;
  const bars = series.map((one) => {
    const lane = lanes.indexOf(one.stack ?? one.key);
    const before = one.stack ? series.slice(0, series.indexOf(one)).filter((other) => other.stack === one.stack) : [];
    return rows.map((row, index) => {
      const start = before.reduce((sum, other) => sum + valueAt(row, other), 0);
      const value = valueAt(row, one);
      const x0 = x(start);
      return {
        row,
        value,
        x: x0,
        y: MARGIN + index * rowHeight + ROW_GAP / 2 + lane * (laneHeight + BAR_GAP),
        // Even a zero gets a sliver, so that an empty row shows it was counted.
        width: Math.max(1, x(start + value) - x0),
      };
    });
  });
  return (
    <Box ref={ref} role="img" aria-label={label} data-testid={testId} sx={{ width: '100%', minWidth: 0 }}>
      {series.length > 1 && (
        <Box
          component="ul"
          data-chart-legend
          sx={{ display: 'flex', flexWrap: 'wrap', gap: '4px 16px', listStyle: 'none', m: 0, mb: 0.5, p: 0, fontSize: FONT }}
        >
          {series.map((one) => (
            <Box component="li" key={one.key} sx={{ display: 'flex', alignItems: 'center', gap: 0.5, color: TEXT }}>
              <Box component="span" sx={{ width: 10, height: 10, bgcolor: one.color }} />
              {one.name}
            </Box>
          ))}
        </Box>
      )}
      {width > 0 && (
        <svg width={width} height={height} fontFamily={FONT_FAMILY} style={{ display: 'block' }}>
          {ticks.map((tick, index) => (
            <g key={tick}>
              <line x1={x(tick)} x2={x(tick)} y1={MARGIN} y2={plotBottom} stroke="#ccc" strokeDasharray="3 3" />
              {index % every === 0 && (
                <text x={x(tick)} y={plotBottom + 8} textAnchor="middle" dominantBaseline="hanging" fontSize={AXIS.font} fill={MUTED}>
                  {format(tick)}
                </text>
              )}
            </g>
          ))}
          <line x1={left} x2={left + plotWidth} y1={plotBottom} y2={plotBottom} stroke={MUTED} />
          {rows.map((row, index) => {
            const { lines, cut } = names[index];
            const middle = MARGIN + index * rowHeight + rowHeight / 2;
            return (
              <g key={index} transform={`translate(${left},${middle})`} data-label={row.name}>
                {cut && <title>{row.name}</title>}
                <text x={-6} y={-((lines.length - 1) * LINE) / 2} textAnchor="end" dominantBaseline="middle" fontSize={FONT} fill={TEXT}>
                  {lines.map((line, at) => (
                    <tspan key={at} x={-6} dy={at === 0 ? 0 : LINE}>
                      {line}
                    </tspan>
                  ))}
                </text>
              </g>
            );
          })}
          {series.map((one, at) =>
            bars[at].map((bar, index) => (
              <rect key={`${one.key}-${index}`} x={bar.x} y={bar.y} width={bar.width} height={laneHeight} fill={one.color}>
                <title>{`${bar.row.name} · ${one.name}: ${format(bar.value)}`}</title>
              </rect>
            )),
          )}
          {series.map(
            (one, at) =>
              lastOfStack(one) &&
              bars[at].map((bar, index) => (
                <text
                  key={`${one.key}-${index}`}
                  data-chart-value
                  x={bar.x + bar.width + 5}
                  y={bar.y + laneHeight / 2}
                  dominantBaseline="central"
                  fontSize={FONT}
                  fill={TEXT}
                >
                  {format(labelled(bar.row, one))}
                </text>
              )),
          )}
        </svg>
      )}
    </Box>
  );
}
