#!/usr/bin/env node
// Generates a large month deterministically (seeded): tickets, responses, surveys and a roster, as CSV.
// Usage: node bench/generate.js DIR [tickets=1000000] [engineers=2000] [--narrow]
// (responses = tickets, surveys = 30% of tickets).
// The default is the export month, about 275 MB for 1M tickets: rows as a ticket system exports them, with
// timestamps to the second and the columns no rule reads (customer, product, serial number, fault description in
// Chinese or English, survey comments, quoted where they hold commas or quotes). --narrow writes a 139 MiB month
// with only the columns the rules read (minutes): the same rows, a third of the bytes per row.
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export async function generate(dir, tickets = 1_000_000, engineers = 2000, period = '2026-10', narrow = false) {
  mkdirSync(dir, { recursive: true });
  let seed = 12345;
  // The narrow month keeps its original generator bit for bit, so its figures stay comparable (its product overflows 2^53, so its numbers
  // are poorly spread: some engineers get no tickets, first responses cluster); the export month multiplies exactly.
  const rand = narrow
    ? () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    }
    : () => {
      seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
      return seed / 0x80000000;
    };
  const [y, m] = period.split('-').map(Number);
  const start = Date.UTC(y, m - 1, 1) - 8 * 3600_000;
  const pad = (n) => String(n).padStart(2, '0');
  const fmt = (ms) => {
    const d = new Date(ms + 8 * 3600_000);
    const minute = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
    return narrow ? minute : `${minute}:${pad(d.getUTCSeconds())}`;
  };
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const csv = (v) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
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
  if (narrow) {
    await t.line('ticket_id,engineer_id,created_at,resolved_at,status,priority,channel,is_complaint,reopened,customer_id,callback_done');
    await r.line('ticket_id,engineer_id,received_at,first_response_at,onsite_arrival_at');
    await s.line('survey_id,ticket_id,engineer_id,score,submitted_at,comment');
  } else {
    await t.line('ticket_id,engineer_id,customer_id,customer_name,product,serial_no,subject,created_at,resolved_at,status,priority,channel,is_complaint,reopened,callback_done');
    await r.line('ticket_id,engineer_id,received_at,first_response_at,onsite_arrival_at,response_type');
    await s.line('survey_id,ticket_id,engineer_id,score,submitted_at,comment,survey_channel');
  }
  const monthMs = 28 * 86_400_000;
  let sn = 0;
  const at = (ms) => (narrow ? ms : ms + Math.floor(rand() * 60) * 1000);
  for (let i = 0; i < tickets; i++) {
    const id = `T${String(i).padStart(8, '0')}`;
    const e = eng(Math.floor(rand() * engineers));
    const created = at(start + Math.floor(rand() * monthMs / 60_000) * 60_000);
    const open = rand() < 0.05;
    // the export month's durations spread as a working service desk's do (most within the policy's targets)
    const within = (share, inside, beyond) => Math.floor(narrow ? rand() * (inside + beyond) : rand() < share ? rand() * inside : inside + rand() * beyond);
    const resolved = open ? '' : fmt(created + within(0.9, 24 * 60, 48 * 60) * 60_000);
    const onsite = rand() < 0.2;
    const status = open ? 'open' : 'resolved';
    const priority = `P${1 + Math.floor(rand() * 3)}`;
    const channel = onsite ? 'onsite' : 'phone';
    const flags = [rand() < 0.05 ? 1 : 0, rand() < 0.05 ? 1 : 0];
    const customer = Math.floor(rand() * 9999);
    const callback = rand() < 0.7 ? 1 : 0;
    if (narrow) {
      await t.line(`${id},${e},${fmt(created)},${resolved},${status},${priority},${channel},${flags[0]},${flags[1]},C${customer},${callback}`);
    } else {
      const model = pick(MODELS);
      await t.line(`${id},${e},C${customer},${csv(CUSTOMERS[customer % CUSTOMERS.length])},${csv(model)},SN${model.length}${String(Math.floor(rand() * 1e9)).padStart(9, '0')},${csv(pick(FAULTS))},${fmt(created)},${resolved},${status},${priority},${channel},${flags[0]},${flags[1]},${callback}`);
    }
    const own = rand() < 0.5 ? e : '';
    const first = fmt(at(created + (narrow ? Math.floor(rand() * 120) : within(0.9, 60, 120)) * 60_000));
    const arrival = onsite ? fmt(at(created + within(0.85, 120, 60) * 60_000)) : '';
    await r.line(narrow ? `${id},${own},${fmt(created)},${first},${arrival}` : `${id},${own},${fmt(created)},${first},${arrival},${pick(RESPONSE_TYPES)}`);
    if (rand() < 0.3) {
      const sid = `S${String(++sn).padStart(8, '0')}`;
      const score = narrow ? 1 + Math.floor(rand() * 5) : [5, 5, 5, 4, 4, 4, 3, 2, 1, 5][Math.floor(rand() * 10)];
      await s.line(narrow ? `${sid},${id},,${score},${fmt(created + 3600_000)},ok` : `${sid},${id},,${score},${fmt(at(created + 3600_000))},${csv(pick(COMMENTS))},${pick(SURVEY_CHANNELS)}`);
    }
  }
  await Promise.all([t.end(), r.end(), s.end()]);
  return { tickets, responses: tickets, surveys: sn, engineers };
}

