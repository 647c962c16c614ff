// Cycles stage: calibration (校准) of a cycle's ratings, per team and for the whole centre: how many engineers hold
// each rating and what share, against the policy's calibration.max_share (a team over it is flagged), and each
// team's mean and spread of totals. It reports; it changes no rating (forced distribution is cycle.ts's, off by default).
import type { Config } from '../config/schema.js';
import { roundHalfUp } from '../util/round.js';
import type { CycleEngineer, CycleResult } from './cycle.js';

export interface CalibrationRow {
  scope: 'team' | 'centre';
  /** the team ('' for the centre) */
  team: string;
  /** rated engineers of the team (those with too few months are not rated) */
  engineers: number;
  rating: string;
  count: number;
  /** count / engineers, 0-1 */
  share: number;
  max_share: number | null;
  over: boolean;
  /** the mean and the spread (population standard deviation) of the team's totals */
  mean_total: number | null;
  spread: number | null;
}

export function calibrate(r: CycleResult, config: Config): CalibrationRow[] {
  const rated = r.engineers.filter((e) => e.rating !== null);
  const teams = [...new Set(rated.map((e) => e.team))].sort();
  const rows: CalibrationRow[] = [];
  const scopeRows = (scope: CalibrationRow['scope'], team: string, members: CycleEngineer[]) => {
    const totals = members.map((e) => e.total);
    const mean = totals.length ? totals.reduce((s, t) => s + t, 0) / totals.length : null;
    const spread = mean === null ? null : Math.sqrt(totals.reduce((s, t) => s + (t - mean) ** 2, 0) / totals.length);
    for (const rating of r.ratings) {
      const count = members.filter((e) => e.rating?.id === rating.id).length;
      const share = members.length ? count / members.length : 0;
      const max = config.calibration.max_share[rating.id] ?? null;
      rows.push({
        scope, team, engineers: members.length, rating: rating.id, count, share: roundHalfUp(share, 4), max_share: max, over: max !== null && share > max + 1e-12,
        mean_total: mean === null ? null : roundHalfUp(mean, 1), spread: spread === null ? null : roundHalfUp(spread, 2),
      });
    }
  };
  for (const team of teams) scopeRows('team', team, rated.filter((e) => e.team === team));
  scopeRows('centre', '', rated);
  return rows;
}
