import * as echarts from 'echarts';
import type { Formatter } from './format';
import { platformName, type Translate } from './messages';
import type { CurrencySection } from './model';

// Single quotes only: echarts copies the family into a double-quoted style="" attribute without escaping it.
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans KR', 'Apple SD Gothic Neo', NanumGothic, sans-serif";
const SPEND_COLOR = '#2563eb';
const CONVERSIONS_COLOR = '#f59e0b';

/**
 * An SVG scales as a picture, text included, so one drawing cannot suit both a phone and a desktop: each chart is
 * drawn at a phone width and a desktop width, and the page's CSS shows the one that fits (print uses the wide one).
 */
export type ChartSize = 'narrow' | 'wide';
const WIDTH: Record<ChartSize, number> = { narrow: 360, wide: 960 };

/**
 * Charts are drawn here, on the server, as SVG strings (echarts' server-side rendering), so the HTML needs no script
 * and no network, and the PDF shows them as vectors. Plot positions come from numbers: money is converted to a
 * float of major units only to place a bar (a pixel cannot show the difference); amounts printed as text elsewhere
 * in the report never come from these numbers.
 */
function renderSvg(option: echarts.EChartsOption, size: ChartSize, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH[size], height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: FONT }, ...option });
    // Hover styles mean nothing in a static report, and every chart names its classes zr<n>-cls-<m> with a counter
    // per process, so two charts on one page could restyle each other: drop the style block and the classes.
    return chart
      .renderToSVGString()
      .replace(/<style[^>]*>[\s\S]*?<\/style>/g, '')
      .replace(/ class="zr\d+-cls-\d+"/g, '');
  } finally {
    chart.dispose();
  }
}

const majorUnits = (micros: bigint) => Number(micros) / 1e6;

/** Daily spend (bars, left axis) and conversions (line, right axis) for one currency. */
export function trendChartSvg(section: CurrencySection, t: Translate, fmt: Formatter, size: ChartSize): string {
  const narrow = size === 'narrow';
  const compact = new Intl.NumberFormat(fmt.locale, { notation: 'compact', maximumFractionDigits: 1 });
  return renderSvg(
    {
      grid: narrow ? { left: 44, right: 30, top: 44, bottom: 28 } : { left: 72, right: 56, top: 44, bottom: 36 },
      legend: { top: 4, data: [t('spend'), t('conversions')] },
      xAxis: { type: 'category', data: section.daily.map((d) => fmt.shortDate(d.date)), axisTick: { alignWithLabel: true } },
      yAxis: [
        {
          type: 'value',
          name: fmt.currencySymbol(section.currency),
          axisLabel: { formatter: (v: number) => compact.format(v) },
          splitLine: { lineStyle: { color: '#e5e7eb' } },
        },
        { type: 'value', axisLabel: { formatter: (v: number) => compact.format(v) }, splitLine: { show: false } },
      ],
      series: [
        {
          name: t('spend'),
          type: 'bar',
          data: section.daily.map((d) => majorUnits(d.spendMicros)),
          itemStyle: { color: SPEND_COLOR, borderRadius: [3, 3, 0, 0] },
          barMaxWidth: 28,
        },
        {
          name: t('conversions'),
          type: 'line',
          yAxisIndex: 1,
          data: section.daily.map((d) => d.conversions),
          itemStyle: { color: CONVERSIONS_COLOR },
          lineStyle: { width: 3 },
          symbolSize: 7,
        },
      ],
    },
    size,
    narrow ? 260 : 320,
  );
}

/** Spend per platform in one currency, largest first (the model's order), as horizontal bars labelled with amounts. */
export function platformChartSvg(section: CurrencySection, fmt: Formatter, size: ChartSize): string {
  const narrow = size === 'narrow';
  const rows = [...section.platforms].reverse(); // echarts draws the first category at the bottom
  return renderSvg(
    {
      grid: narrow ? { left: 70, right: 100, top: 8, bottom: 8 } : { left: 110, right: 150, top: 8, bottom: 8 },
      xAxis: { type: 'value', show: false },
      yAxis: {
        type: 'category',
        data: rows.map((p) => platformName(p.platform, fmt.locale)),
        axisTick: { show: false },
        axisLine: { show: false },
        axisLabel: { fontSize: 13 },
      },
      series: [
        {
          type: 'bar',
          data: rows.map((p) => ({
            value: majorUnits(p.spendMicros),
            // The label is the exact formatted amount, not the float used to size the bar.
            label: { show: true, position: 'right', formatter: fmt.money(p.spendMicros, section.currency) },
          })),
          itemStyle: { color: SPEND_COLOR, borderRadius: [0, 3, 3, 0] },
          barMaxWidth: 26,
        },
      ],
    },
    size,
    16 + rows.length * 40,
  );
}