// What the free-text columns of an export hold (none of them is read by a rule: only their bytes count).
const CUSTOMERS = [
  '上海华东精密机械有限公司', '北京中科电气设备有限公司', '广州南方制冷工程有限公司', '深圳市宏达电子科技有限公司', '杭州西湖食品有限公司',
  '成都天府物流股份有限公司', '武汉长江汽车零部件有限公司', '南京金陵制药有限公司', 'Acme Industrial Co., Ltd.', 'Northwind Foods GmbH',
  'Contoso Hospital', 'Fabrikam Plastics (Suzhou) Co., Ltd.', '苏州工业园区某某精密模具厂', '天津滨海新区港务集团', 'Harbin Ice Brewery',
];
const MODELS = ['XJ-3000 空压机', 'KT-520 螺杆冷水机组', 'DX-88 数控车床', 'LP-200 激光切割机', 'ZR-45 注塑机', 'HV-1200 变频器', 'PC-7 plc controller', 'AC-9 "Eco" chiller'];
const FAULTS = [
  '开机后报警E05，压缩机无法启动', '设备运行噪音大，疑似轴承磨损', '出风温度偏高，制冷效果差', '触摸屏黑屏，无法操作', '主轴异响，加工精度下降',
  'Leaking oil at the main seal, customer requests on-site visit', 'Alarm 217: over-current on axis X, resets after restart', 'Unit trips breaker, 3 times this week',
  '客户反映"时好时坏"，需要上门检查', '年度保养，更换滤芯、润滑油', 'Touch panel unresponsive after firmware update', '水泵漏水，地面有积水',
];
const COMMENTS = [
  '工程师很专业，响应及时，问题一次解决', '上门速度快，态度好', '等了两天才有人联系，希望改进', '非常满意', '还行吧，问题解决了但是过程有点慢',
  'Fixed quickly, very friendly engineer', 'Had to call three times before anyone came, not happy', 'Good job, thanks!', '"Excellent" service, would recommend',
  '配件没带齐，跑了两趟，耽误生产', '讲解很耐心，教会了我们日常维护', 'ok', '', 'Engineer arrived late, but fixed it, so 3 stars',
];
const RESPONSE_TYPES = ['phone', 'remote', 'onsite', '电话', '远程'];
const SURVEY_CHANNELS = ['sms', 'wechat', 'email', '短信', '微信'];

if (import.meta.url === `file://${process.argv[1]}`) {
  const narrow = process.argv.includes('--narrow');
  const [dir, n = '1000000', e = '2000'] = process.argv.slice(2).filter((a) => a !== '--narrow');
  if (!dir) {
    console.error('usage: node bench/generate.js DIR [tickets] [engineers] [--narrow]');
    process.exit(2);
  }
  const r = await generate(dir, Number(n), Number(e), '2026-10', narrow);
  console.error(`generated ${JSON.stringify(r)} in ${dir}`);
}
