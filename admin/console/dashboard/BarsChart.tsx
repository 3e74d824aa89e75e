/**
 * The dashboard's one kind of chart: horizontal bars, one row per category (a funnel stage, a wizard step, a group),
 * so that long names (in Bulgarian most of all) get a line of their own instead of an angled, cut axis label. The
 * names wrap over up to three lines in the room the chart has (a tooltip holds the whole name when it is cut), every
 * bar carries its value, the legend sits above the bars where it never covers them, and the chart is as tall as its
 * rows need, at 390 px as at 1440 px.
 */
import { Box } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { Bar, BarChart, CartesianGrid, LabelList, Legend, Tooltip, XAxis, YAxis } from 'recharts';

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

/** A bar's value, written at its end on one line (recharts' own label wraps a text it finds too long for the margin). */
function valueLabel(format: (value: number) => string) {
  return function ValueLabel(props: {
    x?: number | string;
    y?: number | string;
    width?: number | string;
    height?: number | string;
    value?: unknown;
  }) {
    const x = Number(props.x ?? 0) + Number(props.width ?? 0) + 5;
    const y = Number(props.y ?? 0) + Number(props.height ?? 0) / 2;
    return (
      <text x={x} y={y} dominantBaseline="central" fontSize={FONT} fontFamily={FONT_FAMILY} fill="#212121">
        {format(Number(props.value ?? 0))}
      </text>
    );
  };
}

interface TickProps {
  x?: number;
  y?: number;
  payload?: { value: string };
}

function WrappedTick({ x = 0, y = 0, payload, room }: TickProps & { room: number }) {
  const text = String(payload?.value ?? '');
  const { lines, cut } = wrapLabel(text, room);
  const first = -((lines.length - 1) * LINE) / 2;
  return (
    <g transform={`translate(${x},${y})`} data-label={text}>
      {cut && <title>{text}</title>}
      <text x={-6} y={first} textAnchor="end" dominantBaseline="middle" fontSize={FONT} fontFamily={FONT_FAMILY} fill="#212121">
        {lines.map((line, index) => (
          <tspan key={index} x={-6} dy={index === 0 ? 0 : LINE}>
            {line}
          </tspan>
        ))}
      </text>
    </g>
  );
}

export function BarsChart({
  label,
  rows,
  series,
  format,
  ticks,
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
  const linesPerRow = Math.max(1, ...rows.map((row) => wrapLabel(row.name, room).lines.length));
  const barsPerRow = new Set(series.map((one) => one.stack ?? one.key)).size;
  const rowHeight = Math.max(linesPerRow * LINE + 12, barsPerRow * 16 + 14);
  const legend = series.length > 1;
  const height = rows.length * rowHeight + 30 + (legend ? 28 + (width < 480 ? 20 : 0) : 0);
  // The widest value written at a bar's end, for the room on the right.
  const longestValue = Math.max(
    1,
    ...rows.flatMap((row) => series.map((one) => textWidth(format(Number(row[one.stack ? 'total' : one.key] ?? 0))))),
  );
  const stacks = series.filter((one) => one.stack);
  const valueText = valueLabel(format);
  const lastOfStack = (one: BarSeries) => one.stack && stacks.filter((other) => other.stack === one.stack).at(-1) === one;
  return (
    <Box ref={ref} role="img" aria-label={label} data-testid={testId} sx={{ width: '100%', minWidth: 0, height }}>
      {width > 0 && (
        <BarChart
          width={width}
          height={height}
          data={rows}
          layout="vertical"
          margin={{ top: 4, right: Math.ceil(longestValue) + 12, bottom: 4, left: 4 }}
          barCategoryGap={6}
        >
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis
            type="number"
            allowDecimals={false}
            tickFormatter={format}
            ticks={ticks}
            domain={ticks ? [0, ticks.at(-1)!] : undefined}
            tick={{ fontSize: 11 }}
            minTickGap={16}
          />
          <YAxis type="category" dataKey="name" width={labelWidth} interval={0} tickLine={false} tick={<WrappedTick room={room} />} />
          <Tooltip formatter={(value) => format(Number(value))} />
          {legend && (
            <Legend itemSorter={null} verticalAlign="top" align="left" iconSize={10} wrapperStyle={{ fontSize: FONT, paddingBottom: 4 }} />
          )}
          {series.map((one) => (
            <Bar
              key={one.key}
              dataKey={one.key}
              name={one.name}
              fill={one.color}
              stackId={one.stack}
              isAnimationActive={false}
              minPointSize={1}
            >
              {!one.stack && <LabelList dataKey={one.key} content={valueText} />}
              {lastOfStack(one) && <LabelList dataKey="total" content={valueText} />}
            </Bar>
          ))}
        </BarChart>
      )}
    </Box>
  );
}
