import { EN_APPROVALS } from './en.approvals';

/** 双人审批（四眼原则）的中文文本。 */
export const ZH_APPROVALS: Record<keyof typeof EN_APPROVALS, string> = {
  'status.AWAITING_APPROVAL': '待审批',
  'status.CRITICAL': '严重',
  'approvals.badge': '{count} 个待审批',
  'approvals.title': '需要审批',
  'approvals.waiting': '等待其他操作员或所有者批准…',
  'approvals.body': '该操作需经第二人批准后才会执行。若无人处理，请求将于 {expiresAt} 过期。',
  'approvals.ownRequest': '此命令由您发起：需由其他操作员或所有者批准或拒绝。',
  'approvals.comment': '备注（拒绝时必填，记入审计日志）',
  'approvals.approve': '批准',
  'approvals.reject': '拒绝',
  'approvals.approved': '已批准：代理将立即领取该命令',
  'approvals.rejected': '已拒绝',
  'approvals.settings': '审批（四眼原则）',
  'approvals.settingsHelp': '以下危险级别的操作执行后，需等待其他操作员或所有者批准。',
  'approvals.ttlSeconds': '请求过期时间（秒）',
  'approvals.settingsSaved': '审批设置已保存',
  'diag.expiredApprovals': '过期的审批请求',
};
