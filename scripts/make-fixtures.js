#!/usr/bin/env node
// Generates fixtures/: six consecutive realistic months (2025-11 .. 2026-04) for a team of 14 engineers, deterministic (seeded).
// Mixes CSV and XLSX, Chinese and English headers, UTF-8 (with and without BOM), GBK, UTF-16; plants bad rows.
// Each engineer follows a scripted performance profile so that every grade-change kind occurs. Run: node scripts/make-fixtures.js
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { encodeGb18030 as encodeGb } from './gb18030.js';

const ROOT = new URL('../fixtures/', import.meta.url).pathname;
const MONTHS = ['2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04'];

function rng(seed) {
  return () => {
    seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(20261123);
const uni = (a, b) => a + (b - a) * rand();
const int = (a, b) => Math.floor(uni(a, b + 1));
const pick = (xs) => xs[Math.floor(rand() * xs.length)];

// engineer: id, name, team, level, annual points, hire date, monthly profile (X excellent, G good, P pass, F fail, - absent)
const ENGINEERS = [
  ['E001', '张伟', '华东一组', 1, 220, '2018-03-01', 'XXGXXG'],
  ['E002', '李娜', '华东一组', 2, 295, '2019-03-02', 'XXGGGX'],
  ['E003', '王强', '华东二组', 3, 350, '2020-03-03', 'PPPGGX'],
  ['E004', 'Maria Chen', '华东二组', 3, 300, '2025-06-01', 'FFPPGG'],
  ['E005', '=HYPERLINK("http://example.invalid","x")', '华东二组', 2, 270, '2022-03-05', 'GPGPGP'],
  ['E006', '赵敏', '华东一组', 4, 420, '2016-03-06', 'XXXXXX'],
  ['E007', '陈杰', '华北组', 1, 100, '2024-04-01', 'PPFFFP'],
  ['E008', '刘洋', '华北组', 2, 260, '2021-07-01', 'GGGPFG'],
  ['E009', '杨静', '华北组', 2, 255, '2020-09-15', 'PGPGXG'],
  ['E010', '黄磊', '华南组', 3, 310, '2017-01-10', 'GGGGPG'],
  ['E011', '周涛', '华南组', 1, 150, '2023-02-01', 'PPP---'],
  ['E012', '吴芳', '华南组', 1, 180, '2022-11-20', 'GGPGG-'],
  ['E013', '孙丽', '华南组', 1, 200, '2026-02-02', '---PGG'],
  ['E014', 'Li Ming', '华东一组', 2, 260, '2019-05-20', 'GXGGXX'],
];

const PROFILES = {
  X: { resp: [5, 45], overResp: 0, res: [2, 20], overRes: 0, complaint: 0, reopen: 0, csat: [5, 5, 5, 4], evals: [92, 98], training: [10, 14], arrive: [30, 100] },
  G: { resp: [10, 55], overResp: 0.05, res: [4, 22], overRes: 0.06, complaint: 0.04, reopen: 0.03, csat: [5, 4, 4, 5], evals: [84, 90], training: [8, 10], arrive: [40, 115] },
  P: { resp: [15, 58], overResp: 0.12, res: [5, 23], overRes: 0.12, complaint: 0.08, reopen: 0.06, csat: [4, 4, 3, 5], evals: [74, 82], training: [4, 8], arrive: [60, 140] },
  F: { resp: [30, 58], overResp: 0.4, res: [10, 23], overRes: 0.45, complaint: 0.18, reopen: 0.2, csat: [3, 2, 3, 4], evals: [58, 68], training: [0, 3], arrive: [100, 240] },
};

const TZ_OFFSET = 8 * 3600_000; // fixtures are written as Asia/Shanghai wall time
const pad = (n, w = 2) => String(n).padStart(w, '0');
function wall(ms) {
  const d = new Date(ms + TZ_OFFSET);
  return { y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds() };
}
const fmt = {
  iso: (ms) => { const w = wall(ms); return `${w.y}-${pad(w.mo)}-${pad(w.d)}T${pad(w.h)}:${pad(w.mi)}:00+08:00`; },
  dash: (ms) => { const w = wall(ms); return `${w.y}-${pad(w.mo)}-${pad(w.d)} ${pad(w.h)}:${pad(w.mi)}`; },
  slash: (ms) => { const w = wall(ms); return `${w.y}/${w.mo}/${w.d} ${w.h}:${pad(w.mi)}`; },
  date: (ms) => { const w = wall(ms); return `${w.y}-${pad(w.mo)}-${pad(w.d)}`; },
  /** an exceljs Date whose UTC fields are the Shanghai wall time (how Excel stores date cells) */
  cell: (ms) => new Date(Math.floor((ms + TZ_OFFSET) / 60_000) * 60_000),
  serial: (ms) => Math.round(((ms + TZ_OFFSET) / 86_400_000 + 25569) * 1440) / 1440,
};
function monthStart(p) {
  const [y, m] = p.split('-').map(Number);
  return Date.UTC(y, m - 1, 1) - TZ_OFFSET;
}
function daysIn(p) {
  const [y, m] = p.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}


function csvText(rows, delimiter = ',', eol = '\n') {
  const q = (v) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",;\t\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return rows.map((r) => r.map(q).join(delimiter)).join(eol) + eol;
}

async function xlsx(path, header, rows, sheet = 'Sheet1', extra) {
  const wb = new ExcelJS.Workbook();
  wb.created = new Date(Date.UTC(2026, 0, 1));
  wb.modified = wb.created;
  const ws = wb.addWorksheet(sheet);
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  if (extra) extra(ws, wb);
  await wb.xlsx.writeFile(path);
}

const HEAD = {
  zh: {
    tickets: ['工单编号', '处理人工号', '创建时间', '解决时间', '状态', '优先级', '渠道', '是否投诉', '是否重开', '客户编号', '是否回访'],
    responses: ['工单编号', '工号', '受理时间', '首次响应时间', '到场时间'],
    surveys: ['调查编号', '工单编号', '工号', '满意度', '提交时间', '评价'],
    roster: ['工号', '姓名', '班组', '等级', '年度积分', '入职日期', '状态'],
    adjustments: ['工号', '日期', '对象', '分值', '原因', '审批人'],
    evaluations: ['工号', '项目', '分值'],
  },
  en: {
    tickets: ['ticket_id', 'engineer_id', 'created_at', 'resolved_at', 'status', 'priority', 'channel', 'is_complaint', 'reopened', 'customer_id', 'callback_done'],
    responses: ['ticket_id', 'engineer_id', 'received_at', 'first_response_at', 'onsite_arrival_at'],
    surveys: ['survey_id', 'ticket_id', 'engineer_id', 'score', 'submitted_at', 'comment'],
    roster: ['engineer_id', 'name', 'team', 'level', 'annual_points', 'hire_date', 'status'],
    adjustments: ['engineer_id', 'date', 'target', 'value', 'reason', 'approved_by'],
    evaluations: ['engineer_id', 'item', 'value'],
  },
};
const STATUS = { zh: { resolved: '已解决', closed: '已关闭', open: '处理中', cancelled: '已取消' }, en: { resolved: 'resolved', closed: 'closed', open: 'open', cancelled: 'cancelled' } };
const CHANNEL = { zh: { phone: '电话', email: '邮件', online: '在线', onsite: '上门' }, en: { phone: 'phone', email: 'email', online: 'online', onsite: 'onsite' } };
const BOOL = { zh: ['否', '是'], en: ['0', '1'] };
const COMMENTS = ['很满意，响应快', '还行, 但是有点慢', 'Great service', '工程师很专业', '=1+1 测试', '@support 不满意', '', '', ''];

async function month(mi) {
  const p = MONTHS[mi];
  const dir = join(ROOT, p);
  mkdirSync(dir, { recursive: true });
  const start = monthStart(p);
  const days = daysIn(p);
  const lang = mi === 2 || mi === 4 ? 'en' : 'zh';
  const tickets = []; const responses = []; const surveys = []; const evaluations = []; const adjustments = [];
  let tn = 0; let sn = 0;
  const tid = () => `T${p.replace('-', '').slice(2)}${pad(++tn, 4)}`;
  for (const [id, , , , , , profile] of ENGINEERS) {
    const kind = profile[mi];
    if (kind === '-') continue;
    const pr = PROFILES[kind];
    const count = int(14, 24);
    for (let k = 0; k < count; k++) {
      const created = start + Math.floor(uni(0, days - 1.2) * 86_400_000 / 60_000) * 60_000;
      const channel = pick(['phone', 'phone', 'email', 'online', 'onsite', 'onsite']);
      const over = rand() < pr.overRes;
      const hours = over ? uni(26, kind === 'F' ? 140 : 60) : uni(...pr.res);
      const openTicket = rand() < (kind === 'F' ? 0.06 : 0.02);
      const cancelled = !openTicket && rand() < 0.02;
      const resolved = openTicket || cancelled ? null : created + Math.round(hours * 60) * 60_000;
      const status = cancelled ? 'cancelled' : openTicket ? 'open' : rand() < 0.5 ? 'closed' : 'resolved';
      const t = {
        id: tid(), eng: id, created, resolved, status, priority: pick(['P1', 'P2', 'P2', 'P3']), channel,
        complaint: rand() < pr.complaint ? 1 : 0, reopened: rand() < pr.reopen ? 1 : 0, customer: `C${int(100, 399)}`, callback: rand() < 0.7 ? 1 : 0,
      };
      tickets.push(t);
      const respMin = rand() < pr.overResp ? uni(61, 240) : uni(...pr.resp);
      const noResponse = rand() < 0.02;
      if (!noResponse) {
        responses.push({
          id: t.id, eng: rand() < 0.7 ? id : '', received: created, first: rand() < 0.03 ? null : created + Math.round(respMin) * 60_000,
          arrival: channel === 'onsite' ? created + Math.round(uni(...pr.arrive)) * 60_000 : null,
        });
      }
      if (resolved && rand() < 0.55) {
        const submitted = Math.min(resolved + Math.round(uni(1, 30)) * 3600_000, start + days * 86_400_000 - 60_000);
        surveys.push({ id: `S${p.replace('-', '').slice(2)}${pad(++sn, 4)}`, ticket: t.id, eng: rand() < 0.5 ? id : '', score: pick(pr.csat), submitted, comment: pick(COMMENTS) });
      }
    }
    evaluations.push([id, 'knowledge', int(...pr.evals)], [id, 'attitude', int(...pr.evals)], [id, 'training_hours', int(...pr.training)]);
  }
  // adjustments: a few approved bonus and deduction items
  adjustments.push([ENGINEERS[mi % 10][0], fmt.date(start + 9 * 86_400_000), 'score', 3, '客户表扬信', '主管A']);
  adjustments.push([ENGINEERS[(mi + 4) % 10][0], fmt.date(start + 19 * 86_400_000), 'score', -4, '违反服务规范', '主管B']);
  adjustments.push([ENGINEERS[(mi + 2) % 10][0], fmt.date(start + 21 * 86_400_000), 'points', 5, '技术革新建议', '主管A']);
  if (mi === 3) adjustments.push(['E013', fmt.date(start + 25 * 86_400_000), 'score', 15, '新人入职奖励（超出上限）', '经理C']);

  // planted problems (each month the same kinds, different rows)
  const base = tickets.length;
  tickets.push({ ...tickets[3], id: tickets[3].id }); // DUPLICATE_ID
  tickets.push({ ...tickets[5], id: tid(), eng: 'E999' }); // UNKNOWN_ENGINEER
  tickets.push({ ...tickets[7], id: tid(), created: start - 3 * 86_400_000, resolved: start - 2 * 86_400_000 }); // out of period (previous month)
  tickets.push({ ...tickets[9], id: tid(), badDate: '2026-02-30 10:00' }); // BAD_DATE
  responses.push({ id: tickets[11].id, eng: '', received: tickets[11].created + 3600_000, first: tickets[11].created, arrival: null, dupOf: true }); // NEGATIVE_DURATION
  responses.push({ id: 'T_UNKNOWN', eng: '', received: start + 86_400_000, first: start + 86_400_000 + 600_000, arrival: null }); // UNKNOWN_TICKET
  surveys.push({ id: 'S_BAD', ticket: tickets[2].id, eng: '', score: 9, submitted: start + 5 * 86_400_000, comment: '' }); // OUT_OF_RANGE
  void base;

  const L = lang;
  const tsFmt = [fmt.iso, fmt.dash, fmt.slash];
  const ticketRows = tickets.map((t, i) => [
    t.id, t.eng, t.badDate ?? tsFmt[i % 3](t.created), t.resolved ? tsFmt[(i + 1) % 3](t.resolved) : '', STATUS[L][t.status], t.priority,
    CHANNEL[L][t.channel], BOOL[L][t.complaint], BOOL[L][t.reopened], t.customer, BOOL[L][t.callback],
  ]);
  if (mi === 0 || mi === 4) ticketRows.splice(20, 0, [...ticketRows[19].slice(0, 2), '2025-11-03 09:00', '', '', 'P2', '', '', '', 'C100', '', 'extra cell']); // MALFORMED_ROW
  if (mi === 2 || mi === 3) ticketRows.splice(30, 0, [`${ticketRows[29][0]}X`, ticketRows[29][1], ticketRows[29][2], '', mi === 2 ? 'done?' : '完成了', 'P2', '', '', '', 'C100', '']); // BAD_ENUM
  const respRows = responses.map((r, i) => [r.id, r.eng, tsFmt[i % 3](r.received), r.first ? tsFmt[i % 3](r.first) : '', r.arrival ? tsFmt[i % 3](r.arrival) : '']);
  const survRows = surveys.map((s, i) => [s.id, s.ticket, s.eng, s.score, tsFmt[i % 3](s.submitted), s.comment]);
  const rosterRows = ENGINEERS.filter((e) => e[6][mi] !== '-' || (e[0] === 'E012' && mi === 5)).map(([id, name, team, level, pts, hire]) => [
    id, name, team, level, pts, hire, id === 'E012' && mi === 5 ? (L === 'zh' ? '离职' : 'left') : id === 'E013' ? (L === 'zh' ? '试用' : 'probation') : (L === 'zh' ? '在职' : 'active'),
  ]);
  const H = HEAD[L];
  const write = (name, rows, opts = {}) => {
    const text = csvText([H[name], ...rows], opts.delimiter ?? ',', opts.eol ?? '\n');
    let bytes;
    if (opts.encoding === 'gbk') bytes = encodeGb(text);
    else if (opts.encoding === 'utf16') bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    else bytes = Buffer.from((opts.bom ? '\ufeff' : '') + text, 'utf8');
    writeFileSync(join(dir, `${name}.${opts.ext ?? 'csv'}`), bytes);
  };

  switch (mi) {
    case 0: // all CSV, Chinese headers, UTF-8
      write('tickets', ticketRows); write('responses', respRows); write('surveys', survRows); write('roster', rosterRows);
      break;
    case 1: { // tickets as XLSX with real date cells; roster saved by Excel as GBK CSV
      const rows = tickets.map((t, i) => [t.id, t.eng, t.badDate ?? fmt.cell(t.created), t.resolved ? fmt.cell(t.resolved) : null, STATUS.zh[t.status], t.priority, CHANNEL.zh[t.channel], BOOL.zh[t.complaint], BOOL.zh[t.reopened], t.customer, i % 2 ? Number(t.callback) : BOOL.zh[t.callback]]);
      await xlsx(join(dir, 'tickets.xlsx'), H.tickets, rows, '工单', (ws) => {
        ws.getColumn(3).numFmt = 'yyyy-mm-dd hh:mm';
        ws.getColumn(4).numFmt = 'yyyy-mm-dd hh:mm';
      });
      write('responses', respRows, { eol: '\r\n' }); write('surveys', survRows, { bom: true }); write('roster', rosterRows, { encoding: 'gbk', eol: '\r\n' });
      break;
    }
    case 2: // English headers; roster as XLSX; surveys with BOM
      write('tickets', ticketRows); write('responses', respRows); write('surveys', survRows, { bom: true });
      await xlsx(join(dir, 'roster.xlsx'), H.roster, rosterRows.map((r) => [...r.slice(0, 5), fmt.cell(Date.parse(`${r[5]}T00:00:00Z`) - TZ_OFFSET), r[6]]), 'Roster', (ws) => {
        ws.getColumn(6).numFmt = 'yyyy-mm-dd';
      });
      break;
    case 3: { // tickets as GBK CSV (Excel on Windows); responses as XLSX with serial-number timestamps
      write('tickets', ticketRows, { encoding: 'gbk', eol: '\r\n' }); write('surveys', survRows); write('roster', rosterRows);
      const rows = responses.map((r) => [r.id, r.eng || null, fmt.serial(r.received), r.first ? fmt.serial(r.first) : null, r.arrival ? fmt.serial(r.arrival) : null]);
      await xlsx(join(dir, 'responses.xlsx'), H.responses, rows, '响应记录');
      break;
    }
    case 4: // semicolon CSV with CRLF; surveys as TSV; roster UTF-16 (Excel "Unicode text")
      write('tickets', ticketRows, { delimiter: ';', eol: '\r\n' }); write('responses', respRows);
      write('surveys', survRows, { delimiter: '\t', ext: 'tsv' }); write('roster', rosterRows, { encoding: 'utf16', delimiter: '\t', eol: '\r\n' });
      break;
    case 5: { // tickets XLSX with formula, rich-text and hyperlink cells; the rest CSV
      const rows = tickets.map((t, i) => [t.id, t.eng, t.badDate ?? fmt.cell(t.created), t.resolved ? fmt.cell(t.resolved) : null, STATUS.zh[t.status], t.priority, CHANNEL.zh[t.channel], BOOL.zh[t.complaint], BOOL.zh[t.reopened], t.customer, BOOL.zh[t.callback]]);
      await xlsx(join(dir, 'tickets.xlsx'), H.tickets, rows, '工单', (ws) => {
        ws.getColumn(3).numFmt = 'yyyy/m/d h:mm';
        ws.getColumn(4).numFmt = 'yyyy/m/d h:mm';
        ws.getCell('B2').value = { formula: 'UPPER("e001")', result: 'E001' };
        ws.getCell('F3').value = { richText: [{ text: 'P' }, { font: { bold: true }, text: '1' }] };
        ws.getCell('J4').value = { text: 'C777', hyperlink: 'https://example.invalid/customer/777' };
      });
      write('responses', respRows); write('surveys', survRows); write('roster', rosterRows);
      break;
    }
  }
  write('evaluations', evaluations);
  write('adjustments', adjustments);
}

rmSync(ROOT, { recursive: true, force: true });
mkdirSync(ROOT, { recursive: true });
for (let i = 0; i < MONTHS.length; i++) await month(i);
writeFileSync(join(ROOT, 'README.md'), `# Sample months

Generated by \`node scripts/make-fixtures.js\` (seeded, deterministic): six consecutive months, 2025-11 to 2026-04,
for 14 engineers of an after-sales service centre. \`npm run demo\` scores them in order into \`out/\`.

| month | what is special |
|---|---|
| 2025-11 | all CSV, Chinese headers, UTF-8 |
| 2025-12 | tickets as XLSX with real date cells; roster as GBK CSV (Excel on Windows), CRLF; surveys with a BOM |
| 2026-01 | English headers; roster as XLSX; the yearly regrade (level up for E002, down for E004) |
| 2026-02 | tickets as GBK CSV; responses as XLSX with Excel serial numbers; E013 joins (probation) |
| 2026-03 | tickets \`;\`-separated with CRLF; surveys as TSV; roster as UTF-16 text; E011 no longer on the roster |
| 2026-04 | tickets as XLSX with a formula, rich text and a hyperlink cell; E012 marked 离职 (left) |

Every month plants the same problems in new rows: a duplicate ticket (\`DUPLICATE_ID\`), a ticket of engineer
E999 (\`UNKNOWN_ENGINEER\`), a ticket created the month before (out of period), \`2026-02-30 10:00\` (\`BAD_DATE\`),
a first response before its request (\`NEGATIVE_DURATION\`), a response to ticket \`T_UNKNOWN\` (\`UNKNOWN_TICKET\`),
a survey score of 9 on the 1-5 scale (\`OUT_OF_RANGE\`). E005's name is a spreadsheet formula, survey comments start
with \`=\` and \`@\`: outputs must show them as text. E013's +15 score adjustment in 2026-02 exceeds the cap of 10.
`);
console.log(`fixtures written to ${ROOT}`);
