// A bar chart of one statistics column, drawn on the server as SVG (no script, no inline style:
// sizes are SVG attributes). The numbers are in the table beside it; the chart is named for
// screen readers and its bars carry their values as text.
export interface BarChartRow {
  label: string;
  /** Null when the count is suppressed (disclosure control). */
  value: number | null;
}

export interface BarChart {
  width: number;
  height: number;
  labelWidth: number;
  bars: {
    label: string;
    y: number;
    textY: number;
    barWidth: number;
    valueX: number;
    valueText: string;
    suppressed: boolean;
  }[];
}

const ROW_HEIGHT = 32;
const BAR_HEIGHT = 22;
const LABEL_WIDTH = 400;
const BAR_AREA = 300;
const WIDTH = LABEL_WIDTH + BAR_AREA + 80;

export function barChart(rows: readonly BarChartRow[], suppressedText: string): BarChart {
  const largest = Math.max(1, ...rows.map((row) => row.value ?? 0));
  return {
    width: WIDTH,
    height: rows.length * ROW_HEIGHT + 8,
    labelWidth: LABEL_WIDTH,
    bars: rows.map((row, index) => {
      const barWidth =
        row.value === null ? 0 : Math.max(row.value > 0 ? 2 : 0, Math.round((row.value / largest) * BAR_AREA));
      const y = index * ROW_HEIGHT + 4;
      return {
        label: row.label.length > 46 ? `${row.label.slice(0, 44)}…` : row.label,
        y,
        textY: y + BAR_HEIGHT / 2 + 5,
        barWidth,
        valueX: LABEL_WIDTH + barWidth + 8,
        valueText: row.value === null ? suppressedText : String(row.value),
        suppressed: row.value === null,
      };
    }),
  };
}
