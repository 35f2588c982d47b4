import { createCipheriv, createDecipheriv, hkdfSync } from 'node:crypto';
import { RandomSource } from './random-source';

const VERSION = 'v1';

/**
 * AES-256-GCM sealing of short-lived secrets (docs/design/decisions.md, "Sealed secrets, not process memory"). The
 * key is derived from the session
 * secret with HKDF, so no second secret has to be managed, yet a leaked key does not reveal the
 * session secret. Sealed text: `v1.<iv>.<tag>.<ciphertext>` (base64url parts). Built by
 * src/config/config.module.ts from the validated session secret (common/ never reads config).
 */
export class SecretSealer {
  private readonly key: Buffer;

  constructor(
    sessionSecret: string,
    private readonly random: RandomSource,
  ) {
    this.key = Buffer.from(hkdfSync('sha256', sessionSecret, 'opstage-ce', 'sealed-secrets-v1', 32));
  }

  seal(value: unknown): string {
    const iv = this.random.bytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return [
      VERSION,
      iv.toString('base64url'),
      cipher.getAuthTag().toString('base64url'),
      body.toString('base64url'),
    ].join('.');
  }

  /** Returns the sealed value, or undefined when the text is not ours or was tampered with. */
  open(sealed: string): unknown {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== VERSION || !iv || !tag || body === undefined) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      const plain = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]);
      return JSON.parse(plain.toString('utf8')) as unknown;
    } catch {
      return undefined;
    }
  }
}
