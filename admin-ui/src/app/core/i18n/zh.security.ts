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
  'nav.apiTokens': 'API 令牌',
  'apiTokens.intro':
    '令牌让脚本、CI 和 opstage 命令行无需密码即可调用管理 API。令牌角色为查看者或操作员（绝不是所有者），并会过期。',
  'apiTokens.create': '创建 API 令牌',
  'apiTokens.created': 'API 令牌已创建',
  'apiTokens.role': '角色',
  'apiTokens.roleHint': '令牌绝不拥有所有者角色。',
  'apiTokens.subject': '代表',
  'apiTokens.serviceAccount': '服务账号',
  'apiTokens.serviceAccountHint': '不属于任何人的令牌所用的名称，例如 ci-bot。',
  'apiTokens.user': '用户',
  'apiTokens.days': '{days} 天',
  'apiTokens.scope': '范围（标签）',
  'apiTokens.scopeHint': '可选的 key:value 对，以逗号分隔：仅限带有全部这些标签的服务。',
  'apiTokens.allServices': '全部服务',
  'apiTokens.shownOnceBody':
    '请立即复制到 CI 密钥库或 `opstage login`。Opstage 只保存哈希，无法再次显示。',
  'apiTokens.hint': '结尾',
  'apiTokens.lastUsed': '最近使用',
  'apiTokens.neverUsed': '从未',
  'apiTokens.empty': '还没有 API 令牌。为脚本或 CI 任务创建一个。',
  'apiTokens.confirmRevoke.title': '吊销 API 令牌 {name}？',
  'apiTokens.confirmRevoke.message': '从现在起，使用此令牌的每个请求都会被拒绝。此操作无法撤销。',
  'apiTokens.revoked': 'API 令牌 {name} 已吊销',
};
