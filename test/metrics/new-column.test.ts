// A metric that needs a column no input has yet declares it (Metric.new_columns): the column is then read and
// validated as any other (aliases, Chinese headers, rejects), only while the rules ask for the metric, and its value
// reaches the metric in the case's row. Here a metric of this test's own: first contact resolution.
import { describe, expect, it, afterAll } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { defineMetric } from '../../src/metrics/metric.js';
import { makePlan, measureValue } from '../../src/metrics/plan.js';
import { mergeTally, shareOf, tally } from '../../src/metrics/state.js';
import { metricOf } from '../../src/metrics/registry.js';
import { JoinContext } from '../../src/join/context.js';
import { joinRoster } from '../../src/join/roster.js';
import { joinTickets } from '../../src/join/tickets.js';
import { makePeriod } from '../../src/util/time.js';
import { defaultConfig } from '../helpers.js';
import { removeTempDirs, tempDir } from '../temp.js';

afterAll(removeTempDirs);

const firstContact = defineMetric({
  id: 'first_contact_resolution_rate', unit: 'share', about: 'tickets resolved at the first contact / tickets',
  params: z.strictObject({}), counts: 'ticket', columns: [],
  new_columns: [{ input: 'tickets', spec: { id: 'first_contact', required: false, type: 'bool', aliases: ['一次解决', '首次解决'] } }],
  init: tally,
  add(s, c) {
    s.n += 1;
    if ((c.row as unknown as Record<string, unknown>).first_contact === true) s.hit += 1;
  },
  merge: mergeTally,
  value: shareOf,
});
const lookup = (id: string) => (id === firstContact.id ? firstContact : metricOf(id));

async function read(plan: ReturnType<typeof makePlan>) {
  const config = defaultConfig();
  const dir = tempDir('newcol-');
  writeFileSync(join(dir, 'roster.csv'), '工号,姓名\nE1,张三\n');
  writeFileSync(join(dir, 'tickets.csv'), '工单编号,处理人工号,创建时间,一次解决\nT1,E1,2026-10-02 09:00,是\nT2,E1,2026-10-02 10:00,否\nT3,E1,2026-10-03 10:00,是\nT4,E1,2026-10-03 11:00,也许\n');
  const ctx = new JoinContext(config, makePeriod('2026-10', config.timezone), undefined, plan);
  await joinRoster(ctx, join(dir, 'roster.csv'));
  await joinTickets(ctx, join(dir, 'tickets.csv'));
  return ctx;
}

describe('a metric with a column of its own', () => {
  it('reads and validates the column while the rules ask for the metric', async () => {
    const plan = makePlan([{ metric: 'first_contact_resolution_rate', params: {} }, { metric: 'tickets', params: {} }], lookup);
    const ctx = await read(plan);
    const states = ctx.roster.get('E1')?.tally?.states ?? [];
    expect(measureValue(plan, states, 0)).toEqual({ value: 2 / 3, n: 3 });
    expect(ctx.rejects.map((r) => [r.location.row, r.location.column, r.code, r.value])).toEqual([[5, '一次解决', 'BAD_ENUM', '也许']]);
  });
  it('leaves it unread when the rules do not ask for the metric', async () => {
    const plan = makePlan([{ metric: 'tickets', params: {} }], lookup);
    const ctx = await read(plan);
    expect(measureValue(plan, ctx.roster.get('E1')?.tally?.states ?? [], 0)).toEqual({ value: 4, n: 4 });
    expect(ctx.rejects).toEqual([]);
  });
});
