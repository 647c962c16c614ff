// The input files of SPEC section 3: canonical columns, which are required, their value type and built-in header aliases.
import type { InputName } from '../config/schema.js';
import type { EnumSpec } from './values.js';

export type ColumnType = 'id' | 'text' | 'timestamp' | 'number' | 'bool' | 'enum';
export interface ColumnSpec {
  id: string; required: boolean; type: ColumnType; aliases: string[]; values?: EnumSpec;
  /** an optional text column that no rule reads yet (it can neither reject a row nor change a figure): not parsed */
  informational?: true;
  /** a number column that holds a share: only there does a trailing % mean "divide by 100" */
  rate?: true;
}

const ENGINEER = ['工号', '工程师工号', '处理人工号', '员工编号', '工程师编号', 'engineer', 'engineer id', 'employee id', 'agent', 'agent id'];
const TICKET = ['工单编号', '工单号', 'ticket', 'ticket id', 'ticket no'];

const col = (id: string, required: boolean, type: ColumnType, aliases: string[], values?: EnumSpec): ColumnSpec => ({ id, required, type, aliases, values });

export const TICKET_STATUS: EnumSpec = { open: ['处理中', '未解决', '待处理', 'new', 'in progress', 'pending'], resolved: ['已解决', 'solved'], closed: ['已关闭', '关闭'], cancelled: ['已取消', '取消', 'canceled'] };
export const CHANNELS: EnumSpec = { phone: ['电话', 'call', 'hotline'], email: ['邮件', 'e-mail', 'mail'], online: ['在线', 'web', 'chat', 'app'], onsite: ['现场', '上门', 'on-site', 'on site', 'field'] };
export const ROSTER_STATUS: EnumSpec = { active: ['在职', '正式'], probation: ['试用', '试用期'], left: ['离职', '已离职', 'inactive'] };
export const CORRECTION_ACTIONS: EnumSpec = {
  exclude_ticket: ['剔除工单'], exclude_survey: ['剔除评价', '剔除满意度'], reassign_ticket: ['改派工单', '工单改派'], set_evaluation: ['修改评价', '更正评价'],
  adjust_score: ['调整得分', '加减分'], adjust_points: ['调整积分'],
};
export const ADJUSTMENT_TARGET: EnumSpec = { score: ['分数', '得分', '考核分'], points: ['积分'] };

export const COLUMNS: Record<InputName, ColumnSpec[]> = {
  tickets: [
    col('ticket_id', true, 'id', TICKET),
    col('engineer_id', true, 'id', ENGINEER),
    col('created_at', true, 'timestamp', ['创建时间', '报修时间', 'created', 'opened_at']),
    col('resolved_at', false, 'timestamp', ['解决时间', 'resolved']),
    col('status', false, 'enum', ['状态', '工单状态'], TICKET_STATUS),
    { ...col('priority', false, 'text', ['优先级']), informational: true },
    col('channel', false, 'enum', ['渠道', '来源'], CHANNELS),
    col('is_complaint', false, 'bool', ['是否投诉', '投诉', 'complaint']),
    col('reopened', false, 'bool', ['是否重开', '重开', 'reopen']),
    { ...col('customer_id', false, 'text', ['客户编号', '客户']), informational: true },
    col('callback_done', false, 'bool', ['是否回访', '回访', 'callback']),
  ],
  responses: [
    col('ticket_id', true, 'id', TICKET),
    col('engineer_id', false, 'id', ENGINEER),
    col('received_at', true, 'timestamp', ['受理时间', 'received']),
    col('first_response_at', false, 'timestamp', ['首次响应时间', '响应时间', 'first_response']),
    col('onsite_arrival_at', false, 'timestamp', ['到场时间', '到达时间', 'arrival_at']),
  ],
  surveys: [
    col('survey_id', true, 'id', ['调查编号', '问卷编号', '评价编号']),
    col('ticket_id', false, 'id', TICKET),
    col('engineer_id', false, 'id', ENGINEER),
    col('score', true, 'number', ['满意度', '满意度评分', '评分', '分数']),
    col('submitted_at', true, 'timestamp', ['提交时间', '评价时间']),
    { ...col('comment', false, 'text', ['评价', '评价内容', '备注']), informational: true },
  ],
  roster: [
    col('engineer_id', true, 'id', ENGINEER),
    col('name', true, 'text', ['姓名', '名字']),
    col('team', false, 'text', ['班组', '小组', '团队', '部门']),
    col('level', false, 'number', ['等级', '技能等级', '级别']),
    col('annual_points', false, 'number', ['年度积分', '积分']),
    col('hire_date', false, 'timestamp', ['入职日期', '入职时间']),
    col('status', false, 'enum', ['状态', '在职状态'], ROSTER_STATUS),
    col('probation_end', false, 'timestamp', ['试用期结束', '试用期结束日期', '试用期满', '转正日期', 'probation end']),
  ],
  adjustments: [
    col('engineer_id', true, 'id', ENGINEER),
    col('date', true, 'timestamp', ['日期', '发生日期']),
    col('target', true, 'enum', ['对象', '类型', '加减分类型'], ADJUSTMENT_TARGET),
    col('value', true, 'number', ['分值', '数值', '加减分']),
    col('reason', true, 'text', ['原因', '事由', '说明']),
    col('approved_by', false, 'text', ['审批人', '批准人']),
  ],
  evaluations: [
    col('engineer_id', true, 'id', ENGINEER),
    col('item', true, 'text', ['项目', '考核项目', '评价项']),
    col('value', true, 'number', ['分值', '得分', '数值']),
  ],
  events: [], // an event log's columns come from the config's event_log mapping (validate/event-log.ts)
  calendar: [
    col('date', true, 'timestamp', ['日期']),
    col('closed', false, 'bool', ['休息', '不上班', '放假']),
    col('hours', false, 'text', ['工作时间', '上班时间']),
    col('calendar', false, 'text', ['日历']),
  ],
  corrections: [
    col('correction_id', true, 'id', ['申诉编号', '更正编号', '编号']),
    col('period', true, 'text', ['考核期间', '月份']),
    col('engineer_id', true, 'id', ENGINEER),
    col('action', true, 'enum', ['处理', '更正类型', '动作'], CORRECTION_ACTIONS),
    col('target', false, 'text', ['对象', '目标']),
    { ...col('value', false, 'text', ['值', '新值', '数值']) },
    col('reason', false, 'text', ['原因', '事由']),
    col('approved_by', false, 'text', ['审批人', '批准人']),
    col('decided_at', false, 'timestamp', ['决定日期', '审批日期']),
  ],
  onboarding: [
    col('engineer_id', true, 'id', ENGINEER),
    col('exam_score', true, 'number', ['考核总分', '考试成绩', '入职考核', '考核成绩']),
    col('experience_points', false, 'number', ['基础经验分', '经验分']),
    col('education_points', false, 'number', ['学历分']),
  ],
};
