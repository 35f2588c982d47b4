import { EN_SECURITY } from './en.security';

/** 恢复令牌与一次性值查看控件的中文文本。 */
export const ZH_SECURITY: Record<keyof typeof EN_SECURITY, string> = {
  'agents.recovery.create': '创建恢复令牌',
  'agents.recovery.title': '{code} 的恢复令牌仅显示一次',
  'agents.recovery.body':
    '删除代理的令牌文件后，使用此注册令牌（OPSTAGE_REGISTRATION_TOKEN）启动代理一次。它只能注册此代理编码，保留代理 ID 和历史记录，24 小时后过期。已停用的代理仍保持停用。',
  'agents.recovery.copy': '复制令牌',
  'agents.recovery.hide': '隐藏',
  'result.reveal': '查看',
  'result.revealTitle': '一次性值',
  'result.revealNotice':
    '此结果包含一个一次性值。在 {expiresAt} 之前，仅可由一名操作员查看一次；查看会被审计。',
  'result.revealViewer': '此结果包含一个一次性值，只有操作员或所有者可以查看。',
};
