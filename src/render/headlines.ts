/**
 * The headline lines every renderer puts first, from the ReportModel's comparisons (or, with a
 * single run, from its end-to-end median), and the method notes that close a report.
 * Lines are unescaped plain text.
 */
import type { ReportModel } from '../model/report.js';
import { formatNs } from './format.js';
import { nameComparisonSide, nameRun } from './run-names.js';
import { describeHitRate } from './tables/run-facts.js';

/**
 * One line per comparison ("candidate vs baseline: headline"); with no comparison, one line per
 * run with its end-to-end median and hit rate. Shared with Markdown and HTML; unescaped.
 */
export function listHeadlines(model: ReportModel): string[] {
  if (model.comparisons.length > 0) {
    return model.comparisons.map(
      (c) =>
        `${nameComparisonSide(model, c.candidate)} vs ${nameComparisonSide(model, c.baseline)}: ` +
        c.headline,
    );
  }
  if (model.runs.length === 0) return ['no runs'];
  return model.runs.map((r) => {
    const e2e = r.endToEnd[0];
    const median = e2e ? `${e2e.name} p50 ${formatNs(e2e.latency.p50Ns)}` : 'no end-to-end';
    return `${nameRun(r)}: ${median}, ECON hit rate ${describeHitRate(r.econ)}`;
  });
}

/** Each distinct interval method once, in comparison order. */
export function listCiMethods(model: ReportModel): string[] {
  return [...new Set(model.comparisons.map((c) => c.ciMethod))];
}
