// History stage data: what a published period carries to the next one (state.json), kept plain and stable-ordered.

export interface RatingEntry { period: string; rating: string; total: number }

export interface EngineerState {
  engineer_id: string;
  name: string;
  status: 'active' | 'probation' | 'left';
  hire_date: string | null;
  first_period: string;
  last_scored: string | null;
  /** recent ratings, oldest first, as many as the longest streak and reasons need */
  ratings: RatingEntry[];
  /** current run length per streak rule id */
  streaks: Record<string, number>;
  bonus_streak: number;
  no_bonus_streak: number;
  /** points deltas of the last twelve scored periods, oldest first */
  deltas: { period: string; delta: number }[];
  /** points earned since the last regrade */
  points_balance: number;
  annual_points: number;
  level: number;
  base_salary: number;
  /** the reduction payable in the month after the state's period */
  reduction: number;
}

export interface State { version: 1; period: string; engineers: EngineerState[] }

const ORDER: (keyof EngineerState)[] = [
  'engineer_id', 'name', 'status', 'hire_date', 'first_period', 'last_scored', 'ratings', 'streaks', 'bonus_streak',
  'no_bonus_streak', 'deltas', 'points_balance', 'annual_points', 'level', 'base_salary', 'reduction',
];

export function byId(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Stable JSON: fixed key order, engineers by id, streak ids sorted. */
export function serializeState(s: State): string {
  const engineers = [...s.engineers].sort((a, b) => byId(a.engineer_id, b.engineer_id)).map((e) => {
    const o: Record<string, unknown> = {};
    for (const k of ORDER) {
      o[k] = k === 'streaks' ? Object.fromEntries(Object.entries(e.streaks).sort(([a], [b]) => byId(a, b))) : e[k];
    }
    return o;
  });
  return `${JSON.stringify({ version: 1, period: s.period, engineers }, null, 2)}\n`;
}

export function parseState(text: string): State {
  const s = JSON.parse(text) as State;
  if (s.version !== 1 || !Array.isArray(s.engineers) || typeof s.period !== 'string') throw new Error('not a scorecard state file');
  return s;
}
