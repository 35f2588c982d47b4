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
  'nav.apiTokens': 'API Tokens',
  'apiTokens.intro':
    'Tokens let scripts, CI and the opstage command line use the admin API without a password. A token is viewer or operator, never owner, and expires.',
  'apiTokens.create': 'Create API token',
  'apiTokens.created': 'API token created',
  'apiTokens.role': 'Role',
  'apiTokens.roleHint': 'Tokens never carry the owner role.',
  'apiTokens.subject': 'Acts for',
  'apiTokens.serviceAccount': 'Service account',
  'apiTokens.serviceAccountHint': 'A name for a token that belongs to no person, e.g. ci-bot.',
  'apiTokens.user': 'User',
  'apiTokens.days': '{days} days',
  'apiTokens.scope': 'Scope (labels)',
  'apiTokens.scopeHint':
    'Optional key:value pairs, comma-separated: only services with all these labels.',
  'apiTokens.allServices': 'All services',
  'apiTokens.shownOnceBody':
    'Copy it now into your CI secret store or `opstage login`. Opstage keeps only a hash and cannot show it again.',
  'apiTokens.hint': 'Ends with',
  'apiTokens.lastUsed': 'Last used',
  'apiTokens.neverUsed': 'Never',
  'apiTokens.empty': 'No API tokens yet. Create one for a script or CI job.',
  'apiTokens.confirmRevoke.title': 'Revoke API token {name}?',
  'apiTokens.confirmRevoke.message':
    'Every request with this token is refused from now on. This cannot be undone.',
  'apiTokens.revoked': 'API token {name} revoked',
} as const;
