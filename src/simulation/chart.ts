import * as echarts from 'echarts';
import type { SimulationRow } from '../domain/simulation/capture';

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans KR', sans-serif";

/**
 * The three cumulative outcome lines of a simulation (engine, control, oracle) as an SVG, drawn on the server by
 * echarts like the reports' charts. `scale` turns an outcome into what the axis shows (micros → major units).
 */
export function cumulativeChartSvg(
  rows: readonly SimulationRow[],
  options: { title: string; axisName: string; scale: (value: bigint) => number },
): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 960, height: 420 });
  const line = (name: string, color: string, pick: (r: SimulationRow) => bigint, dashed = false) => ({
    name,
    type: 'line' as const,
    data: rows.map((r) => options.scale(pick(r))),
    itemStyle: { color },
    lineStyle: { width: 3, ...(dashed ? { type: 'dashed' as const } : {}) },
    symbolSize: 5,
  });
  try {
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: FONT },
      title: { text: options.title, left: 'center', top: 4, textStyle: { fontSize: 15 } },
      legend: { top: 30, data: ['oracle', 'engine', 'control'] },
      grid: { left: 90, right: 32, top: 70, bottom: 40 },
      xAxis: { type: 'category', data: rows.map((r) => r.date.slice(5)), axisTick: { alignWithLabel: true } },
      yAxis: {
        type: 'value',
        name: options.axisName,
        scale: true,
        splitLine: { lineStyle: { color: '#e5e7eb' } },
      },
      series: [
        line('oracle', '#16a34a', (r) => r.cumulative.oracle, true),
        line('engine', '#2563eb', (r) => r.cumulative.engine),
        line('control', '#6b7280', (r) => r.cumulative.control),
      ],
    });
    // Hover styles mean nothing in a file: drop the style block and its generated classes (as reports/charts.ts does).
    return chart
      .renderToSVGString()
      .replace(/<style[^>]*>[\s\S]*?<\/style>/g, '')
      .replace(/ class="zr\d+-cls-\d+"/g, '');
  } finally {
    chart.dispose();
  }
}
