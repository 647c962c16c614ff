// The default assessment policy as commented YAML: `scorecard init` writes it, and it is the policy used when no rules file exists.

export const DEFAULT_RULES_YAML = `# scorecard rules: the assessment policy of the after-sales service centre (售后服务中心考核办法).
# Every number below is policy and may be changed; scorecard checks the whole file before reading any
# data and names the exact place of any mistake (for example indicators[3].scoring.bands[1].max).
version: 1

# Language of output headers and labels: en | zh-CN (the --locale option overrides it).
locale: zh-CN
# Timestamps written without an offset are read in this timezone; months are counted in it too.
timezone: Asia/Shanghai

# Satisfaction surveys: the scale the survey system uses (scores are converted to 0-100), and the
# score from which a customer counts as satisfied (for the csat_satisfied_rate metric).
surveys: { scale: [1, 5], satisfied_at: 4 }

# What an indicator with too little data (fewer cases than its min_sample) counts for:
#   reweight  - it is left out and the other indicators of its dimension share its weight
#   neutral:N - it scores N (e.g. neutral:70)
#   zero      - it scores 0
insufficient: reweight

# Dimensions (考核维度) and their weights in the total; the weights must add up to 100.
# neutral: the score a dimension gets when an engineer has no data at all in it (flagged no_data:<id>).
dimensions:
  - { id: quality,  label: { en: Work quality, zh-CN: 工作质量 },   weight: 50, neutral: 70 }
  - { id: skill,    label: { en: Business level, zh-CN: 业务水平 }, weight: 30, neutral: 70 }
  - { id: attitude, label: { en: Service attitude, zh-CN: 服务态度 }, weight: 20, neutral: 70 }

# Indicators (考核指标): each turns one metric into a score from 0 to 100 and belongs to one dimension.
# weight is relative inside the dimension. min_sample: fewer cases than this makes it "insufficient".
# Metrics: tickets, resolved, resolution_rate, first_response_minutes_mean|median|p90,
#   first_response_within_rate (params: minutes), first_response_missing,
#   onsite_arrival_within_rate (params: minutes; onsite tickets only), resolution_hours_mean|median|p90,
#   resolution_days_mean, resolved_within_rate (params: hours), complaint_rate,
#   complaint_resolved_within_rate (params: hours), reopen_rate, callback_rate, csat_mean (0-100),
#   csat_satisfied_rate (params: at), surveys, and eval:ITEM for an item of the evaluations file.
# Scoring kinds:
#   linear - 0 at worst, 100 at best, in between on a straight line (worst above best: lower is better)
#   bands  - bands ordered by max (inclusive), each with points; score = points / best points x 100;
#            the last band may omit max to catch everything above
#   target - at_least: X (or at_most: X): 100 when met, else the "else" score
#   value  - the metric is already a 0-100 score (supervisor or training evaluations)
indicators:
  - id: first_response
    label: { en: First response within 1 h, zh-CN: 1小时首次响应率 }
    dimension: quality
    weight: 20
    metric: first_response_within_rate
    params: { minutes: 60 }
    min_sample: 5
    scoring: { kind: linear, worst: 0.80, best: 1.00 }
  - id: resolved_24h
    label: { en: Resolved within 24 h, zh-CN: 24小时解决率 }
    dimension: quality
    weight: 25
    metric: resolved_within_rate
    params: { hours: 24 }
    scoring: { kind: linear, worst: 0.80, best: 0.95 }
  - id: handling_speed
    label: { en: Fault handling speed, zh-CN: 故障处理速度 }
    dimension: quality
    weight: 20
    metric: resolution_days_mean
    # 0-2 days 5 points, 2-4 days 4, 4-6 days 3, 6-8 days 2, over 8 days 1
    scoring: { kind: bands, bands: [ { max: 2, points: 5 }, { max: 4, points: 4 }, { max: 6, points: 3 },
                                     { max: 8, points: 2 }, { points: 1 } ] }
  - id: onsite_2h
    label: { en: On-site within 2 h, zh-CN: 2小时到场率 }
    dimension: quality
    weight: 10
    metric: onsite_arrival_within_rate
    params: { minutes: 120 }
    min_sample: 3
    scoring: { kind: linear, worst: 0.70, best: 1.00 }
  - id: complaints
    label: { en: Complaint rate, zh-CN: 投诉率 }
    dimension: quality
    weight: 15
    metric: complaint_rate
    scoring: { kind: linear, worst: 0.15, best: 0.05 }   # lower is better
  - id: reopens
    label: { en: Reopen rate, zh-CN: 重开率 }
    dimension: quality
    weight: 10
    metric: reopen_rate
    scoring: { kind: linear, worst: 0.20, best: 0.02 }   # lower is better
  - id: knowledge
    label: { en: Professional knowledge, zh-CN: 专业知识 }
    dimension: skill
    weight: 60
    metric: "eval:knowledge"
    scoring: { kind: value }
  - id: training
    label: { en: Training hours, zh-CN: 培训学时 }
    dimension: skill
    weight: 40
    metric: "eval:training_hours"
    scoring: { kind: target, at_least: 8, else: 50 }
  - id: csat
    label: { en: Customer satisfaction, zh-CN: 客户满意度 }
    dimension: attitude
    weight: 70
    metric: csat_mean
    min_sample: 3
    scoring: { kind: linear, worst: 60, best: 90 }
  - id: supervisor
    label: { en: Supervisor evaluation, zh-CN: 主管评价 }
    dimension: attitude
    weight: 30
    metric: "eval:attitude"
    scoring: { kind: value }

# Bonus and deduction items of the adjustments file with target "score" are added to the month's
# total, their sum capped to this range.
adjustments: { score_cap: { min: -10, max: 10 } }

# Ratings (考核等级), best first; min is inclusive and applies to the total rounded to one decimal.
# bonus: money paid with the month (negative = deduction); points: added to the points ledger.
ratings:
  - { id: excellent, label: { en: Excellent, zh-CN: 优秀 },  min: 90, bonus: 1000, points: 10 }
  - { id: good,      label: { en: Good, zh-CN: 良好 },       min: 80, bonus: 500,  points: 5 }
  - { id: pass,      label: { en: Pass, zh-CN: 合格 },       min: 70, bonus: 0,    points: 0 }
  - { id: fail,      label: { en: Fail, zh-CN: 不合格 },     min: 0,  bonus: -500, points: -5 }

# Consecutive-month rules: the action fires once, in the month the run of ratings reaches its length.
streaks:
  - { id: warning,        label: { en: Performance warning, zh-CN: 绩效警告 }, ratings: [fail], length: 2 }
  - { id: job_adjustment, label: { en: Job adjustment, zh-CN: 岗位调整 },      ratings: [fail], length: 3 }

# Points ledger (积分制). Each month adds the rating's points plus "points" adjustments. Once a year, in
# regrade_month, annual points = previous annual points + the twelve previous months' points + seniority
# points (seniority_points_per_year for an engineer with at least one year of service); the level is the
# highest one whose min_points is reached (annual points never fall below 0); base monthly salary = annual points x
# salary_per_point.
ledger:
  regrade_month: 1
  salary_per_point: 10
  seniority_points_per_year: 10
  levels:
    - { level: 1, label: { en: Junior, zh-CN: 初级 },       min_points: 0 }
    - { level: 2, label: { en: Intermediate, zh-CN: 中级 }, min_points: 250 }
    - { level: 3, label: { en: Senior, zh-CN: 高级 },       min_points: 300 }
    - { level: 4, label: { en: Principal, zh-CN: 资深 },    min_points: 400 }
    - { level: 5, label: { en: Expert, zh-CN: 专家 },       min_points: 500 }
  # Engineers at min_level or above: after no_bonus_months consecutive months without bonus points
  # (rating points above 0), the salary drops by step more each following month until a month earns
  # bonus points; restore_bonus_months consecutive bonus months restore the full salary. Never below floor.
  pay_rule: { min_level: 3, no_bonus_months: 2, step: 200, restore_bonus_months: 2, floor: 2000 }

# Per input (tickets, responses, surveys, roster, adjustments, evaluations), all optional:
#   aliases:     extra header names for a column, e.g. { engineer_id: [Assignee, 负责人] }
#   values:      extra words for coded values, e.g. { status: { resolved: [Done, 完成] } }
#   sheet:       the XLSX sheet to read (default: the first)
#   delimiter:   "," ";" or "\\t" (default: detected)
#   encoding:    utf-8 | utf-16le | utf-16be | gb18030 (default: detected)
#   date_format: e.g. "D/M/YYYY H:mm" for day-first dates (tokens YYYY M MM D DD H HH mm ss SSS)
#   null_values: cell texts that mean "empty", e.g. ["?", "N/A", "-"]
#   duplicates:  reject | keep_first | keep_last  (what a repeated id means; default reject)
#   The events input (an event log: one row per status change, as ServiceNow, Jira or process-mining exports
#   give) also takes these options; see event_log below.
inputs:
  tickets: { aliases: { engineer_id: [Assignee, 负责人] } }

# Event logs (optional): instead of tickets and responses files, give --events FILE (or events.csv in --input-dir)
# and say here how its rows become tickets. Each fact comes from the ticket's events with one of the listed
# activities (pick: first | last when there are several), or from a column of the ticket's latest row:
# event_log:
#   columns: { ticket_id: Case ID, timestamp: Complete Timestamp, activity: Activity, actor: Resource }
#   created: { activity: [Insert ticket] }              # default: the ticket's first event
#   first_response: { activity: [Take in charge ticket] }
#   resolved: { activity: [Resolve ticket], pick: last } # or { column: resolved_at }
#   closed: { activity: [Closed] }
#   reopened: { column: reopen_count }                  # a yes/no or a count above 0
#   cancelled: { activity: [Cancelled] }
#   engineer: [resolver, first_responder, last_actor]   # who the ticket is scored for: the first rule that names someone
#   exclude_actors: [SYSTEM]                            # system accounts: their events count, but they are nobody's work
#   derive_roster: false                                # true: no roster file; the roster is who worked each month

# Working-time calendars (optional): a duration indicator counts working time with params: { calendar: office }.
# weekly: the working intervals of each weekday (a day left out is closed; ["22:00","06:00"] runs past midnight);
# holidays: cn takes China's official holidays and make-up working days (调休), none takes no holidays; overrides add
# or correct dates. A calendar file (calendar.csv: date, closed, hours, calendar) does the same for one run.
# calendars:
#   office:
#     timezone: Asia/Shanghai
#     weekly: { mon: [["09:00","12:00"],["13:30","18:00"]], tue: [["09:00","12:00"],["13:30","18:00"]],
#               wed: [["09:00","12:00"],["13:30","18:00"]], thu: [["09:00","12:00"],["13:30","18:00"]],
#               fri: [["09:00","12:00"],["13:30","18:00"]] }
#     holidays: cn
#     overrides: [ { date: 2026-12-31, hours: [["09:00","12:00"]] }, { date: 2026-06-01, closed: true } ]

# Assessment cycles (scorecard cycle --period 2026-Q1 | 2026-H1 | 2026): computed from the months published in --out,
# never by reading the exports again. Per kind, method: mean (the mean of the monthly totals, rounded half-up to one
# decimal once) or recompute (the metrics recomputed over all the cycle's cases by merging the months' metric
# states, then scored once under this policy; the score adjustment is the mean of the months'). ratings: the
# cycle's own (with a bonus each); default the monthly ratings, no bonus. An engineer scored in fewer than
# min_months of the cycle's months is listed with a flag and no rating.
cycles:
  min_months: 2
  quarter: { method: mean }
  half_year: { method: mean }
  year: { method: mean }
  #   year:
  #     method: mean
  #     ratings:
  #       - { id: excellent, label: { en: Excellent, zh-CN: 优秀 }, min: 90, bonus: 3000 }
  #       - { id: good,      label: { en: Good, zh-CN: 良好 },      min: 80, bonus: 1000 }
  #       - { id: pass,      label: { en: Pass, zh-CN: 合格 },      min: 70, bonus: 0 }
  #       - { id: fail,      label: { en: Fail, zh-CN: 不合格 },    min: 0,  bonus: 0 }
  #     annual:                       # the annual review (年度考核) also weighs ability: items of an evaluations
  #       weight: 20                  # file given to scorecard cycle --evaluations, 20% of the year's total
  #       items: [ { item: ability, label: { en: Ability, zh-CN: 能力 }, weight: 1 } ]

# Calibration (calibration.csv and a sheet of the cycle's workbook): per team and for the centre, the count and share
# of each rating against max_share (e.g. excellent at most 20%); a team over it is flagged. forced_distribution:
# true moves the lowest totals of a rating over its share down to the next rating (off by default).
calibration:
  max_share: {}
  forced_distribution: false

# Who a year's results name for recognition (评优) or promotion (晋级): a rating of the year and at least
# min_months months scored. For example:
# recognition:
#   - { id: annual_star, label: { en: Annual star, zh-CN: 年度之星 }, kind: recognition, rating: excellent, min_months: 10 }
#   - { id: promotion,   label: { en: Promotion, zh-CN: 晋级 },       kind: promotion,   rating: excellent, min_months: 12 }
recognition: []

# Probation review (试用期考核): an engineer whose roster status is probation and whose probation_end (roster column
# 试用期结束) falls in the month scored gets a result there, in the scorecards' flags and the grade changes: the mean
# of their monthly totals so far >= pass_at: passed (转正); >= extend_at: probation extended (延长试用期); else not
# passed (不予转正).
probation: { pass_at: 80, extend_at: 70 }

# First grade (入职定级): an onboarding file (engineer_id, exam_score, experience_points, education_points) gives a new
# engineer 入职总分 = exam + experience + education as their starting annual points, their level from the level table
# and their base salary. An exam below pass_mark leaves them ungraded, with a flag (the probation is extended, at most
# 3 months).
onboarding: { pass_mark: 80 }

# CSV outputs: bom: auto writes a UTF-8 byte-order mark when the locale is zh-CN (Excel on a Chinese Windows reads a
# CSV without one as GBK and garbles it) and none in en; true or false decide for every locale. Standard output never
# gets one.
csv: { bom: auto }
`;
