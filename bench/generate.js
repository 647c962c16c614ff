#!/usr/bin/env node
// Generates a large month deterministically (seeded): tickets, responses, surveys and a roster, as CSV.
// Usage: node bench/generate.js DIR [tickets=1000000] [engineers=2000]   (responses = tickets, surveys = 30% of tickets)
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export async function generate(dir, tickets = 1_000_000, engineers = 2000, period = '2026-10') {
  mkdirSync(dir, { recursive: true });
  let seed = 12345;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const [y, m] = period.split('-').map(Number);
  const start = Date.UTC(y, m - 1, 1) - 8 * 3600_000;
  const pad = (n) => String(n).padStart(2, '0');
  const fmt = (ms) => {
    const d = new Date(ms + 8 * 3600_000);
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  };
  const eng = (i) => `E${String(i).padStart(5, '0')}`;
  const writer = (name) => {
    const w = createWriteStream(join(dir, name), { highWaterMark: 1 << 20 });
    let buf = '';
    return {
      async line(s) {
        buf += s + '\n';
        if (buf.length > 1 << 16) {
          if (!w.write(buf)) await new Promise((r) => w.once('drain', r));
          buf = '';
        }
      },
      end: () => new Promise((r) => { w.end(buf, r); }),
    };
  };
  const roster = writer('roster.csv');
  await roster.line('engineer_id,name,team,level,annual_points,hire_date,status');
  for (let i = 0; i < engineers; i++) await roster.line(`${eng(i)},工程师${i},team${i % 40},${1 + (i % 5)},${200 + (i % 300)},2020-01-01,active`);
  await roster.end();
  const t = writer('tickets.csv');
  const r = writer('responses.csv');
  const s = writer('surveys.csv');
  await t.line('ticket_id,engineer_id,created_at,resolved_at,status,priority,channel,is_complaint,reopened,customer_id,callback_done');
  await r.line('ticket_id,engineer_id,received_at,first_response_at,onsite_arrival_at');
  await s.line('survey_id,ticket_id,engineer_id,score,submitted_at,comment');
  const monthMs = 28 * 86_400_000;
  let sn = 0;
  for (let i = 0; i < tickets; i++) {
    const id = `T${String(i).padStart(8, '0')}`;
    const e = eng(Math.floor(rand() * engineers));
    const created = start + Math.floor(rand() * monthMs / 60_000) * 60_000;
    const open = rand() < 0.05;
    const resolved = open ? '' : fmt(created + Math.floor(rand() * 72 * 60) * 60_000);
    const onsite = rand() < 0.2;
    await t.line(`${id},${e},${fmt(created)},${resolved},${open ? 'open' : 'resolved'},P${1 + Math.floor(rand() * 3)},${onsite ? 'onsite' : 'phone'},${rand() < 0.05 ? 1 : 0},${rand() < 0.05 ? 1 : 0},C${Math.floor(rand() * 9999)},${rand() < 0.7 ? 1 : 0}`);
    await r.line(`${id},${rand() < 0.5 ? e : ''},${fmt(created)},${fmt(created + Math.floor(rand() * 120) * 60_000)},${onsite ? fmt(created + Math.floor(rand() * 180) * 60_000) : ''}`);
    if (rand() < 0.3) await s.line(`S${String(++sn).padStart(8, '0')},${id},,${1 + Math.floor(rand() * 5)},${fmt(created + 3600_000)},ok`);
  }
  await Promise.all([t.end(), r.end(), s.end()]);
  return { tickets, responses: tickets, surveys: sn, engineers };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, n = '1000000', e = '2000'] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: node bench/generate.js DIR [tickets] [engineers]');
    process.exit(2);
  }
  const r = await generate(dir, Number(n), Number(e));
  console.error(`generated ${JSON.stringify(r)} in ${dir}`);
}
