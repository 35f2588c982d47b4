/** English texts of the recovery-token and reveal controls (split out to keep en.ts small). */
export const EN_SECURITY = {
  'agents.recovery.create': 'Create recovery token',
  'agents.recovery.title': 'Recovery token for {code} is shown only once',
  'agents.recovery.body':
    'Start the agent once with this registration token (OPSTAGE_REGISTRATION_TOKEN) after deleting its token file. It can only register this agent code, keeps the agent id and history, and expires in 24 hours. A disabled agent stays disabled.',
  'agents.recovery.copy': 'Copy token',
  'agents.recovery.hide': 'Hide',
  'result.reveal': 'Reveal',
  'result.revealTitle': 'One-time value',
  'result.revealNotice':
    'This result holds a one-time value. It can be revealed once, by one operator, until {expiresAt}; the reveal is audited.',
  'result.revealViewer':
    'This result holds a one-time value that only an operator or owner can reveal.',
} as const;
