/**
 * The comparison form of a username (docs/operators.md): Unicode NFKC, then case folded, so
 * `Admin@Example.local`, `admin@example.local` and full-width `ａｄｍｉｎ` are one name for
 * uniqueness, login and the login throttle alike.
 */
export function usernameKey(username: string): string {
  return username.normalize('NFKC').toLowerCase().normalize('NFKC');
}
