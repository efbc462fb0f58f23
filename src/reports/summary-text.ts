import { formatter } from './format';
import { messages, periodName } from './messages';
import type { ReportLocale, ReportModel } from './model';

/** A few lines for a chat message: the period, then spend, conversions and ROAS per currency (never added across). */
export function summaryText(model: ReportModel, locale: ReportLocale): string {
  const f = formatter(locale, model.timeZone);
  const t = messages(locale);
  const lines = [`${model.advertiserName} · ${periodName(model.period, locale)} · ${f.date(model.from)} – ${f.date(model.to)}`];
  for (const s of model.sections) {
    lines.push(
      `${s.currency}: ${t('spend')} ${f.money(s.kpis.spendMicros, s.currency)} (${f.delta(s.delta.spend)}), ` +
        `${t('conversions')} ${f.count(s.kpis.conversions)} (${f.delta(s.delta.conversions)}), ` +
        `${t('roas')} ${f.percent(s.kpis.roas)}`,
    );
  }
  return lines.join('\n');
}
