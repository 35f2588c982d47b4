import type { Tx } from '../database/transaction';

/**
 * What user management needs from the session store: end every session of a user inside the
 * caller's transaction on password reset, disable or role change (docs/design/decisions.md, "Sessions in the database"). Declared here and
 * implemented by the auth module's session store, so users/ never imports auth/ (module DAG).
 */
export abstract class UserSessions {
  abstract revokeAllForUser(userId: string, tx: Tx): Promise<number>;
}
