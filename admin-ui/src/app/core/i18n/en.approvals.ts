/** English texts of four-eyes approval (docs/actions-and-commands.md, "Approval"). */
export const EN_APPROVALS = {
  'status.AWAITING_APPROVAL': 'AWAITING APPROVAL',
  'status.CRITICAL': 'CRITICAL',
  'approvals.badge': '{count} waiting for approval',
  'approvals.title': 'Approval needed',
  'approvals.waiting': 'Waiting for another operator or an owner to approve it…',
  'approvals.body':
    'This action runs only after a second person approves it. Without a decision the request expires at {expiresAt}.',
  'approvals.ownRequest':
    'You requested this command: another operator or an owner must approve or reject it.',
  'approvals.comment': 'Comment (required to reject, kept in the audit log)',
  'approvals.approve': 'Approve',
  'approvals.reject': 'Reject',
  'approvals.approved': 'Approved: the agent picks the command up now',
  'approvals.rejected': 'Rejected',
  'approvals.settings': 'Approval (four eyes)',
  'approvals.settingsHelp':
    'Executes of actions with these danger levels wait until another operator or an owner approves them.',
  'approvals.ttlSeconds': 'Request expires after (seconds)',
  'approvals.settingsSaved': 'Approval settings saved',
  'diag.expiredApprovals': 'Approval requests expired',
} as const;
